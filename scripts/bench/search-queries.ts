// The fixed work of bench:search-engine, shared by its Node half and its Chromium half: the queries,
// the naive baseline peers offered (substring filter), and how latencies are taken.
import type { SearchRequest } from '../../src/lib/domain/search';

/** Typed by members, as they type them: accents or not, typos, a place, a phrase of the thesaurus. */
export const QUERIES = [
	'salle de réunion Arras',
	'velo',
	'vélos',
	'mutualsation',
	'mutualisation camion',
	'camion frigorifique',
	'chambre froide',
	'graphiste',
	'comptabilite associative',
	'traiteur',
	'repas pour 50 personnes',
	'prêt de broyeuse',
	'bicyclette',
	'local de stockage Lille',
	'atelier couture',
	'formation premiers secours',
	'jardin partagé',
	'bénévoles',
	'appel d’offres espaces verts',
	'réemploi mobilier',
	'informatique',
	'photocopieur',
	'insertion',
	'don de vêtements',
	'vidéoprojecteur',
	'Boulogne-sur-Mer',
	'épicerie solidaire Lens',
	'xylophone',
	'acompagnement création d’activité',
	'mise en commun d’un véhicule',
];

/** The same engine with filters set, as the search page sends them (counts per filter value included). */
export const FILTERED: SearchRequest[] = [
	{ q: 'salle de réunion', filters: { department: '62' } },
	{ q: 'local', filters: { commune: '62041', radius: 20 } },
	{ q: 'vélo', filters: { type: 'listing', kind: 'offer' } },
	{ q: '', filters: { sector: 'alimentation' } },
	{ q: 'camion', filters: { position: [50.63, 3.06], radius: 15 } },
	{ q: 'formation', filters: { type: 'structure', legalForm: 'association' } },
	{ q: 'mutu' },
	{ q: 'salle de réu' },
];

export const RUNS = 20;

export interface Latency {
	p50: number;
	p95: number;
	max: number;
}

export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Runs every item once to warm up, then `runs` times, timing each run. */
export function latencies<T>(items: readonly T[], run: (item: T) => unknown, runs = RUNS): Latency {
	const all: number[] = [];
	for (const item of items) run(item);
	for (let i = 0; i < runs; i++)
		for (const item of items) {
			const start = performance.now();
			run(item);
			all.push(performance.now() - start);
		}
	all.sort((a, b) => a - b);
	return { p50: percentile(all, 0.5), p95: percentile(all, 0.95), max: all[all.length - 1] };
}

export interface Haystack {
	id: string;
	text: string;
}

/** The search peers were criticised for: every word must appear as typed (case aside), no ranking. */
export function naiveSearch(haystacks: readonly Haystack[], q: string): string[] {
	const wanted = q.toLowerCase().split(/\s+/).filter(Boolean);
	return haystacks.filter((h) => wanted.every((w) => h.text.includes(w))).map((h) => h.id);
}

export function haystackOf(doc: { _id: string; type?: string }): Haystack | null {
	const d = doc as unknown as Record<string, string>;
	if (doc.type === 'listing') return { id: doc._id, text: `${d.title} ${d.text}`.toLowerCase() };
	if (doc.type === 'structure')
		return {
			id: doc._id,
			text: [d.name, d.pitch, d.offers, d.needs, d.description].join(' ').toLowerCase(),
		};
	return null;
}
