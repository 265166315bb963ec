// Helpers of the pairing tests: seeded random scores, round inputs, the rules every plan must keep,
// and brute force over all matchings of a few participants.
import { expect } from 'vitest';
import { generateDemo } from '../../server/demo/generate';
import type { Listing, Structure } from '../../src/lib/domain';
import {
	type PairKey,
	type Participant,
	pairIds,
	pairKey,
	type RoundInput,
	type RoundPlan,
} from '../../src/lib/domain/pairing';

/** mulberry32: the same seed, the same numbers. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function people(n: number): Participant[] {
	return Array.from({ length: n }, (_, i) => ({
		id: `structure:p${String(i).padStart(2, '0')}`,
		name: `P${i}`,
		profile: {},
	}));
}

/** Random pair scores in [low, high). */
export function randomScores(
	ps: Participant[],
	random: () => number,
	low = 0,
	high = 20,
): Map<PairKey, number> {
	const scores = new Map<PairKey, number>();
	for (let i = 0; i < ps.length; i++)
		for (let j = i + 1; j < ps.length; j++)
			scores.set(pairKey(ps[i].id, ps[j].id), low + (high - low) * random());
	return scores;
}

export function roundInput(
	ps: Participant[],
	scores: Map<PairKey, number>,
	over: Partial<RoundInput> = {},
): RoundInput {
	return {
		participants: ps,
		scores,
		metThisSession: new Set(),
		breaks: new Map(),
		locked: [],
		forbidden: [],
		settings: { tableSize: 2, odd: 'break' },
		...over,
	};
}

export function tablePairs(table: string[]): PairKey[] {
	const out: PairKey[] = [];
	for (let a = 0; a < table.length; a++)
		for (let b = a + 1; b < table.length; b++) out.push(pairKey(table[a], table[b]));
	return out;
}

/** What every plan keeps: everyone present once, tables of 2 or 3, no barred pair unless locked, the score. */
export function expectValidPlan(plan: RoundPlan, input: RoundInput): void {
	const seated = [...plan.tables.flat(), ...plan.sittingOut].sort();
	expect(seated).toEqual([...new Set(input.participants.map((p) => p.id))].sort());
	const locked = new Set(input.locked);
	let score = 0;
	for (const table of plan.tables) {
		expect([2, 3]).toContain(table.length);
		for (const key of tablePairs(table)) {
			expect(input.forbidden).not.toContain(key);
			if (!locked.has(key)) expect(input.metThisSession.has(key)).toBe(false);
			score += input.scores.get(key) ?? 0;
		}
	}
	expect(plan.score).toBeCloseTo(score, 6);
	// Locks that can be honoured are: both present, not forbidden, nobody locked twice.
	const present = new Set(input.participants.map((p) => p.id));
	const together = new Set(plan.tables.flatMap(tablePairs));
	const taken = new Set<string>();
	for (const key of new Set(input.locked)) {
		const [a, b] = pairIds(key);
		if (!present.has(a) || !present.has(b) || input.forbidden.includes(key) || taken.has(a) || taken.has(b))
			continue;
		taken.add(a).add(b);
		expect(together.has(key), `locked ${key}`).toBe(true);
	}
}

/** Best (most pairs, then most weight) matching of n vertices, by trying them all; n ≤ 11. */
export function bruteMatching(
	n: number,
	weight: (i: number, j: number) => number | null,
): { pairs: number; weight: number } {
	let best = { pairs: -1, weight: Number.NEGATIVE_INFINITY };
	const used = new Array<boolean>(n).fill(false);
	const walk = (pairs: number, total: number) => {
		const i = used.indexOf(false);
		if (i < 0) {
			if (pairs > best.pairs || (pairs === best.pairs && total > best.weight))
				best = { pairs, weight: total };
			return;
		}
		used[i] = true;
		walk(pairs, total); // i stays alone
		for (let j = i + 1; j < n; j++) {
			const w = used[j] ? null : weight(i, j);
			if (w === null) continue;
			used[j] = true;
			walk(pairs + 1, total + w);
			used[j] = false;
		}
		used[i] = false;
	};
	walk(0, 0);
	return best;
}

/** Structures of the demo network as participants: directory texts, sectors, commune, open listings. */
export function demoParticipants(count: number): Participant[] {
	const { docs } = generateDemo({
		structures: Math.max(count, 60),
		listings: 4 * count,
		events: 0,
		photos: false,
		seed: 7,
	});
	const listings = docs.filter((d): d is Listing => d.type === 'listing' && d.status === 'open');
	return docs
		.filter((d): d is Structure => d.type === 'structure')
		.slice(0, count)
		.map((s) => ({
			id: s._id,
			name: s.name,
			profile: {
				sectors: s.sectors,
				commune: s.commune,
				offers: s.offers,
				needs: s.needs,
				listings: listings
					.filter((l) => l.owner === s._id)
					.map((l) => ({ kind: l.kind, title: l.title, text: l.text })),
			},
		}));
}
