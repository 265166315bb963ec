// The filters of a search (type, kind, nature, sector, legal form, territory, distance) and what every
// search keeps out whatever is asked: listings no longer open or past their date. facets.ts applies them.
import type { LatLon } from '../geo';
import { isOpen, type ListingLifeFields } from '../listing-life';

/** What a search returns: listings, structures, or both when unset. */
export type SearchType = 'listing' | 'structure';

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
export function isLive(entry: ListingLifeFields & { type: SearchType }, today: string): boolean {
	return entry.type !== 'listing' || isOpen(entry, today);
}
