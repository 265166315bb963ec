// The matching is optimal: each round's tables against brute force over every matching of up to 11
// participants (random scores, many seeds), with forbidden pairs, breaks and tables of three.
import blossom from 'edmonds-blossom-fixed';
import { describe, expect, it } from 'vitest';
import {
	type PairKey,
	type Participant,
	pairKey,
	planRound,
	planSession,
} from '../../src/lib/domain/pairing';
import { sessionBound } from '../../src/lib/domain/pairing/bound';
import { bruteMatching, expectValidPlan, people, randomScores, rng, roundInput } from './pairing-fixtures';

const SEEDS = 40;
/** Scores go to the matching rounded to the thousandth. */
const tolerance = (n: number) => n * 0.001;

function weightOf(ps: Participant[], scores: Map<PairKey, number>, barred: Set<PairKey> = new Set()) {
	return (i: number, j: number) => {
		const key = pairKey(ps[i].id, ps[j].id);
		return barred.has(key) ? null : (scores.get(key) ?? 0);
	};
}

describe('the blossom package', () => {
	it('loads as an ES default import and returns mates', () => {
		// A path 0-1-2-3: the heavy middle edge alone weighs less than both ends together.
		expect(
			blossom(
				[
					[0, 1, 5],
					[1, 2, 8],
					[2, 3, 5],
				],
				true,
			),
		).toEqual([1, 0, 3, 2]);
	});
});

describe('each round is a maximum-weight matching', () => {
	it('matches brute force at tables of two, scores of either sign', () => {
		for (const n of [2, 4, 6, 8, 10])
			for (let seed = 0; seed < SEEDS; seed++) {
				const ps = people(n);
				const scores = randomScores(ps, rng(seed * 31 + n), -10, 20);
				const input = roundInput(ps, scores);
				const plan = planRound(input);
				expectValidPlan(plan, input);
				expect(plan.sittingOut).toEqual([]);
				const best = bruteMatching(n, weightOf(ps, scores));
				expect(Math.abs(plan.score - best.weight)).toBeLessThanOrEqual(tolerance(n));
			}
	});

	it('matches an exact dynamic programme over subsets for 12 to 20 participants', () => {
		for (const n of [12, 14, 16, 18, 20])
			for (let seed = 0; seed < 4; seed++) {
				const ps = people(n);
				// Integer scores with many ties: the hard case for the blossoms' bookkeeping.
				const random = rng(seed * 101 + n);
				const scores = new Map([...randomScores(ps, random)].map(([k]) => [k, Math.floor(random() * 6)]));
				const plan = planRound(roundInput(ps, scores));
				expect(plan.sittingOut).toEqual([]);
				expect(plan.score).toBeCloseTo(bestPerfectMatching(n, weightOf(ps, scores)), 6);
			}
	});

	it('seats as many as possible, then maximises the score, around forbidden and already met pairs', () => {
		for (const n of [4, 6, 8, 10])
			for (let seed = 0; seed < SEEDS; seed++) {
				const random = rng(seed * 7 + n);
				const ps = people(n);
				const scores = randomScores(ps, random);
				const forbidden: PairKey[] = [];
				const met = new Set<PairKey>();
				for (const key of scores.keys()) {
					const draw = random();
					if (draw < 0.2) forbidden.push(key);
					else if (draw < 0.4) met.add(key);
				}
				const input = roundInput(ps, scores, { forbidden, metThisSession: met });
				const plan = planRound(input);
				expectValidPlan(plan, input);
				const best = bruteMatching(n, weightOf(ps, scores, new Set([...forbidden, ...met])));
				expect(plan.tables.length).toBe(best.pairs);
				expect(Math.abs(plan.score - best.weight)).toBeLessThanOrEqual(tolerance(n));
			}
	});

	it('with an odd count and a break, the best choice of who sits out among those with fewest breaks', () => {
		for (const n of [3, 5, 7, 9])
			for (let seed = 0; seed < SEEDS; seed++) {
				const random = rng(seed * 13 + n);
				const ps = people(n);
				const scores = randomScores(ps, random);
				// A third of the room already had a break: they may not sit out again yet.
				const breaks = new Map(ps.filter(() => random() < 0.33).map((p) => [p.id, 1]));
				if (breaks.size === n) breaks.delete(ps[0].id);
				const input = roundInput(ps, scores, { breaks });
				const plan = planRound(input);
				expectValidPlan(plan, input);
				expect(plan.sittingOut).toHaveLength(1);
				expect(breaks.has(plan.sittingOut[0])).toBe(false);
				// Brute force: the sitter is a vertex no one may pair with; then the best matching of the rest.
				let best = Number.NEGATIVE_INFINITY;
				ps.forEach((sitter, s) => {
					if (breaks.has(sitter.id)) return;
					const w = weightOf(ps, scores);
					const rest = bruteMatching(n, (i, j) => (i === s || j === s ? null : w(i, j)));
					best = Math.max(best, rest.weight);
				});
				expect(Math.abs(plan.score - best)).toBeLessThanOrEqual(tolerance(n));
			}
	});
});

