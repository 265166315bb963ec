// The inverted index under the engine: per term and field, a posting list of document slots and term
// frequencies in typed arrays, and MiniSearch's radix tree as the dictionary for typo and prefix
// lookups. Scoring a term walks arrays instead of building an object per document and term.
import SearchableMap from 'minisearch/SearchableMap';

/** One term in one field: the slots of the documents using it, and how often. */
export interface Posting {
	docs: Int32Array;
	tfs: Uint16Array;
	n: number;
}
/** A term's postings, one per field (undefined where the term never appears). */
export type TermPostings = (Posting | undefined)[];

/** A term of the index a query term reaches, and how much it counts (1 when exact). */
export interface Expansion {
	postings: TermPostings;
	weight: number;
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** MiniSearch's weights for terms reached by a typo or as a prefix, so ranking stays as it was. */
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
/** Below this share of live slots, the dead ones are squeezed out of the postings. */
const LIVE_SHARE = 0.75;

function push(posting: Posting, slot: number, tf: number): void {
	if (posting.n === posting.docs.length) {
		const docs = new Int32Array(Math.max(4, posting.n * 2));
		const tfs = new Uint16Array(Math.max(4, posting.n * 2));
		docs.set(posting.docs);
		tfs.set(posting.tfs);
		posting.docs = docs;
		posting.tfs = tfs;
	}
	posting.docs[posting.n] = slot;
	posting.tfs[posting.n] = tf;
	posting.n++;
}

export class InvertedIndex {
	readonly fieldCount: number;
	/** Every term, for typo and prefix lookups; `#terms` holds the same for exact ones (a Map is faster). */
	#dictionary = new SearchableMap<TermPostings>();
	#terms = new Map<string, TermPostings>();
	/** Field lengths (in terms) per slot, field by field. */
	lengths: Float32Array[];
	#totals: number[];
	/** 1 for a slot holding a document, 0 for a removed one. */
	live = new Uint8Array(1024);
	slots = 0;
	liveCount = 0;
	#expansions = new Map<string, Expansion[]>();

	constructor(fieldCount: number) {
		this.fieldCount = fieldCount;
		this.lengths = Array.from({ length: fieldCount }, () => new Float32Array(1024));
		this.#totals = new Array(fieldCount).fill(0);
	}

	/** Indexes a document's fields (each a list of terms) in a new slot, returned. */
	add(fields: readonly (readonly string[])[]): number {
		const slot = this.slots++;
		if (slot === this.live.length) this.#grow();
		this.live[slot] = 1;
		this.liveCount++;
		fields.forEach((terms, field) => {
			this.lengths[field][slot] = terms.length;
			this.#totals[field] += terms.length;
			const counts = new Map<string, number>();
			for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
			for (const [term, tf] of counts) {
				let postings = this.#terms.get(term);
				if (!postings) {
					postings = new Array(this.fieldCount).fill(undefined);
					this.#terms.set(term, postings);
					this.#dictionary.set(term, postings);
					this.#expansions.clear();
				}
				postings[field] ??= { docs: new Int32Array(4), tfs: new Uint16Array(4), n: 0 };
				push(postings[field], slot, Math.min(tf, 65_535));
			}
		});
		return slot;
	}

	/** Frees a slot; its postings stay until enough are dead to squeeze them out (see `compact`). */
	remove(slot: number): void {
		if (!this.live[slot]) return;
		this.live[slot] = 0;
		this.liveCount--;
		for (let f = 0; f < this.fieldCount; f++) this.#totals[f] -= this.lengths[f][slot];
	}

