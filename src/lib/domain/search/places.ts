// Finds a commune named in a query ("salle de réunion Arras"), so results near it rank first.
// Names that are also everyday words ("Don", "Bus", "Croix") are never taken for places.
import { COMMUNES } from '../communes';
import { foldAccents, isStopword } from './analyzer';

const EVERYDAY_WORDS = new Set(
	'don bus croix riviere teneur denier selles ames pommier lepine ecurie fiefs planques contes louches avion attaques couture bois aire grande vieux madeleine'.split(
		' ',
	),
);

const keyOf = (words: readonly string[]) =>
	words
		.filter((w) => !isStopword(w))
		.map(foldAccents)
		.join(' ');

function compile() {
	const byKey = new Map<string, { insee: string; population: number }>();
	let longest = 1;
	for (const c of COMMUNES) {
		const words = c.name
			.toLowerCase()
			.split(/[^\p{L}\p{N}]+/u)
			.filter(Boolean);
		const key = keyOf(words);
		if (!key || EVERYDAY_WORDS.has(key)) continue;
		const seen = byKey.get(key);
		if (!seen || seen.population < c.population) byKey.set(key, { insee: c.insee, population: c.population });
		longest = Math.max(longest, key.split(' ').length);
	}
	return { byKey, longest };
}

let compiled: ReturnType<typeof compile> | null = null;

export interface PlaceMatch {
	insee: string;
	start: number;
	length: number;
}

/** The first commune named by consecutive words (stopwords already dropped), longest name first. */
export function findPlace(words: readonly string[]): PlaceMatch | null {
	compiled ??= compile();
	const folded = words.map(foldAccents);
	for (let start = 0; start < folded.length; start++) {
		for (let length = Math.min(compiled.longest, folded.length - start); length >= 1; length--) {
			const hit = compiled.byKey.get(folded.slice(start, start + length).join(' '));
			if (hit) return { insee: hit.insee, start, length };
		}
	}
	return null;
}
