// Reads and checks the query string of GET /api/search; anything wrong is a 400 with a French reason.
import { isCommune, isSector, LEGAL_FORMS, LISTING_KINDS, NATURES } from '../../src/lib/domain';
import type { SearchFilters, SearchRequest } from '../../src/lib/domain/search';
import { HttpError } from '../errors';

export const MAX_QUERY_LENGTH = 200;
const MAX_LIMIT = 100;
const MAX_RADIUS_KM = 200;

const bad = (reason: string) => new HttpError(400, 'bad_request', reason);

function oneOf<T extends string>(
	value: string | undefined,
	allowed: readonly string[],
	what: string,
): T | undefined {
	if (value === undefined || value === '') return undefined;
	if (!allowed.includes(value)) throw bad(`${what} inconnu : « ${value} ».`);
	return value as T;
}

function integer(value: string | undefined, min: number, max: number, reason: string): number | undefined {
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min || n > max) throw bad(reason);
	return n;
}

function commune(value: string | undefined, what: string): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (!isCommune(value)) throw bad(`${what} : code INSEE inconnu dans le Nord ou le Pas-de-Calais.`);
	return value;
}

/** lat and lon together, in degrees; the region lies around 50.5 N, 2.8 E but any place on Earth is a place. */
function positionOf(lat: string | undefined, lon: string | undefined): [number, number] | undefined {
	if (!lat && !lon) return undefined;
	const a = Number(lat);
	const b = Number(lon);
	if (!lat || !lon || !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 90 || Math.abs(b) > 180)
		throw bad('Position invalide : lat et lon en degrés décimaux, ensemble.');
	return [a, b];
}

export function searchRequest(query: Record<string, string | undefined>): SearchRequest {
	const q = query.q ?? '';
	if (q.length > MAX_QUERY_LENGTH)
		throw bad(`Recherche trop longue : ${MAX_QUERY_LENGTH} caractères au plus.`);
	const filters: SearchFilters = {
		type: oneOf(query.type, ['listing', 'structure'], 'Type'),
		kind: oneOf(query.kind, Object.keys(LISTING_KINDS), 'Sens d’annonce'),
		nature: oneOf(query.nature, Object.keys(NATURES), 'Nature'),
		sector:
			query.sector && !isSector(query.sector)
				? oneOf(query.sector, [], 'Secteur')
				: query.sector || undefined,
		legalForm: oneOf(query.legalForm, Object.keys(LEGAL_FORMS), 'Forme juridique'),
		department: oneOf(query.department, ['59', '62'], 'Département'),
		epci: query.epci || undefined,
		commune: commune(query.commune, 'Commune'),
		radius: integer(
			query.radius,
			0,
			MAX_RADIUS_KM,
			`Rayon invalide : un nombre entier de kilomètres entre 0 et ${MAX_RADIUS_KM}.`,
		),
	};
	const position = positionOf(query.lat, query.lon);
	// A position with a radius filters around it; without, it only ranks the nearest first.
	if (position && !filters.commune && filters.radius !== undefined) filters.position = position;
	if (filters.radius !== undefined && !filters.commune && !position)
		throw bad('Un rayon se compte autour d’une commune ou d’une position : précisez-la.');
	const defined = Object.fromEntries(
		Object.entries(filters).filter(([, v]) => v !== undefined),
	) as SearchFilters;
	return {
		q,
		filters: defined,
		near: commune(query.near, 'Commune de référence'),
		nearPosition: position,
		limit:
			integer(query.limit, 1, MAX_LIMIT, `Nombre de résultats invalide : entre 1 et ${MAX_LIMIT}.`) ?? 20,
		offset: integer(query.offset, 0, 10_000, 'Décalage invalide.') ?? 0,
	};
}
