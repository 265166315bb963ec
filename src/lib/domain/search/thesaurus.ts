// Applies the ESS thesaurus at query time: the longest phrase of the thesaurus found at each place
// of the query brings the other members of its groups, as term sequences (a phrase is all its terms).
import { analyze } from './analyzer';
import { THESAURUS_GROUPS } from './thesaurus-data';

/** One way of saying it, analysed: "mise en commun" → ['mis', 'commun']. */
export type Phrase = readonly string[];

export interface Expansion {
	/** Index of the first query term the phrase covers, and how many it covers. */
	start: number;
	length: number;
	/** The phrases of the same groups, without the one found in the query. */
	alternatives: Phrase[];
}

const keyOf = (terms: readonly string[]) => terms.join(' ');

/** Group members by phrase key: what each phrase may be expanded to. */
function compile(groups: readonly string[]): { byKey: Map<string, Phrase[]>; longest: number } {
	const byKey = new Map<string, Map<string, Phrase>>();
	let longest = 1;
	for (const group of groups) {
		const phrases = group
			.split('|')
			.map(analyze)
			.filter((p) => p.length > 0);
		for (const phrase of phrases) {
			longest = Math.max(longest, phrase.length);
			const key = keyOf(phrase);
			const into = byKey.get(key) ?? new Map<string, Phrase>();
			for (const other of phrases) if (keyOf(other) !== key) into.set(keyOf(other), other);
			byKey.set(key, into);
		}
	}
	return { byKey: new Map([...byKey].map(([k, v]) => [k, [...v.values()]])), longest };
}

const compiled = compile(THESAURUS_GROUPS);

/** How many groups the thesaurus has (it is data: tests check it stays substantial). */
export const THESAURUS_SIZE = THESAURUS_GROUPS.length;

/** The expansions of a query's terms, longest phrase first, phrases never overlapping. */
export function expand(terms: readonly string[]): Expansion[] {
	const out: Expansion[] = [];
	let i = 0;
	while (i < terms.length) {
		let found: Expansion | null = null;
		for (let length = Math.min(compiled.longest, terms.length - i); length >= 1 && !found; length--) {
			const alternatives = compiled.byKey.get(keyOf(terms.slice(i, i + length)));
			if (alternatives) found = { start: i, length, alternatives };
		}
		if (found) out.push(found);
		i += found ? found.length : 1;
	}
	return out;
}

/** Phrases close to one term, for suggestions when nothing matched. */
export function relatedPhrases(term: string): Phrase[] {
	return compiled.byKey.get(term) ?? [];
}
