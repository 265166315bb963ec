// Turns what someone typed into concepts: one per word (or per commune named), each with the clauses
// that satisfy it — the word itself (typo-tolerant, prefix for the last one) and its thesaurus phrases.
import { words } from './analyzer';
import { findPlace } from './places';
import { expand, type Phrase } from './thesaurus';
import type { Vocabulary } from './vocabulary';

/** All `terms` must match; `weight` below 1 for thesaurus phrases. */
export interface Clause {
	terms: string[];
	weight: number;
	fuzzy: boolean;
	prefix: boolean;
	/** Fields searched, when not all of them. */
	fields?: string[];
}

export interface Concept {
	/** The words as typed, for suggestions. */
	words: string[];
	clauses: Clause[];
	/** Set when the concept is a commune: being near it satisfies it too. */
	place?: string;
}

export interface ParsedQuery {
	concepts: Concept[];
	place?: string;
}

export const SYNONYM_WEIGHT = 0.5;
/** A commune's name in the text counts less: being near it is what the person means. */
const PLACE_WEIGHT = 0.3;
const TEXT_FIELDS = ['title', 'summary', 'text'];
const FUZZY_MIN_LENGTH = 5;
const PREFIX_MIN_LENGTH = 3;

export function parseQuery(
	text: string,
	vocabulary: Vocabulary,
	commonAbove = Number.POSITIVE_INFINITY,
): ParsedQuery {
	const tokens: { word: string; term: string }[] = [];
	for (const word of words(text)) {
		const term = vocabulary.termFor(word);
		if (term && !tokens.some((t) => t.term === term)) tokens.push({ word, term });
	}
	const place = findPlace(tokens.map((t) => t.word));
	const before = place ? tokens.slice(0, place.start) : tokens;
	const after = place ? tokens.slice(place.start + place.length) : [];
	const plain = [...before, ...after];
	// The word being typed: a prefix, unless a space ends the query.
	const typing = /[\p{L}\p{N}]$/u.test(text) ? tokens[tokens.length - 1] : undefined;

	const concepts: Concept[] = plain.map(({ word, term }) => ({
		words: [word],
		clauses: [
			{
				terms: [term],
				weight: 1,
				fuzzy: term.length >= FUZZY_MIN_LENGTH,
				prefix: term === typing?.term && term.length >= PREFIX_MIN_LENGTH,
			},
		],
	}));
	const plainTerms = plain.map((t) => t.term);
	for (const { start, length, alternatives } of expand(plainTerms)) {
		// "salle" alone must not stand for the whole of "salle de réunion".
		const own = plainTerms.slice(start, start + length);
		// Phrases made only of very common words reach much of the index for little; but when the words
		// typed are unknown to the index, the thesaurus is all there is ("bicyclette" → "vélo").
		const known = own.some((t) => vocabulary.occurrences(t) > 0);
		const rare = (terms: Phrase) =>
			!known || Math.min(...terms.map((t) => vocabulary.occurrences(t))) <= commonAbove;
		const wider = alternatives.filter((terms) => !terms.every((t) => own.includes(t)) && rare(terms));
		const clauses = wider.map((terms) => ({
			terms: [...terms],
			weight: SYNONYM_WEIGHT,
			fuzzy: false,
			prefix: false,
		}));
		for (let i = start; i < start + length; i++) concepts[i].clauses.push(...clauses);
	}
	if (!place) return { concepts };
	const named = tokens.slice(place.start, place.start + place.length);
	concepts.push({
		words: named.map((t) => t.word),
		// Not the place field: being near the commune is checked apart, and is what the person means.
		clauses: [
			{
				terms: named.map((t) => t.term),
				weight: PLACE_WEIGHT,
				fuzzy: false,
				prefix: false,
				fields: TEXT_FIELDS,
			},
		],
		place: place.insee,
	});
	return { concepts, place: place.insee };
}
