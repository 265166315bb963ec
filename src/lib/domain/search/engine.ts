// The search engine of listings and structures, the same on the device and on the server: our analyzer
// feeding an inverted index of typed arrays (inverted.ts; MiniSearch's radix tree as its dictionary),
// filters and counts per filter value over integer codes (facets.ts), ranked as rank.ts says, with
// suggestions when nothing matches. Updated document by document; serialisable so a device can keep it.
import { type CoordinateSource, coordinates } from '../geo';
import { ANALYZER_VERSION, words } from './analyzer';
import type { CanRead, CommuneResults, EngineOptions, SearchHit, SearchRequest, SearchResponse } from './api';
import { type Collected, collect } from './collect';
import { FIELD_BOOSTS, type SearchEntry, searchableOf } from './documents';
import { COMMUNE_CODES, type CompiledFilters, Facets } from './facets';
import { activeFilters, isLive } from './filters';
import { InvertedIndex, type SerializedIndex } from './inverted';
import { match, Scratch } from './matching';
import { type Concept, parseQuery } from './query';
import { bestPerGroup, firstK, proximityByCommune } from './rank';
import { type Suggestions, suggest } from './suggest';
import { type SerializedVocabulary, Vocabulary } from './vocabulary';

export type { CommuneResults, EngineOptions, SearchHit, SearchRequest, SearchResponse } from './api';

/** One search's work before paging: the results in `order`, what they matched, and for suggestions. */
interface Run extends Collected {
	matched: Uint8Array;
	order: (a: number, b: number) => number;
	concepts: Concept[];
	origin?: string;
	compiled: CompiledFilters;
	now: number;
}

const FIELDS = Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[];
const DEFAULT_LIMIT = 20;
const COMMON_SHARE = 0.15;
/** Relevance of a document reached by no word, when the query is only a place (or empty). */
const BASE_RELEVANCE = 0.1;
const MAX_CONCEPTS = 30;

export class SearchEngine {
	#index = new InvertedIndex(FIELDS.length);
	#facets = new Facets();
	#slotOf = new Map<string, number>();
	#entryAt: (SearchEntry | undefined)[] = [];
	#vocabulary: Vocabulary;
	#coords: CoordinateSource;
	#scratch = new Scratch();

	constructor(opts: EngineOptions = {}, vocabulary?: Vocabulary) {
		this.#coords = opts.coordinates ?? coordinates;
		this.#vocabulary = vocabulary ?? new Vocabulary();
	}

	get size(): number {
		return this.#slotOf.size;
	}

	/** Adds a document, or replaces the version indexed before. Other types and tombstones remove it. */
	put(doc: { _id: string; type?: string; _deleted?: boolean }): void {
		const searchable = doc._deleted ? null : searchableOf(doc);
		this.remove(doc._id);
		if (!searchable) return;
		const slot = this.#index.add(FIELDS.map((f) => this.#terms(searchable.fields[f])));
		this.#slotOf.set(doc._id, slot);
		this.#entryAt[slot] = searchable.entry;
		this.#facets.set(slot, searchable.entry);
	}

	/** Adds many documents, then gives back the room the index kept to grow. */
	putAll(docs: Iterable<{ _id: string; type?: string; _deleted?: boolean }>): void {
		for (const doc of docs) this.put(doc);
		this.#index.trim();
	}

