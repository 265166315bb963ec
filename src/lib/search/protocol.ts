// The messages between the page and the search worker: a search (ranked page of hits), the points of
// a search for the map (results grouped by commune), and the worker telling that its index changed.
import type { LatLon } from '../domain';
import type { SearchRequest, SearchResponse, SearchType } from '../domain/search';

/** A search as it crosses to the worker: everything but the `canRead` callback (the device holds only what it may read). */
export type WorkerRequest = Omit<SearchRequest, 'canRead'>;

/** One commune on the map: how many results it holds, and the best few to list in its popup. */
export interface CommunePoint {
	commune: string;
	at: LatLon;
	count: number;
	hits: { id: string; type: SearchType; title: string }[];
}

export type Ask =
	| { id: number; kind: 'search'; request: WorkerRequest }
	| { id: number; kind: 'points'; request: WorkerRequest };

export type Answer =
	| { kind: 'search'; id: number; response: SearchResponse }
	| { kind: 'points'; id: number; points: CommunePoint[]; total: number }
	| { kind: 'failed'; id: number; reason: string }
	| { kind: 'index'; ready: boolean; size: number; version: number; buildMs?: number };
