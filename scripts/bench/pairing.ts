// Speed-dating pairing bench: participants are structures of the demo network (directory "offers /
// looking for" texts, sectors, commune, open listings), 20, 40 and 60 of them over 8 rounds. Prints
// the total score against an upper bound, the gap, and the time to score the pairs and plan the rounds.
import { generateDemo } from '../../server/demo/generate';
import type { Listing, Structure } from '../../src/lib/domain';
import {
	type Participant,
	pairKey,
	pairScores,
	planRounds,
	type RoundSettings,
	sessionBound,
} from '../../src/lib/domain/pairing';
import { maxWeightMatching } from '../../src/lib/domain/pairing/matching';

const SIZES = [20, 40, 60];
const ROUNDS = 8;
const RUNS = 9;
const PAIRS: RoundSettings = { tableSize: 2, odd: 'break' };

/** The structures with the most open listings first: the active ones come to a speed-dating. */
function participantsOf(count: number): Participant[] {
	const { docs } = generateDemo({ structures: 200, listings: 800, events: 0, now: new Date('2026-11-01') });
	const listings = new Map<string, Listing[]>();
	for (const d of docs)
		if (d.type === 'listing' && d.status === 'open')
			listings.set(d.owner, [...(listings.get(d.owner) ?? []), d]);
	const structures = docs.filter((d): d is Structure => d.type === 'structure');
	structures.sort((a, b) => (listings.get(b._id)?.length ?? 0) - (listings.get(a._id)?.length ?? 0));
	return structures.slice(0, count).map((s) => ({
		id: s._id,
		name: s.name,
		profile: {
			sectors: s.sectors,
			commune: s.commune,
			offers: s.offers,
			needs: s.needs,
			listings: (listings.get(s._id) ?? []).map((l) => ({ kind: l.kind, title: l.title, text: l.text })),
		},
	}));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall and CPU milliseconds of `run` (the machine is shared: CPU time is the steadier figure). */
function timed<T>(run: () => T): { value: T; wall: number; cpu: number } {
	const walls: number[] = [];
	const cpus: number[] = [];
	let value = run(); // warm-up: the JIT compiles on the first run
	for (let i = 0; i < RUNS; i++) {
		const cpu = process.cpuUsage();
		const start = performance.now();
		value = run();
		walls.push(performance.now() - start);
		const used = process.cpuUsage(cpu);
		cpus.push((used.user + used.system) / 1000);
	}
	return { value, wall: median(walls), cpu: median(cpus) };
}

/** The best single round (a maximum-weight matching of everyone), times the number of rounds. */
function roundMaxBound(count: number, score: (i: number, j: number) => number): number {
	const edges: [number, number, number][] = [];
	for (let i = 0; i < count; i++)
		for (let j = i + 1; j < count; j++) edges.push([i, j, Math.round(score(i, j) * 1e3)]);
	const mate = maxWeightMatching(count, edges);
	let best = 0;
	for (let i = 0; i < count; i++) if (mate[i] > i) best += score(i, mate[i]);
	return ROUNDS * best;
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

function pairsRow(count: number): string[] {
	const participants = participantsOf(count);
	const scoring = timed(() => pairScores(participants));
	const scores = scoring.value;
	const planning = timed(() => planRounds(participants, ROUNDS, PAIRS, scores));
	const score = (i: number, j: number) => scores.get(pairKey(participants[i].id, participants[j].id)) ?? 0;
	const lp = sessionBound(count, ROUNDS, score);
	const roundMax = roundMaxBound(count, score);
	const bound = Math.min(lp, roundMax);
	const total = planning.value.score;
	const notes = planning.value.rounds.flatMap((r) => r.notes ?? []).length;
	return [
		String(count),
		fixed(total),
		fixed(lp),
		fixed(roundMax),
		fixed((100 * (bound - total)) / bound, 2),
		fixed(scoring.wall),
		fixed(planning.wall),
		fixed(planning.cpu),
		String(notes),
	];
}

function otherRow(count: number, settings: RoundSettings, label: string): string[] {
	const participants = participantsOf(count);
	const scores = pairScores(participants);
	const planning = timed(() => planRounds(participants, ROUNDS, settings, scores));
	const out = planning.value.rounds.reduce((s, r) => s + r.sittingOut.length, 0);
	return [
		`${count} ${label}`,
		fixed(planning.value.score),
		fixed(planning.wall),
		fixed(planning.cpu),
		String(out),
	];
}

function table(header: string[], lines: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	return [header, ...lines].map((cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}

console.log(
	`Pairing bench: ${ROUNDS} rounds, tables of two, demo structures; times are medians of ${RUNS} runs.\n`,
);
console.log(
	table(
		[
			'participants',
			'total',
			'LP bound',
			`${ROUNDS}×round max`,
			'gap %',
			'scores ms',
			'rounds ms',
			'rounds cpu ms',
			'notes',
		],
		SIZES.map(pairsRow),
	),
);
console.log(`
Upper bound: the smaller of two valid bounds.
- LP bound: ${ROUNDS} rounds with no pair twice give each participant at most ${ROUNDS} distinct partners, so
  their total is at most the maximum-weight fractional ${ROUNDS}-matching (each pair used 0…1 times, each
  participant in at most ${ROUNDS} pairs) — half the bipartite ${ROUNDS}-matching of the double cover, solved
  exactly as a min-cost flow.
- ${ROUNDS}×round max: no round can beat the best single round (max-weight matching of everyone).
gap % = (bound − total) / bound. scores ms: pairScores (texts analysed once per session);
rounds ms: planRounds of all ${ROUNDS} rounds (wall, and CPU of this process: the machine is shared).
`);
console.log('Other settings (no bound computed: tables of three are a heuristic):\n');
console.log(
	table(
		['participants', 'total', 'rounds ms', 'rounds cpu ms', 'sitting out'],
		[
			otherRow(61, { tableSize: 2, odd: 'table-of-3' }, 'odd, table of 3'),
			otherRow(61, { tableSize: 2, odd: 'break' }, 'odd, break'),
			otherRow(60, { tableSize: 3, odd: 'break' }, 'tables of 3'),
		],
	),
);
