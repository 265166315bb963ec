// The search engine of listings and structures, the same on the device and on the server: a MiniSearch
// index fed with our analyzer, updated document by document, ranked and filtered as rank.ts and
// filters.ts say, with suggestions when nothing matches. Serialisable so a device can keep it.
import MiniSearch, { type SearchResult } from 'minisearch';
import { type CoordinateSource, coordinates } from '../geo';
import { ANALYZER_VERSION, words } from './analyzer';
import { FIELD_BOOSTS, type SearchEntry, type SearchFields, searchableOf } from './documents';
import { activeFilters, type FilterName, isLive, passes, type SearchFilters } from './filters';
import { type Concept, parseQuery, toMiniQuery } from './query';
import { byRank, firstK, type Ranked, Ranker } from './rank';
import { type Suggestions, suggest } from './suggest';
import { type SerializedVocabulary, Vocabulary } from './vocabulary';

export interface SearchRequest {
	q?: string;
	filters?: SearchFilters;
	/** Where "near" is when no commune filter says it: the member's commune, for instance. */
	near?: string;
	limit?: number;
	offset?: number;
	now?: Date;
	/** Who is looking: documents this says no to are never counted nor shown. */
	canRead?: (entry: SearchEntry) => boolean;
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
}

export interface EngineOptions {
	coordinates?: CoordinateSource;
}

const FIELDS = Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[];
const DEFAULT_LIMIT = 20;
const COMMON_SHARE = 0.15;

export class SearchEngine {
	#index: MiniSearch<SearchFields>;
	#entries = new Map<string, SearchEntry>();
	#vocabulary: Vocabulary;
	#coords: CoordinateSource;

	constructor(
		opts: EngineOptions = {},
		restored?: { index: MiniSearch<SearchFields>; vocabulary: Vocabulary },
	) {
		this.#coords = opts.coordinates ?? coordinates;
		this.#vocabulary = restored?.vocabulary ?? new Vocabulary();
		this.#index = restored?.index ?? new MiniSearch<SearchFields>(this.#miniOptions());
	}

	get size(): number {
		return this.#entries.size;
	}