	/** How many documents use a term (in any field) that `usable` accepts. */
	reach(term: string, usable: (slot: number) => boolean): number {
		const slots = new Set<number>();
		for (const posting of this.#terms.get(term) ?? [])
			if (posting)
				for (let i = 0; i < posting.n; i++) if (this.live[posting.docs[i]]) slots.add(posting.docs[i]);
		let count = 0;
		for (const slot of slots) if (usable(slot)) count++;
		return count;
	}

	/** Gives back the room posting lists keep to grow (a third of them on average, after a bulk load). */
	trim(): void {
		for (const postings of this.#terms.values())
			for (const p of postings)
				if (p && p.docs.length > p.n) {
					p.docs = p.docs.slice(0, p.n);
					p.tfs = p.tfs.slice(0, p.n);
				}
	}

	/** Should `compact` run? */
	get sparse(): boolean {
		return this.slots > 1024 && this.liveCount < this.slots * LIVE_SHARE;
	}

	/** Drops dead slots and renumbers the live ones in order; returns old slot → new slot (-1 if dead). */
	compact(): Int32Array {
		const moved = new Int32Array(this.slots).fill(-1);
		let next = 0;
		for (let s = 0; s < this.slots; s++) if (this.live[s]) moved[s] = next++;
		for (const [term, postings] of this.#terms) {
			let used = false;
			postings.forEach((p, field) => {
				if (!p) return;
				let n = 0;
				for (let i = 0; i < p.n; i++) {
					const to = moved[p.docs[i]];
					if (to < 0) continue;
					p.docs[n] = to;
					p.tfs[n++] = p.tfs[i];
				}
				p.n = n;
				if (n === 0) postings[field] = undefined;
				else used = true;
			});
			if (used) continue;
			this.#terms.delete(term);
			this.#dictionary.delete(term);
		}
		for (const lengths of this.lengths)
			for (let s = 0; s < this.slots; s++) if (moved[s] >= 0) lengths[moved[s]] = lengths[s];
		this.live.fill(0);
		this.live.fill(1, 0, next);
		this.slots = next;
		this.#expansions.clear();
		return moved;
	}

	/** The index terms a query term reaches: itself, words it begins (prefix), words a typo away (fuzzy). */
	expand(term: string, fuzzy: number, prefix: boolean): Expansion[] {
		const key = `${term}|${fuzzy}|${prefix}`;
		let found = this.#expansions.get(key);
		if (found) return found;
		found = [];
		const exact = this.#terms.get(term);
		if (exact) found.push({ postings: exact, weight: 1 });
		const fuzzyHits = fuzzy > 0 ? this.#dictionary.fuzzyGet(term, fuzzy) : undefined;
		if (prefix)
			for (const [other, postings] of this.#dictionary.atPrefix(term)) {
				const distance = other.length - term.length;
				if (distance === 0) continue;
				fuzzyHits?.delete(other);
				found.push({ postings, weight: (PREFIX_WEIGHT * other.length) / (other.length + 0.3 * distance) });
			}
		if (fuzzyHits)
			for (const [other, [postings, distance]] of fuzzyHits)
				if (distance > 0)
					found.push({ postings, weight: (FUZZY_WEIGHT * other.length) / (other.length + distance) });
		this.#expansions.set(key, found);
		return found;
	}

	/** Adds weight × BM25 of one posting into `into`, for live slots, and calls `met` on each slot first met. */
	score(
		posting: Posting,
		field: number,
		weight: number,
		into: Float64Array,
		met: (slot: number) => void,
	): void {
		const { k, b, d } = BM25;
		const total = this.liveCount;
		const using = this.liveCount === this.slots ? posting.n : this.#liveIn(posting);
		const idf = Math.log(1 + (total - using + 0.5) / (using + 0.5));
		const average = this.#totals[field] / Math.max(1, total) || 1;
		const lengths = this.lengths[field];
		const { docs, tfs, n } = posting;
		for (let i = 0; i < n; i++) {
			const slot = docs[i];
			if (!this.live[slot]) continue;
			const tf = tfs[i];
			met(slot);
			into[slot] += weight * idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * lengths[slot]) / average)));
		}
	}

	/** Documents of a posting still in the index (removed ones stay until the next `compact`). */
	#liveIn(posting: Posting): number {
		let n = 0;
		for (let i = 0; i < posting.n; i++) n += this.live[posting.docs[i]];
		return n;
	}

	#grow(): void {
		const size = this.live.length * 2;
		const live = new Uint8Array(size);
		live.set(this.live);
		this.live = live;
		this.lengths = this.lengths.map((old) => {
			const lengths = new Float32Array(size);
			lengths.set(old);
			return lengths;
		});
	}

	toJSON(): SerializedIndex {
		if (this.liveCount < this.slots) this.compact();
		const terms: SerializedIndex['terms'] = [];
		for (const [term, postings] of this.#terms)
			terms.push([
				term,
				postings.map((p) => (p ? [[...p.docs.subarray(0, p.n)], [...p.tfs.subarray(0, p.n)]] : 0)),
			]);
		return { slots: this.slots, lengths: this.lengths.map((l) => [...l.subarray(0, this.slots)]), terms };
	}

	static fromJSON(json: SerializedIndex, fieldCount: number): InvertedIndex {
		const index = new InvertedIndex(fieldCount);
		while (index.live.length < json.slots) index.#grow();
		index.slots = json.slots;
		index.liveCount = json.slots;
		index.live.fill(1, 0, json.slots);
		json.lengths.forEach((lengths, f) => {
			index.lengths[f].set(lengths);
			index.#totals[f] = lengths.reduce((s, l) => s + l, 0);
		});
		for (const [term, postings] of json.terms) {
			const restored = postings.map((p) =>
				p ? { docs: Int32Array.from(p[0]), tfs: Uint16Array.from(p[1]), n: p[0].length } : undefined,
			);
			index.#terms.set(term, restored);
			index.#dictionary.set(term, restored);
		}
		return index;
	}
}

export interface SerializedIndex {
	slots: number;
	lengths: number[][];
	terms: [string, ([number[], number[]] | 0)[]][];
}
