// Ranking: documents matching every concept of the query first, then by relevance (BM25 from the
// index) raised for documents near the place asked about and for recently updated ones.
import { type CoordinateSource, closeness, isNear } from '../geo';
import type { SearchEntry } from './documents';
import { type Concept, textCovers } from './query';

const PROXIMITY_WEIGHT = 0.6;
const FRESHNESS_WEIGHT = 0.25;
const FRESHNESS_DAYS = 60;
const DAY_MS = 86_400_000;

export interface Ranked {
	entry: SearchEntry;
	/** How many concepts of the query the document satisfies. */
	matched: number;
	score: number;
}

/** Ranks the hits of one search. Closeness and freshness are remembered per commune and per day. */
export class Ranker {
	#near = new Map<string, number>();
	#fresh = new Map<string, number>();
	#places = new Map<string, boolean>();

	constructor(
		readonly concepts: readonly Concept[],
		readonly origin: string | undefined,
		readonly now: number,
		readonly coords: CoordinateSource,
	) {}

	rank(entry: SearchEntry, relevance: number, queryTerms: readonly string[]): Ranked {
		let matched = 0;
		for (const c of this.concepts)
			if (textCovers(c, queryTerms) || this.#atPlace(c, entry.commune)) matched++;
		const score = relevance * this.#freshness(entry.updatedAt) * this.#proximity(entry.commune);
		return { entry, matched, score };
	}

	#atPlace(concept: Concept, commune: string): boolean {
		if (!concept.place) return false;
		const key = `${concept.place}|${commune}`;
		let near = this.#places.get(key);
		if (near === undefined) {
			near = isNear(concept.place, commune, this.coords);
			this.#places.set(key, near);
		}
		return near;
	}

	#proximity(commune: string): number {
		if (!this.origin) return 1;
		let factor = this.#near.get(commune);
		if (factor === undefined) {
			factor = 1 + PROXIMITY_WEIGHT * closeness(this.origin, commune, this.coords);
			this.#near.set(commune, factor);
		}
		return factor;
	}

	#freshness(updatedAt: string): number {
		const day = updatedAt.slice(0, 10);
		let factor = this.#fresh.get(day);
		if (factor === undefined) {
			const age = Math.max(0, (this.now - Date.parse(day)) / DAY_MS);
			factor = 1 + FRESHNESS_WEIGHT * Math.exp(-age / FRESHNESS_DAYS);
			this.#fresh.set(day, factor);
		}
		return factor;
	}
}

export function byRank(a: Ranked, b: Ranked): number {
	return b.matched - a.matched || b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1);
}

/** The first `k` items in `order`, without sorting them all (a search may reach tens of thousands). */
export function firstK<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
	if (items.length <= k * 4) return [...items].sort(order).slice(0, k);
	const best: T[] = [];
	for (const item of items) {
		if (best.length === k && order(item, best[k - 1]) >= 0) continue;
		let lo = 0;
		let hi = best.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (order(item, best[mid]) < 0) hi = mid;
			else lo = mid + 1;
		}
		best.splice(lo, 0, item);
		if (best.length > k) best.pop();
	}
	return best;
}
