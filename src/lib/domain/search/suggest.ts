// What to offer when a search finds nothing: words of the index spelt close to the ones typed
// (beyond the typo tolerance of the search itself) that would find something, and filters to drop.
import { foldAccents } from './analyzer';
import type { FilterName } from './filters';
import type { Concept } from './query';
import type { Vocabulary } from './vocabulary';

export interface Suggestions {
	/** Words to try instead, as a person writes them. */
	terms: string[];
	/** Filters that, dropped alone, would give `count` results. */
	filters: { filter: FilterName; count: number }[];
}

const PER_WORD = 3;

export function suggest(opts: {
	vocabulary: Vocabulary;
	concepts: readonly Concept[];
	filtersToDrop: Suggestions['filters'];
	/** How many documents that would be shown (readable, live, through the filters) use the term. */
	count(term: string): number;
}): Suggestions {
	const terms: string[] = [];
	for (const concept of opts.concepts) {
		if (concept.place) continue;
		for (const typed of concept.words)
			for (const word of closeWords(opts, typed)) if (!terms.includes(word)) terms.push(word);
	}
	return { terms, filters: opts.filtersToDrop };
}

/** Words of the index within a few edits of `typed`, that find usable documents, closest and commonest first. */
function closeWords(opts: Parameters<typeof suggest>[0], typed: string): string[] {
	const folded = foldAccents(typed);
	if (folded.length < 3) return [];
	const max = folded.length >= 8 ? 3 : folded.length >= 5 ? 2 : 1;
	const found: { word: string; distance: number; count: number }[] = [];
	const seenTerms = new Set<string>();
	for (const [spelling, word] of opts.vocabulary.spellings()) {
		const distance = editDistance(folded, spelling, max);
		if (distance === 0 || distance > max) continue;
		const term = opts.vocabulary.termFor(word);
		if (!term || seenTerms.has(term)) continue;
		seenTerms.add(term);
		const count = opts.count(term);
		if (count > 0) found.push({ word, distance, count });
	}
	return found
		.sort((a, b) => a.distance - b.distance || b.count - a.count)
		.slice(0, PER_WORD)
		.map((f) => f.word);
}

/** Three rows of the distance matrix, reused: suggestions compare the typed word with every word known. */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Edit distance with transpositions (optimal string alignment), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	if (rows[0].length <= b.length) rows = rows.map(() => new Int32Array(b.length * 2));
	let [before, previous, current] = rows;
	for (let j = 0; j <= b.length; j++) previous[j] = j;
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let best = i;
		const ca = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			const cb = b.charCodeAt(j - 1);
			let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca === cb ? 0 : 1));
			if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
				d = Math.min(d, before[j - 2] + 1);
			current[j] = d;
			if (d < best) best = d;
		}
		if (best > max) return max + 1;
		[before, previous, current] = [previous, current, before];
	}
	return previous[b.length];
}
