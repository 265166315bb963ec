// Small French grammar helpers for the templates: elision and contraction of "de" and "à",
// articles dropped or kept, capitals. Enough for names of places, objects and services.

// Place names elide before any H (d’Hazebrouck); common nouns only before a silent h.
const ELIDES =
	/^([aeiouyàâäéèêëîïôöûüœAEIOUYÀÂÉÈÊÎÔŒ]|H(?!aut)|h(abit|[ôo]tel|uile|eure|erbe|ébergement|istoire|iver|ygiène))/;

/** "de" + a noun phrase or a place: "une remorque" → "d’une remorque", "Le Portel" → "du Portel", "des pots" → "de pots". */
export function de(phrase: string): string {
	if (/^les /i.test(phrase)) return `des ${phrase.slice(4)}`;
	if (/^le /i.test(phrase)) return `du ${phrase.slice(3)}`;
	// After "de", a partitive article disappears: "de la vaisselle" → "de vaisselle".
	const partitive = /^(des |du |de la |de l’)/i.exec(phrase);
	if (partitive) return elide('de', phrase.slice(partitive[0].length));
	return elide('de', phrase);
}

/** "à" + a place: "Lille" → "à Lille", "Le Portel" → "au Portel", "Les Attaques" → "aux Attaques". */
export function at(place: string): string {
	if (/^les /i.test(place)) return `aux ${place.slice(4)}`;
	if (/^le /i.test(place)) return `au ${place.slice(3)}`;
	return `à ${place}`;
}

function elide(word: 'de', rest: string): string {
	return ELIDES.test(rest) ? `d’${rest}` : `${word} ${rest}`;
}

/** Drops a leading article: "des palettes en bois" → "palettes en bois". */
export function bare(phrase: string): string {
	return phrase.replace(/^(un |une |des |du |de la |de l’|le |la |les |l’)/i, '');
}

export function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lower(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Splits a compact word list written as "a|b|c". */
export function list(words: string): string[] {
	return words.split('|');
}

/** Joins with commas and a final "et": ["a", "b", "c"] → "a, b et c". */
export function enumerate(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
