// Distances between communes. Real coordinates are not shipped yet: until a source is given,
// closeness falls back to the territory the communes share (same commune, intercommunality, department).
import { communeByCode } from './communes';

export type LatLon = readonly [lat: number, lon: number];
/** Where a commune is (its centre), when known. */
export type CoordinateSource = (insee: string) => LatLon | undefined;

/** The source used when none is given: no commune has coordinates yet. */
export const coordinates: CoordinateSource = () => undefined;

const EARTH_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineKm(a: LatLon, b: LatLon): number {
	const dLat = rad(b[0] - a[0]);
	const dLon = rad(b[1] - a[1]);
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

export type Tier = 'commune' | 'epci' | 'department' | 'region';

/** The smallest territory two communes share. */
export function sharedTier(from: string, to: string): Tier {
	if (from === to) return 'commune';
	const a = communeByCode(from);
	const b = communeByCode(to);
	if (a && b && a.epci && a.epci === b.epci) return 'epci';
	if (from.slice(0, 2) === to.slice(0, 2)) return 'department';
	return 'region';
}

const TIER_CLOSENESS: Record<Tier, number> = { commune: 1, epci: 0.6, department: 0.25, region: 0 };
/** Without coordinates, a radius reaches the smallest territory that a circle that wide usually covers. */
const TIER_REACH_KM: Record<Tier, number> = { commune: 0, epci: 10, department: 30, region: 80 };

export function distanceKm(from: string, to: string, source: CoordinateSource): number | undefined {
	const a = source(from);
	const b = source(to);
	return a && b ? haversineKm(a, b) : undefined;
}

/** 1 for the same place, falling towards 0 with distance (or with the territory shared). */
export function closeness(from: string, to: string, source: CoordinateSource): number {
	const km = distanceKm(from, to, source);
	if (km !== undefined) return 1 / (1 + km / 10);
	return TIER_CLOSENESS[sharedTier(from, to)];
}

/** Is `to` within `radiusKm` of `from`? By distance when both have coordinates, else by territory. */
export function withinRadius(from: string, to: string, radiusKm: number, source: CoordinateSource): boolean {
	const km = distanceKm(from, to, source);
	if (km !== undefined) return km <= radiusKm;
	return radiusKm >= TIER_REACH_KM[sharedTier(from, to)];
}

/** Close enough to count as "at" a place named in a query: same intercommunality or within 15 km. */
export function isNear(from: string, to: string, source: CoordinateSource): boolean {
	const km = distanceKm(from, to, source);
	if (km !== undefined) return km <= 15;
	const tier = sharedTier(from, to);
	return tier === 'commune' || tier === 'epci';
}
