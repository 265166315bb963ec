// The words the index has seen, as written: memoises the analyzer while indexing, maps a word typed
// without accents to the indexed one ("activites" → "activités", stemmed like it), and shows terms as words.
import { foldAccents, termOf } from './analyzer';

export class Vocabulary {
	#terms = new Map<string, string | null>();
	#surfaces = new Map<string, string>();
	#display = new Map<string, string>();
	#occurrences = new Map<string, number>();

	/** The term of a word met in a document, remembered with the word. */
	learn(word: string): string | null {
		let term = this.#terms.get(word);
		if (term === undefined) {
			term = termOf(word);
			this.#remember(word, term);
		}
		if (term !== null) this.#occurrences.set(term, (this.#occurrences.get(term) ?? 0) + 1);
		return term;
	}

	/** How many times documents indexed so far used the term (removals aside): how common it is. */
	occurrences(term: string): number {
		return this.#occurrences.get(term) ?? 0;
	}

	/** The term of a word typed in a query: stemmed as the indexed spelling with accents, when there is one. */
	termFor(word: string): string | null {
		const written = this.#surfaces.get(foldAccents(word));
		if (written !== undefined) return this.#terms.get(written) ?? null;
		return this.#terms.get(word) ?? termOf(word);
	}

	/** A word a person would recognise for an index term. */
	displayOf(term: string): string | undefined {
		return this.#display.get(term);
	}

	/** Every word seen, accents folded, with its spelling as written. */
	spellings(): IterableIterator<[string, string]> {
		return this.#surfaces.entries();
	}

	toJSON(): SerializedVocabulary {
		return { words: [...this.#terms], occurrences: [...this.#occurrences] };
	}

	static fromJSON(json: SerializedVocabulary): Vocabulary {
		const vocabulary = new Vocabulary();
		for (const [word, term] of json.words) vocabulary.#remember(word, term);
		vocabulary.#occurrences = new Map(json.occurrences);
		return vocabulary;
	}

	#remember(word: string, term: string | null): void {
		this.#terms.set(word, term);
		if (term === null) return;
		const folded = foldAccents(word);
		// Prefer the accented spelling: "réunion" over "reunion".
		if (!this.#surfaces.has(folded) || folded === this.#surfaces.get(folded))
			this.#surfaces.set(folded, word);
		if (!this.#display.has(term)) this.#display.set(term, word);
	}
}

export interface SerializedVocabulary {
	words: [string, string | null][];
	occurrences: [string, number][];
}