	/** Adds a document, or replaces the version indexed before. Other types and tombstones remove it. */
	put(doc: { _id: string; type?: string; _deleted?: boolean }): void {
		const searchable = doc._deleted ? null : searchableOf(doc);
		if (!searchable) {
			this.remove(doc._id);
			return;
		}
		if (this.#entries.has(doc._id)) this.#index.discard(doc._id);
		this.#index.add(searchable.fields);
		this.#entries.set(doc._id, searchable.entry);
	}

	putAll(docs: Iterable<{ _id: string; type?: string; _deleted?: boolean }>): void {
		for (const doc of docs) this.put(doc);
	}

	remove(id: string): void {
		if (!this.#entries.delete(id)) return;
		this.#index.discard(id);
	}

	entry(id: string): SearchEntry | undefined {
		return this.#entries.get(id);
	}

	search(request: SearchRequest = {}): SearchResponse {
		const filters = request.filters ?? {};
		const now = (request.now ?? new Date()).getTime();
		const today = new Date(now).toISOString().slice(0, 10);
		const { concepts, place } = parseQuery(request.q ?? '', this.#vocabulary, this.#commonAbove());
		const origin = filters.commune ?? request.near ?? place;
		const allowed = (e: SearchEntry) => isLive(e, today) && (request.canRead?.(e) ?? true);
		const active = activeFilters(filters);
		const shown = (e: SearchEntry) =>
			allowed(e) && active.every((name) => passes(name, e, filters, this.#coords));

		const ranker = new Ranker(concepts, origin, now, this.#coords);
		const ranked: Ranked[] = [];
		this.#candidates(concepts, (entry, relevance, queryTerms) => {
			if (!shown(entry)) return;
			const hit = ranker.rank(entry, relevance, queryTerms);
			// A query of only a place keeps what is near it or names it; an empty query keeps everything.
			if (hit.matched > 0 || concepts.length === 0) ranked.push(hit);
		});
		const offset = request.offset ?? 0;
		const page = firstK(ranked, offset + (request.limit ?? DEFAULT_LIMIT), byRank).slice(offset);
		const suggestions: Suggestions =
			ranked.length > 0
				? { terms: [], filters: [] }
				: suggest({
						index: this.#index,
						vocabulary: this.#vocabulary,
						concepts,
						filtersToDrop: this.#dropCounts(concepts, active, filters, allowed),
						usable: (id) => {
							const e = this.#entries.get(id);
							return !!e && shown(e);
						},
					});
		return { results: page.map(toHit), total: ranked.length, concepts: concepts.length, origin, suggestions };
	}

	/** Every document the query reaches, with its relevance and the query terms it matched. */
	#candidates(
		concepts: Concept[],
		take: (entry: SearchEntry, relevance: number, queryTerms: string[]) => void,
	): void {
		const reached = new Set<string>();
		// Hits are taken as MiniSearch meets them: it would otherwise sort them all, and we rank them our way.
		const filter = (hit: SearchResult) => {
			const entry = this.#entries.get(hit.id);
			if (entry) take(entry, relevanceOf(hit), hit.queryTerms);
			reached.add(hit.id);
			return false;
		};
		if (concepts.length > 0) this.#index.search(toMiniQuery(concepts), { filter });
		// Nothing but a place (or nothing at all) was asked: every document is a candidate, the closest first.
		if (!concepts.every((c) => c.place)) return;
		for (const [id, entry] of this.#entries) if (!reached.has(id)) take(entry, 0.1, []);
	}

	/** For a search that found nothing: how many results each active filter, dropped alone, would give. */
	#dropCounts(
		concepts: Concept[],
		active: FilterName[],
		filters: SearchFilters,
		allowed: (e: SearchEntry) => boolean,
	): Suggestions['filters'] {
		const counts = new Map<FilterName, number>();
		this.#candidates(concepts, (entry) => {
			if (!allowed(entry)) return;
			const failed = active.filter((name) => !passes(name, entry, filters, this.#coords));
			if (failed.length === 1) counts.set(failed[0], (counts.get(failed[0]) ?? 0) + 1);
		});
		return [...counts].map(([filter, count]) => ({ filter, count })).sort((a, b) => b.count - a.count);
	}

	toJSON(): SerializedEngine {
		return {
			version: ANALYZER_VERSION,
			index: this.#index.toJSON(),
			entries: [...this.#entries.values()],
			vocabulary: this.#vocabulary.toJSON(),
		};
	}

	/** Restores a serialised engine; null when it was built by another analyzer version (rebuild it). */
	static fromJSON(json: SerializedEngine, opts: EngineOptions = {}): SearchEngine | null {
		if (json.version !== ANALYZER_VERSION) return null;
		const vocabulary = Vocabulary.fromJSON(json.vocabulary);
		const engine = new SearchEngine(opts, {
			vocabulary,
			index: MiniSearch.loadJS(json.index, miniOptions(vocabulary)),
		});
		for (const entry of json.entries) engine.#entries.set(entry.id, entry);
		return engine;
	}

	/** A thesaurus phrase whose rarest word is used more often than this widens a search for little. */
	#commonAbove(): number {
		return Math.max(50, this.#entries.size * COMMON_SHARE);
	}

	#miniOptions() {
		return miniOptions(this.#vocabulary);
	}
}

export interface SerializedEngine {
	version: number;
	index: ReturnType<MiniSearch['toJSON']>;
	entries: SearchEntry[];
	vocabulary: SerializedVocabulary;
}

function miniOptions(vocabulary: Vocabulary) {
	return {
		fields: FIELDS,
		storeFields: [],
		// Indexing: words through the analyzer (memoised by the vocabulary). Queries arrive as terms already.
		tokenize: (text: string) => {
			const terms: string[] = [];
			for (const word of words(text)) {
				const term = vocabulary.learn(word);
				if (term) terms.push(term);
			}
			return terms;
		},
		processTerm: (term: string) => term,
		searchOptions: {
			tokenize: (term: string) => [term],
			processTerm: (term: string) => term,
			boost: FIELD_BOOSTS,
		},
	};
}

/** MiniSearch multiplies the score by the number of query terms matched: thesaurus phrases must not weigh twice. */
function relevanceOf(hit: SearchResult): number {
	return hit.score / Math.max(1, hit.queryTerms.length);
}

function toHit({ entry, matched, score }: Ranked): SearchHit {
	return { ...entry, score: Math.round(score * 1000) / 1000, matched };
}
