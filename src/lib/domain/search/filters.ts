// The filters of a search (type, kind, nature, sector, legal form, territory, distance) and what every
// search keeps out whatever is asked: listings no longer open or past their date. facets.ts applies them.
import type { LatLon } from '../geo';
import type { SearchEntry, SearchType } from './documents';

export interface SearchFilters {
	type?: SearchType;
	kind?: 'offer' | 'request';
	nature?: string;
	sector?: string;
	legalForm?: string;
	department?: '59' | '62';
	/** Intercommunality (EPCI SIREN code). */
	epci?: string;
	/** A commune: alone, documents of that commune; with `radius` (km), documents around it. */
	commune?: string;
	radius?: number;
	/** A position (the device's, say) [lat, lon]: with `radius`, documents whose commune is that close.
	 *  Ignored when `commune` is given. */
	position?: LatLon;
}

/** Filters a "no result" answer may suggest to drop, and counted per value; `commune` and `position`
 *  carry the radius with them (a position counts only with a radius, and only without a commune). */
export type FilterName =
	| 'type'
	| 'kind'
	| 'nature'
	| 'sector'
	| 'legalForm'
	| 'department'
	| 'epci'
	| 'commune'
	| 'position';
export const FILTER_NAMES: readonly FilterName[] = [
	'type',
	'kind',
	'nature',
	'sector',
	'legalForm',
	'department',
	'epci',
	'commune',
	'position',
];

export function activeFilters(filters: SearchFilters): FilterName[] {
	return FILTER_NAMES.filter((name) =>
		name === 'position'
			? filters.position !== undefined && filters.radius !== undefined && filters.commune === undefined
			: filters[name] !== undefined,
	);
}

/** Listings still on offer: open, and not past their end of validity (`today` is YYYY-MM-DD). */
export function isLive(entry: SearchEntry, today: string): boolean {
	if (entry.type !== 'listing') return true;
	return entry.status === 'open' && (entry.validUntil ?? '') >= today;
}
