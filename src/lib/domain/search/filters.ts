// The filters of a search (type, kind, nature, sector, legal form, territory) and what every search
// keeps out whatever is asked: listings no longer open or past their date.
import { communeByCode } from '../communes';
import { type CoordinateSource, withinRadius } from '../geo';
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
}

/** Filters a "no result" answer may suggest to drop; `commune` carries its radius with it. */
export type FilterName =
	| 'type'
	| 'kind'
	| 'nature'
	| 'sector'
	| 'legalForm'
	| 'department'
	| 'epci'
	| 'commune';
export const FILTER_NAMES: readonly FilterName[] = [
	'type',
	'kind',
	'nature',
	'sector',
	'legalForm',
	'department',
	'epci',
	'commune',
];

export function activeFilters(filters: SearchFilters): FilterName[] {
	return FILTER_NAMES.filter((name) => filters[name] !== undefined);
}

/** Does the entry pass one filter? Filters about listings only leave structures out, and the reverse. */
export function passes(
	name: FilterName,
	entry: SearchEntry,
	f: SearchFilters,
	coords: CoordinateSource,
): boolean {
	switch (name) {
		case 'type':
			return entry.type === f.type;
		case 'kind':
			return entry.kind === f.kind;
		case 'nature':
			return entry.nature === f.nature;
		case 'sector':
			return entry.sectors.includes(f.sector as string);
		case 'legalForm':
			return entry.legalForm === f.legalForm;
		case 'department':
			return entry.commune.startsWith(f.department as string);
		case 'epci':
			return communeByCode(entry.commune)?.epci === f.epci;
		case 'commune':
			return withinRadius(f.commune as string, entry.commune, f.radius ?? 0, coords);
	}
}

/** Listings still on offer: open, and not past their end of validity (`today` is YYYY-MM-DD). */
export function isLive(entry: SearchEntry, today: string): boolean {
	if (entry.type !== 'listing') return true;
	return entry.status === 'open' && (entry.validUntil ?? '') >= today;
}
