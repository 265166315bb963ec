// Ranking: documents matching every concept of the query first, then by relevance (BM25 from the
// index) raised for documents near the place asked about and for recently updated ones.
import { type CoordinateSource, closenessAt, haversineKm, isNear, type LatLon } from '../geo';
import { COMMUNE_CODES } from './facets';

const PROXIMITY_WEIGHT = 0.6;
const FRESHNESS_WEIGHT = 0.25;
const FRESHNESS_DAYS = 60;
const DAY_MS = 86_400_000;

/** Freshness factor of a document updated on `day` (ms): 1.25 today, falling to 1 over months. */
export function freshness(day: number, now: number): number {
	const age = Math.max(0, (now - day) / DAY_MS);
	return 1 + FRESHNESS_WEIGHT * Math.exp(-age / FRESHNESS_DAYS);
}

/** Per commune code, the proximity factor to `origin` (a commune or a position): 1.6 on the spot, 1 far away. */
export function proximityByCommune(origin: string | LatLon, coords: CoordinateSource): Float64Array {
	const factors = new Float64Array(COMMUNE_CODES.length).fill(1);
	const from = typeof origin === 'string' ? coords(origin) : origin;
	for (let code = 1; code < COMMUNE_CODES.length; code++) {
		const insee = COMMUNE_CODES[code];
		const at = coords(insee);
		const closeness =
			insee === origin ? 1 : from && at ? closenessAt(haversineKm(from, at)) : tierCloseness(origin, insee);
		factors[code] = 1 + PROXIMITY_WEIGHT * closeness;
	}
	return factors;
}

function tierCloseness(origin: string | LatLon, insee: string): number {
	if (typeof origin !== 'string') return 0;
	return isNear(origin, insee, () => undefined) ? 0.6 : origin.slice(0, 2) === insee.slice(0, 2) ? 0.25 : 0;
}

/** Per commune code, 1 when the commune is "at" a place named in a query (near enough). */
export function nearByCommune(place: string, coords: CoordinateSource): Uint8Array {
	const near = new Uint8Array(COMMUNE_CODES.length);
	for (let code = 1; code < COMMUNE_CODES.length; code++)
		near[code] = isNear(place, COMMUNE_CODES[code], coords) ? 1 : 0;
	return near;
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

/** Items grouped by `groupOf`: per group, how many, and the best `perGroup` in `order` (best first). */
export function bestPerGroup<T>(
	items: readonly T[],
	groupOf: (item: T) => number,
	perGroup: number,
	order: (a: T, b: T) => number,
): Map<number, { count: number; best: T[] }> {
	const groups = new Map<number, { count: number; best: T[] }>();
	for (const item of items) {
		const key = groupOf(item);
		let group = groups.get(key);
		if (!group) {
			group = { count: 0, best: [] };
			groups.set(key, group);
		}
		group.count++;
		const { best } = group;
		if (best.length === perGroup && order(item, best[perGroup - 1]) >= 0) continue;
		let at = best.length;
		while (at > 0 && order(item, best[at - 1]) < 0) at--;
		best.splice(at, 0, item);
		if (best.length > perGroup) best.pop();
	}
	return groups;
}
