// Runs the clauses of a parsed query over the inverted index: per document reached, its relevance
// (BM25 summed over the clauses it satisfies, as MiniSearch would) and which concepts its text satisfies.
import { FIELD_BOOSTS } from './documents';
import type { InvertedIndex } from './inverted';
import type { Clause, Concept } from './query';

const FIELDS = Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[];
const BOOSTS = FIELDS.map((f) => FIELD_BOOSTS[f]);
/** Typo tolerance: none under 5 letters, one edit up to 8, two beyond. */
export function maxTypos(term: string): number {
	return term.length < 5 ? 0 : term.length <= 8 ? 1 : 2;
}

/** Work arrays reused from one search to the next (a search per keystroke must not allocate much). */
export class Scratch {
	relevance = new Float64Array(0);
	concepts = new Uint32Array(0);
	/** Stamps say which slots the current search (or clause, or term) has touched, without clearing. */
	seen = new Uint32Array(0);
	clauseSeen = new Uint32Array(0);
	termSeen = new Uint32Array(0);
	clauseTerms = new Uint8Array(0);
	termScore = new Float64Array(0);
	clauseScore = new Float64Array(0);
	#stamp = 0;
	/** The stamp of the current search in `seen`. */
	searchStamp = 0;

	/** Starts a search over `slots` slots; returns its stamp. */
	begin(slots: number): number {
		if (this.seen.length < slots) {
			const size = Math.max(slots, this.seen.length * 2, 1024);
			this.relevance = new Float64Array(size);
			this.concepts = new Uint32Array(size);
			this.seen = new Uint32Array(size);
			this.clauseSeen = new Uint32Array(size);
			this.termSeen = new Uint32Array(size);
			this.clauseTerms = new Uint8Array(size);
			this.termScore = new Float64Array(size);
			this.clauseScore = new Float64Array(size);
			this.#stamp = 0;
		}
		this.searchStamp = this.next();
		return this.searchStamp;
	}

	next(): number {
		this.#stamp++;
		if (this.#stamp === 0xffffffff) {
			this.seen.fill(0);
			this.clauseSeen.fill(0);
			this.termSeen.fill(0);
			this.#stamp = 1;
		}
		return this.#stamp;
	}
}

interface ClauseOf {
	clause: Clause;
	/** Bit mask of the concepts this clause satisfies. */
	concepts: number;
}

/** Clauses shared by several concepts (a thesaurus phrase over two words) run once. */
function clausesOf(concepts: readonly Concept[]): ClauseOf[] {
	const byKey = new Map<string, ClauseOf>();
	concepts.forEach((concept, i) => {
		for (const clause of concept.clauses) {
			const key = `${clause.terms.join(' ')}|${clause.weight}|${clause.fuzzy}|${clause.prefix}|${clause.fields ?? ''}`;
			const seen = byKey.get(key);
			if (seen) seen.concepts |= 1 << i;
			else byKey.set(key, { clause, concepts: 1 << i });
		}
	});
	return [...byKey.values()];
}

/** The slots the query's text reaches, with `scratch.relevance` and `scratch.concepts` filled for each. */
export function match(index: InvertedIndex, concepts: readonly Concept[], scratch: Scratch): number[] {
	const searchStamp = scratch.begin(index.slots);
	const reached: number[] = [];
	const { relevance, concepts: masks, seen } = scratch;
	for (const { clause, concepts: bits } of clausesOf(concepts)) {
		const slots = matchClause(index, clause, scratch);
		for (const slot of slots) {
			if (seen[slot] !== searchStamp) {
				seen[slot] = searchStamp;
				relevance[slot] = 0;
				masks[slot] = 0;
				reached.push(slot);
			}
			relevance[slot] += scratch.clauseScore[slot] * clause.weight;
			masks[slot] |= bits;
		}
	}
	return reached;
}

/** Slots where every term of the clause matches; their summed score in `scratch.clauseScore`. */
function matchClause(index: InvertedIndex, clause: Clause, scratch: Scratch): number[] {
	const fields = clause.fields
		? clause.fields.map((f) => FIELDS.indexOf(f as never))
		: FIELDS.map((_, i) => i);
	const stamp = scratch.next();
	const { clauseSeen, clauseTerms, clauseScore, termScore, termSeen } = scratch;
	let slots: number[] = [];
	clause.terms.forEach((term, t) => {
		const termStamp = scratch.next();
		const met: number[] = [];
		const mark = (slot: number) => {
			if (termSeen[slot] === termStamp) return;
			termSeen[slot] = termStamp;
			termScore[slot] = 0;
			met.push(slot);
		};
		for (const { postings, weight } of index.expand(term, clause.fuzzy ? maxTypos(term) : 0, clause.prefix))
			for (const f of fields) {
				const posting = postings[f];
				if (posting) index.score(posting, f, weight * BOOSTS[f], termScore, mark);
			}
		if (t === 0) {
			for (const slot of met) {
				clauseSeen[slot] = stamp;
				clauseTerms[slot] = 1;
				clauseScore[slot] = termScore[slot];
			}
			slots = met;
			return;
		}
		for (const slot of met)
			if (clauseSeen[slot] === stamp && clauseTerms[slot] === t) {
				clauseTerms[slot]++;
				clauseScore[slot] += termScore[slot];
			}
		slots = slots.filter((slot) => clauseTerms[slot] === t + 1);
	});
	return slots;
}
