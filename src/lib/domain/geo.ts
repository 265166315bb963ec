// Where communes are and how far apart: centres shipped with the communes (GeoNames, or a documented
// estimate), distances in kilometres from a commune or from a position, and offline geocoding.
import { type CentreSource, COMMUNES, type Commune, communeByCode } from './communes';

export type LatLon = readonly [lat: number, lon: number];
/** Where a commune is (its centre), when known. */
export type CoordinateSource = (insee: string) => LatLon | undefined;
/** A commune (INSEE code) or a position (the device's, say). */
export type Place = string | LatLon;

/** The centre of a commune of Nord or Pas-de-Calais. */
export const coordinates: CoordinateSource = (insee) => communeByCode(insee)?.centre;

/** Where a commune's centre comes from (GeoNames, or which fallback mean). */
export function coordinateSource(insee: string): CentreSource | undefined {
	return communeByCode(insee)?.centreSource;
}

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

const positionOf = (place: Place, source: CoordinateSource) =>
	typeof place === 'string' ? source(place) : place;

/** Kilometres between two communes' centres (or positions), when both are known. */
export function distanceKm(
	from: Place,
	to: Place,
	source: CoordinateSource = coordinates,
): number | undefined {
	if (from === to) return 0;
	const a = positionOf(from, source);
	const b = positionOf(to, source);
	return a && b ? haversineKm(a, b) : undefined;
}

/** 1 for the same place, falling towards 0 with distance (or with the territory shared). */
export function closeness(from: Place, to: string, source: CoordinateSource = coordinates): number {
	const km = distanceKm(from, to, source);
	if (km !== undefined) return closenessAt(km);
	return typeof from === 'string' ? TIER_CLOSENESS[sharedTier(from, to)] : 0;
}

/** Closeness at a distance: 1 on the spot, ½ at 10 km, ⅕ at 40 km. */
export function closenessAt(km: number): number {
	return 1 / (1 + km / 10);
}

/** Is `to` within `radiusKm` of `from`? By distance when both have coordinates, else by territory. */
export function withinRadius(
	from: Place,
	to: string,
	radiusKm: number,
	source: CoordinateSource = coordinates,
): boolean {
	if (from === to) return true;
	const km = distanceKm(from, to, source);
	if (km !== undefined) return km <= radiusKm;
	return typeof from === 'string' && radiusKm >= TIER_REACH_KM[sharedTier(from, to)];
}

/** Close enough to count as "at" a place named in a query: within 15 km (same intercommunality without coordinates). */
export function isNear(from: string, to: string, source: CoordinateSource = coordinates): boolean {
	const km = distanceKm(from, to, source);
	if (km !== undefined) return km <= NEAR_KM;
	const tier = sharedTier(from, to);
	return tier === 'commune' || tier === 'epci';
}
export const NEAR_KM = 15;

export interface Geocoded {
	commune: Commune;
	at: LatLon;
}

/** Hyphens and apostrophes count as spaces: "villeneuve d ascq" finds Villeneuve-d'Ascq. */
const normalise = (text: string) =>
	text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/œ/g, 'oe')
		.replace(/[-'’]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
let folded: { commune: Commune; name: string }[] | null = null;

/** Offline geocoding of a commune name or a postal code (or INSEE code), best matches first: exact
 *  name, then names starting with the text, then containing it; bigger towns first. "Arras (62000)" works. */
export function geocode(text: string, limit = 8): Geocoded[] {
	const query = normalise(text.replace(/\(.*$/, ''));
	if (!query) return [];
	const found = /^\d{2,5}$/.test(query)
		? COMMUNES.filter((c) => c.insee === query || c.postalCodes.some((p) => p.startsWith(query))).map(
				(commune) => ({ commune, rank: commune.insee === query ? 0 : 1 }),
			)
		: byName(query);
	return found
		.sort((a, b) => a.rank - b.rank || b.commune.population - a.commune.population)
		.slice(0, limit)
		.map(({ commune }) => ({ commune, at: commune.centre }));
}

function byName(query: string): { commune: Commune; rank: number }[] {
	folded ??= COMMUNES.map((commune) => ({ commune, name: normalise(commune.name) }));
	const rank = (name: string) =>
		name === query ? 0 : name.startsWith(query) ? 1 : name.includes(query) ? 2 : 3;
	return folded.map((f) => ({ commune: f.commune, rank: rank(f.name) })).filter((f) => f.rank < 3);
}

/** The commune whose centre is closest to a position (the device's, say): where "near me" is. */
export function nearestCommune(at: LatLon): Commune {
	let best = COMMUNES[0];
	let bestKm = Number.POSITIVE_INFINITY;
	for (const c of COMMUNES) {
		const km = haversineKm(at, c.centre);
		if (km < bestKm) [best, bestKm] = [c, km];
	}
	return best;
}
