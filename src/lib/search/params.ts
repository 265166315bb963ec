// A search in the address bar: words, type and filters as query parameters, so a search can be
// shared, saved and gone back to. Unknown values are dropped rather than refused (a link may be old).
import { EPCIS, isCommune, isSector, type LatLon, LEGAL_FORMS, NATURES } from '../domain';
import type { SearchFilters, SearchType } from '../domain/search';

export type View = 'liste' | 'carte';

export interface SearchState {
	q: string;
	filters: SearchFilters;
	view: View;
}

const TYPE_PARAM: Record<string, SearchType> = { annonces: 'listing', structures: 'structure' };
const PARAM_OF_TYPE: Record<SearchType, string> = { listing: 'annonces', structure: 'structures' };
export const RADII = [5, 10, 20, 50] as const;
const MAX_RADIUS = 200;

const pick = <T extends string>(value: string | null, allowed: (v: string) => boolean) =>
	value && allowed(value) ? (value as T) : undefined;

export function stateFromParams(params: URLSearchParams): SearchState {
	const commune = pick<string>(params.get('commune'), isCommune);
	const position = commune ? undefined : positionOf(params.get('pos'));
	const radius = Number(params.get('radius'));
	const filters: SearchFilters = {
		type: TYPE_PARAM[params.get('type') ?? ''],
		kind: pick(params.get('kind'), (v) => v === 'offer' || v === 'request'),
		nature: pick(params.get('nature'), (v) => v in NATURES),
		sector: pick(params.get('sector'), isSector),
		legalForm: pick(params.get('legalForm'), (v) => v in LEGAL_FORMS),
		department: pick(params.get('department'), (v) => v === '59' || v === '62'),
		epci: pick(params.get('epci'), (v) => EPCIS.has(v)),
		commune,
		position,
		radius:
			(commune || position) && Number.isInteger(radius) && radius > 0 && radius <= MAX_RADIUS
				? radius
				: undefined,
	};
	return {
		q: (params.get('q') ?? '').slice(0, 200),
		filters: compact(filters),
		view: params.get('view') === 'carte' ? 'carte' : 'liste',
	};
}

export function paramsOf(state: { q: string; filters: SearchFilters; view?: View }): URLSearchParams {
	const params = new URLSearchParams();
	if (state.q.trim()) params.set('q', state.q.trim());
	const { type, position, ...rest } = compact(state.filters);
	if (type) params.set('type', PARAM_OF_TYPE[type]);
	for (const [name, value] of Object.entries(rest)) params.set(name, String(value));
	if (position) params.set('pos', position.map((n) => n.toFixed(3)).join(','));
	if (state.view === 'carte') params.set('view', 'carte');
	return params;
}

/** The address of a search, e.g. to open a saved one. */
export function searchHref(state: { q: string; filters: SearchFilters; view?: View }): string {
	const query = paramsOf(state).toString();
	return query ? `/recherche?${query}` : '/recherche';
}

/** Filters without the empty ones (a radius only goes with a commune or a position; a commune wins). */
export function compact(filters: SearchFilters): SearchFilters {
	const kept = Object.fromEntries(
		Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
	) as SearchFilters;
	if (kept.commune) delete kept.position;
	if (!kept.commune && !kept.position) delete kept.radius;
	return kept;
}

/** "50.291,2.777" → a position; anything else → none. Three decimals: about a hundred metres. */
function positionOf(text: string | null): LatLon | undefined {
	const [lat, lon] = (text ?? '').split(',').map(Number);
	if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
		return undefined;
	return [lat, lon];
}

/** The device's position as a search keeps it (and shares it): rounded to about a hundred metres. */
export function roundPosition([lat, lon]: LatLon): LatLon {
	return [Math.round(lat * 1000) / 1000, Math.round(lon * 1000) / 1000];
}
