// Finds communes of Nord and Pas-de-Calais by name or postal code, best matches first:
// exact name, then names starting with the text, then names containing it; bigger towns first.
import { COMMUNES, type Commune, communeByCode } from '../domain';
import { fold } from './format';

/** Hyphens and apostrophes count as spaces: "villeneuve d ascq" finds Villeneuve-d'Ascq. */
const normalise = (text: string) => fold(text).replace(/[-']/g, ' ').replace(/\s+/g, ' ').trim();

const folded = COMMUNES.map((commune) => ({ commune, name: normalise(commune.name) }));

export function searchCommunes(text: string, limit = 8): Commune[] {
	const query = normalise(text.replace(/\(.*$/, ''));
	if (!query) return [];
	if (/^\d{2,5}$/.test(query)) {
		return COMMUNES.filter((c) => c.postalCodes.some((p) => p.startsWith(query)) || c.insee === query)
			.sort((a, b) => b.population - a.population)
			.slice(0, limit);
	}
	const rank = (name: string) =>
		name === query ? 0 : name.startsWith(query) ? 1 : name.includes(query) ? 2 : 3;
	return folded
		.map((f) => ({ ...f, rank: rank(f.name) }))
		.filter((f) => f.rank < 3)
		.sort((a, b) => a.rank - b.rank || b.commune.population - a.commune.population)
		.slice(0, limit)
		.map((f) => f.commune);
}

/** What the input shows for a chosen commune: "Arras (62000)". */
export function communeText(insee: string): string {
	const commune = communeByCode(insee);
	if (!commune) return '';
	return `${commune.name} (${commune.postalCodes[0] ?? commune.department})`;
}

/** The commune the text names without doubt (one exact match), if any. */
export function exactCommune(text: string): Commune | undefined {
	const query = normalise(text.replace(/\(.*$/, ''));
	const matches = folded.filter((f) => f.name === query);
	return matches.length === 1 ? matches[0].commune : undefined;
}
