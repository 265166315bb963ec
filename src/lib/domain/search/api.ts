// The engine's requests and answers: what the search page, the map, the worker and GET /api/search
// exchange with it.
import type { CoordinateSource, LatLon } from '../geo';
import type { SearchEntry } from './documents';
import type { Counts } from './facets';
import type { SearchFilters } from './filters';
import type { Suggestions } from './suggest';

export type CanRead = (entry: SearchEntry) => boolean;

export interface SearchRequest {
	q?: string;
	filters?: SearchFilters;
	/** Where "near" is when no commune filter says it: the member's commune, for instance. */
	near?: string;
	/** Where "near" is as a position [lat, lon] (the device's), when neither a commune filter nor `near` say it. */
	nearPosition?: LatLon;
	limit?: number;
	offset?: number;
	now?: Date;
	/** Who is looking: documents this says no to are never counted nor shown. */
	canRead?: CanRead;
}

export interface SearchHit extends SearchEntry {
	score: number;
	/** Concepts of the query the document satisfies, out of `SearchResponse.concepts`. */
	matched: number;
}

export interface SearchResponse {
	results: SearchHit[];
	total: number;
	concepts: number;
	/** The commune ranking is centred on, if any (a filter, `near`, or named in the query). */
	origin?: string;
	suggestions: Suggestions;
	/** Results per value of each filter, for this query and the other filters: a filter that is set is
	 *  counted as if it alone were not (so its other values show what choosing them would give).
	 *  `commune` holds results per commune, the territory filter (by commune or position) set aside. */
	counts: Counts;
}

/** A search's results by commune: what a map shows. */
export interface CommuneResults {
	total: number;
	communes: { commune: string; count: number; hits: SearchHit[] }[];
}

export interface EngineOptions {
	coordinates?: CoordinateSource;
}