/** Best split of n participants into tables of 2 and 3 with `trios` tables of three, by brute force. */
function bruteTables(n: number, trios: number, score: (i: number, j: number) => number): number {
	let best = Number.NEGATIVE_INFINITY;
	const used = new Array<boolean>(n).fill(false);
	const walk = (left: number, total: number) => {
		const i = used.indexOf(false);
		if (i < 0) {
			if (left === 0) best = Math.max(best, total);
			return;
		}
		used[i] = true;
		for (let j = i + 1; j < n; j++) {
			if (used[j]) continue;
			used[j] = true;
			walk(left, total + score(i, j));
			if (left > 0)
				for (let k = j + 1; k < n; k++) {
					if (used[k]) continue;
					used[k] = true;
					walk(left - 1, total + score(i, j) + score(i, k) + score(j, k));
					used[k] = false;
				}
			used[j] = false;
		}
		used[i] = false;
	};
	walk(trios, 0);
	return best;
}

describe('tables of three (a heuristic: matching, third seats, iterated local search)', () => {
	function ratios(
		sizes: number[],
		settings: { tableSize: 2 | 3; odd: 'break' | 'table-of-3' },
		trios: (n: number) => number,
	) {
		const out: number[] = [];
		for (const n of sizes)
			for (let seed = 0; seed < SEEDS; seed++) {
				const ps = people(n);
				const scores = randomScores(ps, rng(seed * 17 + n));
				const input = roundInput(ps, scores, { settings });
				const plan = planRound(input);
				expectValidPlan(plan, input);
				expect(plan.sittingOut).toEqual([]);
				expect(plan.tables.filter((t) => t.length === 3)).toHaveLength(trios(n));
				const w = weightOf(ps, scores);
				out.push(plan.score / bruteTables(n, trios(n), (i, j) => w(i, j) ?? 0));
			}
		return out;
	}

	it('with an odd count, one table of three close to the best split', () => {
		const r = ratios([3, 5, 7, 9], { tableSize: 2, odd: 'table-of-3' }, () => 1);
		expect(Math.min(...r)).toBeGreaterThan(0.99);
		expect(r.filter((x) => x > 0.9999).length / r.length).toBeGreaterThanOrEqual(0.95);
	});

	it('everyone at tables of three as far as the count allows, close to the best split', () => {
		const trios = (n: number) => (n % 3 === 0 ? n / 3 : n % 3 === 1 ? (n - 4) / 3 : (n - 2) / 3);
		const r = ratios([4, 5, 6, 7, 8, 9], { tableSize: 3, odd: 'break' }, trios);
		expect(Math.min(...r)).toBeGreaterThan(0.99);
		expect(r.filter((x) => x > 0.9999).length / r.length).toBeGreaterThanOrEqual(0.95);
	});
});

describe('the upper bound of a session', () => {
	it('is never below the best sequence of rounds with no pair twice (brute force, 6 × 3 rounds)', () => {
		for (let seed = 0; seed < 10; seed++) {
			const ps = people(6);
			const scores = randomScores(ps, rng(seed));
			const w = weightOf(ps, scores);
			const score = (i: number, j: number) => w(i, j) ?? 0;
			const best = bestSequence(6, 3, score);
			const bound = sessionBound(6, 3, score);
			expect(bound).toBeGreaterThanOrEqual(best - 1e-9);
			const plan = planSession(ps, 3, { tableSize: 2, odd: 'break' }, undefined, []);
			expect(plan.score).toBeLessThanOrEqual(bound + 1e-9);
		}
	});
});

/** Best total of `rounds` perfect matchings with no pair twice, by trying them all. */
function bestSequence(n: number, rounds: number, score: (i: number, j: number) => number): number {
	const matchings: [number, number][][] = [];
	const collect = (left: number[], acc: [number, number][]) => {
		if (left.length === 0) return void matchings.push(acc);
		const [i, ...rest] = left;
		for (const j of rest)
			collect(
				rest.filter((x) => x !== j),
				[...acc, [i, j]],
			);
	};
	collect([...Array(n).keys()], []);
	let best = Number.NEGATIVE_INFINITY;
	const walk = (r: number, used: Set<string>, total: number) => {
		if (r === rounds) {
			best = Math.max(best, total);
			return;
		}
		for (const m of matchings) {
			if (m.some(([i, j]) => used.has(`${i}-${j}`))) continue;
			walk(
				r + 1,
				new Set([...used, ...m.map(([i, j]) => `${i}-${j}`)]),
				total + m.reduce((s, [i, j]) => s + score(i, j), 0),
			);
		}
	};
	walk(0, new Set(), 0);
	return best;
}

/** Maximum-weight perfect matching by dynamic programming over the subsets already seated (n ≤ 20). */
function bestPerfectMatching(n: number, weight: (i: number, j: number) => number | null): number {
	const full = (1 << n) - 1;
	const best = new Float64Array(1 << n).fill(Number.NEGATIVE_INFINITY);
	best[0] = 0;
	for (let mask = 0; mask < full; mask++) {
		if (best[mask] === Number.NEGATIVE_INFINITY) continue;
		let i = 0;
		while (mask & (1 << i)) i++;
		for (let j = i + 1; j < n; j++) {
			if (mask & (1 << j)) continue;
			const next = mask | (1 << i) | (1 << j);
			const value = best[mask] + (weight(i, j) ?? Number.NEGATIVE_INFINITY);
			if (value > best[next]) best[next] = value;
		}
	}
	return best[full];
}
