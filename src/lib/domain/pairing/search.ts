// The local search over a round's tables: swaps and moves while the total improves, kicks to leave
// local optima, and a repair that seats the last ones by first allowing, then removing, conflicts.
import type { Room, Seats } from './room';

const EPSILON = 1e-9;
/** A bound on the work of one local search (it stops far earlier in practice). */
const MAX_STEPS = 20_000;

/**
 * Local search over tables of two and three: swaps two people of different tables, or moves someone from
 * a table of three to a table of two, while the total improves. `fixed` people (locked pairs) stay put.
 * Only tables changed since they were last compared with all others are compared again.
 */
export function improve(
	rules: Seats,
	tables: number[][],
	fixed: ReadonlySet<number>,
	changed: Iterable<number> = tables.keys(),
): void {
	const queue = [...new Set(changed)];
	const queued = new Set(queue);
	for (let steps = 0; queue.length > 0 && steps < MAX_STEPS; steps++) {
		const t = queue.pop() as number;
		queued.delete(t);
		for (let u = 0; u < tables.length; u++) {
			if (u === t || !tryPair(rules, tables[t], tables[u], fixed)) continue;
			for (const v of [t, u])
				if (!queued.has(v)) {
					queue.push(v);
					queued.add(v);
				}
		}
	}
}

/** May x sit with everyone at the table but `skip` (x itself aside)? */
function fits(rules: Seats, x: number, table: readonly number[], skip = -1): boolean {
	for (const y of table) if (y !== x && y !== skip && !rules.allowed(x, y)) return false;
	return true;
}

/** What x adds to the table, `skip` aside. */
function gain(rules: Seats, x: number, table: readonly number[], skip = -1): number {
	let sum = 0;
	for (const y of table) if (y !== x && y !== skip) sum += rules.score(x, y);
	return sum;
}

function tableScore(rules: Seats, table: readonly number[]): number {
	let sum = 0;
	for (let i = 0; i < table.length; i++)
		for (let j = i + 1; j < table.length; j++) sum += rules.score(table[i], table[j]);
	return sum;
}

/** The best swap or move between two tables, applied if it improves the total. */
function tryPair(rules: Seats, a: number[], b: number[], fixed: ReadonlySet<number>): boolean {
	let best = EPSILON;
	let apply: (() => void) | null = null;
	for (let p = 0; p < a.length; p++) {
		const x = a[p];
		if (fixed.has(x)) continue;
		for (let q = 0; q < b.length; q++) {
			const y = b[q];
			if (fixed.has(y) || !fits(rules, y, a, x) || !fits(rules, x, b, y)) continue;
			const delta = gain(rules, y, a, x) + gain(rules, x, b, y) - gain(rules, x, a) - gain(rules, y, b);
			if (delta > best) {
				best = delta;
				apply = () => {
					a[p] = y;
					b[q] = x;
				};
			}
		}
	}
	for (const [from, to] of [
		[a, b],
		[b, a],
	]) {
		if (from.length !== 3 || to.length !== 2) continue;
		for (const x of from) {
			if (fixed.has(x) || !fits(rules, x, to)) continue;
			const delta = gain(rules, x, to) - gain(rules, x, from);
			if (delta > best) {
				best = delta;
				apply = () => {
					from.splice(from.indexOf(x), 1);
					to.push(x);
				};
			}
		}
	}
	apply?.();
	return apply !== null;
}

/** Kicks of the iterated local search: enough for rooms of a speed-dating, cheap at 60 people. */
const KICKS = 60;

/**
 * Iterated local search: from the local optimum, reshuffle the free people of three random tables (a
 * "kick"), search locally again, keep the result if the total grew. Seeded: the same room, the same plan.
 */
export function improveHard(
	rules: Seats,
	tables: number[][],
	fixed: ReadonlySet<number>,
	kicks = KICKS,
): void {
	improve(rules, tables, fixed);
	if (tables.length < 2) return;
	const total = (ts: number[][]) => ts.reduce((s, t) => s + tableScore(rules, t), 0);
	let best = tables.map((t) => [...t]);
	let bestTotal = total(best);
	const random = seeded(rules.size * 7919 + tables.length);
	for (let k = 0; k < kicks; k++) {
		const current = best.map((t) => [...t]);
		const changed = kick(rules, current, fixed, random);
		if (changed.length === 0) continue;
		improve(rules, current, fixed, changed);
		const value = total(current);
		if (value > bestTotal + EPSILON) {
			best = current;
			bestTotal = value;
		}
	}
	tables.splice(0, tables.length, ...best);
}

/** Reshuffles the free people of three random tables; returns those tables (none if no shuffle fitted). */
function kick(rules: Seats, tables: number[][], fixed: ReadonlySet<number>, random: () => number): number[] {
	const picked = new Set<number>();
	while (picked.size < Math.min(3, tables.length)) picked.add(Math.floor(random() * tables.length));
	const seats: [number, number][] = [];
	for (const t of picked)
		tables[t].forEach((x, s) => {
			if (!fixed.has(x)) seats.push([t, s]);
		});
	const people = seats.map(([t, s]) => tables[t][s]);
	for (let attempt = 0; attempt < 5; attempt++) {
		for (let i = people.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[people[i], people[j]] = [people[j], people[i]];
		}
		const trial = new Map([...picked].map((t): [number, number[]] => [t, [...tables[t]]]));
		seats.forEach(([t, s], i) => {
			(trial.get(t) as number[])[s] = people[i];
		});
		if ([...trial.values()].every((t) => t.every((x) => fits(rules, x, t)))) {
			for (const [t, seated] of trial) tables[t] = seated;
			return [...picked];
		}
	}
	return [];
}

/** mulberry32. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Pairs that may not share a table cost this much in the repair: any score is worth less than one. */
const CONFLICT = 1e6;

/** The room where forbidden and already met pairs are allowed at a price: so the search can walk through them. */
function soft(room: Room): Seats {
	return {
		size: room.size,
		allowed: () => true,
		score: (x, y) => (room.allowed(x, y) ? room.score(x, y) : -CONFLICT),
	};
}

/**
 * Seats those left out at the tables of two (at most one each), allowing conflicts, then searches to
 * remove them; whoever still sits with someone they may not meet leaves the table. Returns who is out
 * (never more than before: otherwise the tables are left as they were).
 */
export function seatTheRest(
	room: Room,
	tables: number[][],
	out: readonly number[],
	fixed: ReadonlySet<number>,
): number[] {
	if (out.length === 0) return [];
	const before = tables.map((t) => [...t]);
	const open = tables.filter((t) => t.length === 2);
	const stillOut = out.slice(open.length);
	out.slice(0, open.length).forEach((x, i) => {
		open[i].push(x);
	});
	improveHard(soft(room), tables, fixed, 4 * KICKS);
	for (const table of tables) {
		for (;;) {
			const worst = table
				.filter((x) => !fixed.has(x) && !room.fits(x, table))
				.sort((a, b) => conflicts(room, b, table) - conflicts(room, a, table))[0];
			if (worst === undefined) break;
			table.splice(table.indexOf(worst), 1);
			stillOut.push(worst);
		}
		if (table.length === 1) stillOut.push(table.pop() as number);
	}
	if (stillOut.length > out.length) {
		tables.splice(0, tables.length, ...before);
		return [...out];
	}
	tables.splice(0, tables.length, ...tables.filter((t) => t.length >= 2));
	return stillOut;
}

function conflicts(room: Room, x: number, table: readonly number[]): number {
	return table.filter((y) => y !== x && !room.allowed(x, y)).length;
}