	remove(id: string): void {
		const slot = this.#slotOf.get(id);
		if (slot === undefined) return;
		this.#slotOf.delete(id);
		this.#entryAt[slot] = undefined;
		this.#index.remove(slot);
		if (this.#index.sparse) this.#compact();
	}

	entry(id: string): SearchEntry | undefined {
		const slot = this.#slotOf.get(id);
		return slot === undefined ? undefined : this.#entryAt[slot];
	}

	search(request: SearchRequest = {}): SearchResponse {
		const run = this.#run(request);
		const { results, matched } = run;
		const offset = request.offset ?? 0;
		const page = firstK(results, offset + (request.limit ?? DEFAULT_LIMIT), run.order).slice(offset);
		return {
			results: page.map((slot) => this.#hit(slot, matched[slot])),
			total: results.length,
			concepts: run.concepts.length,
			origin: run.origin,
			suggestions: results.length > 0 ? { terms: [], filters: [] } : this.#suggest(run, request.canRead),
			counts: run.counts,
		};
	}

	/** The results of a search grouped by commune, as a map shows them: per commune, how many, and the best
	 *  `perCommune` hits (best first). Cheaper than asking `search` for every result. */
	byCommune(request: SearchRequest = {}, perCommune = 8): CommuneResults {
		const run = this.#run(request);
		const groups = bestPerGroup(run.results, (slot) => this.#facets.communeCode(slot), perCommune, run.order);
		return {
			total: run.results.length,
			communes: [...groups].map(([code, { count, best }]) => ({
				commune: COMMUNE_CODES[code],
				count,
				hits: best.map((slot) => this.#hit(slot, run.matched[slot])),
			})),
		};
	}

	#run(request: SearchRequest): Run {
		const filters = request.filters ?? {};
		const now = (request.now ?? new Date()).getTime();
		const parsed = parseQuery(request.q ?? '', this.#vocabulary, this.#commonAbove());
		// Concepts are bits of a 32-bit mask: a query of more words keeps its first ones.
		const concepts = parsed.concepts.slice(0, MAX_CONCEPTS);
		const origin = filters.commune ?? request.near ?? parsed.place;
		const centre =
			origin ?? (filters.radius !== undefined ? filters.position : undefined) ?? request.nearPosition;
		const active = activeFilters(filters);
		const compiled = this.#facets.compile(filters, active, this.#coords);
		const scratch = this.#scratch;
		const reached = match(this.#index, concepts, scratch);
		if (concepts.every((c) => c.place)) this.#reachEverything(reached);
		const collected = collect({
			reached,
			scratch,
			facets: this.#facets,
			compiled,
			concepts,
			proximity: centre ? proximityByCommune(centre, this.#coords) : null,
			coords: this.#coords,
			now,
			readable:
				request.canRead && ((slot) => (request.canRead as CanRead)(this.#entryAt[slot] as SearchEntry)),
		});
		const matched = scratch.clauseTerms;
		const order = (a: number, b: number) =>
			matched[b] - matched[a] ||
			scratch.relevance[b] - scratch.relevance[a] ||
			((this.#entryAt[a] as SearchEntry).id < (this.#entryAt[b] as SearchEntry).id ? -1 : 1);
		return { ...collected, matched, order, concepts, origin, compiled, now };
	}

	/** A query of only a place, or none: every live document is a candidate, the closest first. */
	#reachEverything(reached: number[]): void {
		const { seen, relevance, concepts, searchStamp } = this.#scratch;
		const live = this.#index.live;
		for (let slot = 0; slot < this.#index.slots; slot++) {
			if (!live[slot] || seen[slot] === searchStamp) continue;
			seen[slot] = searchStamp;
			relevance[slot] = BASE_RELEVANCE;
			concepts[slot] = 0;
			reached.push(slot);
		}
	}

	#suggest(run: Run, canRead: CanRead | undefined): Suggestions {
		const filters = run.compiled.active
			.map((filter, i) => ({ filter, count: run.drops[i] }))
			.filter((f) => f.count > 0)
			.sort((a, b) => b.count - a.count);
		const today = new Date(run.now).toISOString().slice(0, 10);
		const usable = (slot: number) => {
			const entry = this.#entryAt[slot];
			return !!entry && isLive(entry, today) && (canRead?.(entry) ?? true) && run.compiled.fails(slot) === 0;
		};
		return suggest({
			vocabulary: this.#vocabulary,
			concepts: run.concepts,
			filtersToDrop: filters,
			count: (term) => this.#index.reach(term, usable),
		});
	}

	#hit(slot: number, matched: number): SearchHit {
		const entry = this.#entryAt[slot] as SearchEntry;
		return { ...entry, score: Math.round(this.#scratch.relevance[slot] * 1000) / 1000, matched };
	}

	#terms(text: string): string[] {
		const terms: string[] = [];
		for (const word of words(text)) {
			const term = this.#vocabulary.learn(word);
			if (term) terms.push(term);
		}
		return terms;
	}

	#compact(): void {
		const moved = this.#index.compact();
		this.#facets.move(moved);
		const entries: (SearchEntry | undefined)[] = [];
		for (const [id, slot] of this.#slotOf) {
			this.#slotOf.set(id, moved[slot]);
			entries[moved[slot]] = this.#entryAt[slot];
		}
		this.#entryAt = entries;
	}

	toJSON(): SerializedEngine {
		if (this.#index.liveCount < this.#index.slots) this.#compact();
		return {
			version: ENGINE_VERSION,
			index: this.#index.toJSON(),
			entries: this.#entryAt.slice(0, this.#index.slots) as SearchEntry[],
			vocabulary: this.#vocabulary.toJSON(),
		};
	}

	/** Restores a serialised engine; null when it was built by another analyzer or index version (rebuild it). */
	static fromJSON(json: SerializedEngine, opts: EngineOptions = {}): SearchEngine | null {
		if (json.version !== ENGINE_VERSION) return null;
		const engine = new SearchEngine(opts, Vocabulary.fromJSON(json.vocabulary));
		engine.#index = InvertedIndex.fromJSON(json.index, FIELDS.length);
		json.entries.forEach((entry, slot) => {
			engine.#slotOf.set(entry.id, slot);
			engine.#entryAt[slot] = entry;
			engine.#facets.set(slot, entry);
		});
		return engine;
	}

	/** A thesaurus phrase whose rarest word is used more often than this widens a search for little. */
	#commonAbove(): number {
		return Math.max(50, this.size * COMMON_SHARE);
	}
}

/** The analyzer's version and the index format's: a stored engine of another version is rebuilt. */
const ENGINE_VERSION = ANALYZER_VERSION * 100 + 2;

export interface SerializedEngine {
	version: number;
	index: SerializedIndex;
	entries: SearchEntry[];
	vocabulary: SerializedVocabulary;
}
