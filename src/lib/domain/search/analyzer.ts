// The French analyzer shared by the device and the server: words (elisions, hyphens, digits),
// then per word: stopwords, Snowball stem (before folding accents), accent folding, plurals.
import { stemmer } from '@orama/stemmers/french';

/** Bump when the terms an analyzer produces change: a stored index built before must be rebuilt. */
export const ANALYZER_VERSION = 1;

/** Our own short list: function words only, never real words like "personne", "bien" or "nouveau". */
const STOPWORDS = new Set(
	(
		'a au aux avec ce ces cet cette d dans de des du elle elles en est et il ils je l la le les leur leurs ' +
		'ma mes mon ne nos notre nous on ou par pour qu que qui sa se ses son sont sur ta tes ton un une vos votre vous y'
	).split(' '),
);

/** An elided article or pronoun before an apostrophe: l'atelier, d’insertion, qu'on, jusqu'à. */
const ELISION = /(^|[^\p{L}\p{N}])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’‘ʼ]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function foldAccents(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae');
}

/** The words of a text as a reader sees them: lower-cased, elided articles dropped, hyphens split. */
export function words(text: string): string[] {
	return text.normalize('NFC').toLowerCase().replace(ELISION, '$1 ').match(WORD) ?? [];
}

export function isStopword(word: string): boolean {
	return STOPWORDS.has(foldAccents(word));
}

/** The index term of one word, or null for a stopword or a lone letter. */
export function termOf(word: string): string | null {
	if (isStopword(word)) return null;
	if (/^\p{N}+$/u.test(word)) return word;
	if (word.length < 2) return null;
	const stem = stemmer(word);
	let term = foldAccents(stem);
	// Snowball keeps the -s of "vélos" and the -x of "jeux": drop what it left untouched.
	if (stem === word && term.length >= 4 && /[^s][sx]$/.test(term)) term = term.slice(0, -1);
	return term;
}

/** The terms of a text, in order (stopwords dropped). */
export function analyze(text: string): string[] {
	const terms: string[] = [];
	for (const word of words(text)) {
		const term = termOf(word);
		if (term) terms.push(term);
	}
	return terms;
}
