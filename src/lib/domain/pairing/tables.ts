// Building a round's tables: the maximum-weight matching of the free participants (with "dummy" seats
// standing for a break or for the third seat of a table), the third seats, then a local search.
import { maxWeightMatching, type WeightedEdge } from './matching';
import type { Room } from './room';

/** Scores are kept to the thousandth in the matching (its weights must be integers). */
const SCALE = 1000;

export interface PairedUp {
	pairs: [number, number][];
	/** Matched with a dummy seat: on a break, or the third of some table. */
	toDummy: number[];
	/** Matched with no one: nobody left they may sit with. */
	alone: number[];
}

/** Extra vertices of the matching: a break (`seated` false) or the third seat of some table. */
export interface Dummies {
	count: number;
	seated: boolean;
	open?: (i: number) => boolean;
}

/**
 * A maximum-weight matching of `people` plus dummy vertices, open to whom `dummies.open` says (at no
 * score). Among matchings with as many pairs as possible, it first seats those who sat out most (a bonus
 * per break that outweighs any score), then maximises the score.
 */
export function pairUp(
	room: Room,
	people: readonly number[],
	dummies: Dummies = { count: 0, seated: false },
): PairedUp {
	const n = people.length;
	let spread = 0;
	for (let a = 0; a < n; a++)
		for (let b = a + 1; b < n; b++) spread = Math.max(spread, Math.abs(room.score(people[a], people[b])));
	const seatBonus = Math.ceil(2 * spread * SCALE) * (n + 1) + 1;
	const edges: WeightedEdge[] = [];
	for (let a = 0; a < n; a++) {
		const i = people[a];
		for (let b = a + 1; b < n; b++) {
			const j = people[b];
			if (!room.allowed(i, j)) continue;
			const seated = seatBonus * (room.breaks[i] + room.breaks[j]);
			edges.push([a, b, Math.round(room.score(i, j) * SCALE) + seated]);
		}
		if (dummies.open && !dummies.open(i)) continue;
		const weight = dummies.seated ? seatBonus * room.breaks[i] : 0;
		for (let d = 0; d < dummies.count; d++) edges.push([a, n + d, weight]);
	}
	const mate = maxWeightMatching(n + dummies.count, edges);
	const out: PairedUp = { pairs: [], toDummy: [], alone: [] };
	for (let a = 0; a < n; a++) {
		const m = mate[a];
		if (m < 0) out.alone.push(people[a]);
		else if (m >= n) out.toDummy.push(people[a]);
		else if (a < m) out.pairs.push([people[a], people[m]]);
	}
	return out;
}

/**
 * Gives each extra participant a seat at a different table of two, the best gain first; returns those
 * who found no table they may sit at.
 */
export function attachExtras(
	room: Room,
	tables: number[][],
	extras: readonly number[],
	fixed: ReadonlySet<number>,
): number[] {
	const left = new Set(extras);
	while (left.size > 0) {
		let best: { x: number; table: number[]; gain: number } | null = null;
		for (const x of left)
			for (const table of tables) {
				if (table.length !== 2 || !room.fits(x, table)) continue;
				const gain = room.gain(x, table);
				if (!best || gain > best.gain) best = { x, table, gain };
			}
		if (!best) break;
		best.table.push(best.x);
		left.delete(best.x);
	}
	return [...left].filter((x) => !seatBySwap(room, tables, x, fixed));
}

/**
 * Seats x where no table of two takes them as they are: x takes the seat of some y (anywhere x fits),
 * and y (not locked) goes to a table of two that takes them. The best such exchange, if any.
 */
function seatBySwap(room: Room, tables: number[][], x: number, fixed: ReadonlySet<number>): boolean {
	let best: { gain: number; apply: () => void } | null = null;
	for (const a of tables)
		for (let s = 0; s < a.length; s++) {
			const y = a[s];
			if (fixed.has(y)) continue;
			const rest = a.filter((v) => v !== y);
			if (!room.fits(x, rest)) continue;
			for (const b of tables) {
				if (b === a || b.length !== 2 || !room.fits(y, b)) continue;
				const gain = room.gain(x, rest) - room.gain(y, rest) + room.gain(y, b);
				if (!best || gain > best.gain)
					best = {
						gain,
						apply: () => {
							a[s] = x;
							b.push(y);
						},
					};
			}
		}
	best?.apply();
	return best !== null;
}
