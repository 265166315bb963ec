// The French search: analyzer, thesaurus, ranking and the acceptance cases of issue 4.
import { describe, expect, it } from 'vitest';
import { canRead, type Listing, VISITOR } from '../../src/lib/domain';
import { type CoordinateSource, haversineKm, withinRadius } from '../../src/lib/domain/geo';
import {
	analyze,
	expand,
	SearchEngine,
	type SearchEntry,
	type SearchRequest,
	THESAURUS_SIZE,
} from '../../src/lib/domain/search';
import { ARRAS, NOW, SEARCH_DOCS, TARGET_ID } from './search-fixtures';

function engine(): SearchEngine {
	const e = new SearchEngine();
	e.putAll(SEARCH_DOCS);
	return e;
}
const visitor = (e: SearchEntry) => canRead(VISITOR, { _id: e.id, ...e });
const search = (e: SearchEngine, q: string, over: SearchRequest = {}) => e.search({ q, now: NOW, ...over });
const ids = (r: { results: { id: string }[] }) => r.results.map((h) => h.id);

describe('the French analyzer', () => {
	it('drops elided articles written with either apostrophe', () => {
		expect(analyze("l'association d’insertion qu’on aime")).toEqual(analyze('association insertion on aime'));
		expect(analyze("L'association")).toEqual(['associ']);
	});

	it('folds accents after stemming, so typing without accents finds the same terms', () => {
		expect(analyze('Réunion bénévoles')).toEqual(analyze('reunion benevoles'));
		expect(analyze('associé')).toEqual(analyze('association'));
	});

	it('handles the plurals the stemmer leaves: vélos, jeux, bijoux', () => {
		expect(analyze('vélos jeux bijoux')).toEqual(analyze('vélo jeu bijou'));
	});

	it('drops only function words: "personne", "bien", "nouveau" and "possible" stay', () => {
		expect(analyze('de la les des du un une et à pour avec dans')).toEqual([]);
		expect(analyze('personne bien nouveau possible')).toHaveLength(4);
	});

	it('splits hyphenated words and keeps digits', () => {
		expect(analyze('Saint-Pol-sur-Ternoise')).toEqual(analyze('saint pol ternoise'));
		expect(analyze('imprimante 3D 59000')).toContain('59000');
		expect(analyze('imprimante 3D')).toContain('3d');
	});
});

describe('the ESS thesaurus', () => {
	it('holds at least 150 groups', () => {
		expect(THESAURUS_SIZE).toBeGreaterThanOrEqual(150);
	});

	it('expands a phrase as a whole, longest first', () => {
		const [found] = expand(analyze('salle de réunion'));
		expect(found).toMatchObject({ start: 0, length: 2 });
		expect(found.alternatives).toContainEqual(analyze('local'));
		expect(found.alternatives).toContainEqual(analyze('espace de réunion'));
	});
});

describe('ranking and acceptance cases', () => {
	it('"salle de réunion Arras" finds the room to share near Arras first', () => {
		const r = search(engine(), 'salle de réunion Arras');
		expect(r.origin).toBe(ARRAS);
		expect(ids(r)[0]).toBe(TARGET_ID);
		// The same offer in Dunkerque, the room in Lille and Arras' sports hall come after, still found.
		expect(ids(r)).toEqual(
			expect.arrayContaining(['listing:local-dunkerque', 'listing:salle-lille', 'listing:sport-arras']),
		);
	});

	it('"velo" finds "vélos"', () => {
		expect(ids(search(engine(), 'velo'))).toContain('listing:velos-lille');
	});

	it('a word that matches nothing does not hide what the other word finds', () => {
		const r = search(engine(), 'vélos xylophoniques');
		expect(ids(r)).toContain('listing:velos-lille');
		expect(r.results[0].matched).toBe(1);
		expect(r.concepts).toBe(2);
	});

	it('documents matching all the words come before those matching some', () => {
		const r = search(engine(), 'local partager Dunkerque');
		expect(ids(r)[0]).toBe('listing:local-dunkerque');
		const matched = r.results.map((h) => h.matched);
		expect(matched).toEqual([...matched].sort((a, b) => b - a));
	});

	it('tolerates a typo: "mutualsation" finds "mutualisation"', () => {
		expect(ids(search(engine(), 'mutualsation'))[0]).toBe('listing:mutualisation-douai');
	});

	it('knows synonyms, weighed below the word itself: "bicyclette" finds vélos', () => {
		expect(ids(search(engine(), 'bicyclette'))).toContain('listing:velos-lille');
		const r = search(engine(), 'camion');
		expect(ids(r)[0]).toBe('listing:mutualisation-douai');
	});

	it('finds a structure by what it does, and searches listings or structures apart', () => {
		const e = engine();
		expect(ids(search(e, 'graphiste'))[0]).toBe('structure:coop-graphisme');
		expect(ids(search(e, 'local', { filters: { type: 'structure' } }))).toEqual(['structure:coop-graphisme']);
	});

	it('a query with no match suggests close words', () => {
		const r = search(engine(), 'mutulisatoin');
		expect(r.total).toBe(0);
		expect(r.suggestions.terms).toContain('mutualisation');
	});

	it('filters that leave nothing are offered to be dropped, with what they would give', () => {
		const r = search(engine(), 'vélos', { filters: { sector: 'culture' }, canRead: visitor });
		expect(r.total).toBe(0);
		expect(r.suggestions.filters).toEqual([{ filter: 'sector', count: 1 }]);
	});

	it('never shows expired listings, nor members-only documents to a visitor', () => {
		const e = engine();
		expect(ids(search(e, 'vélo'))).not.toContain('listing:velo-expire');
		expect(ids(search(e, 'vélo'))).toContain('listing:cargo-adherents');
		const seen = ids(search(e, 'vélo', { canRead: visitor }));
		expect(seen).not.toContain('listing:cargo-adherents');
		expect(seen).not.toContain('structure:atelier-discret');
	});

	it('filters by territory: a commune alone, or a radius around it', () => {
		const e = engine();
		expect(ids(search(e, 'réunion', { filters: { commune: ARRAS } }))).toEqual(['listing:information-arras']);
		const around = ids(search(e, 'réunion', { filters: { commune: ARRAS, radius: 15 } }));
		expect(around).toEqual(expect.arrayContaining([TARGET_ID, 'listing:information-arras']));
		expect(around).not.toContain('listing:local-dunkerque');
	});

	it('lists what is near a place when only a place is asked, the closest first', () => {
		const r = search(engine(), 'Arras');
		expect([...ids(r)].sort()).toEqual(
			['listing:information-arras', TARGET_ID, 'listing:sport-arras'].sort(),
		);
		// In Arras itself before its neighbour Saint-Laurent-Blangy.
		expect(ids(r)[2]).toBe(TARGET_ID);
	});
});

describe('counts per filter value', () => {
	const totalWith = (e: SearchEngine, q: string, filters: SearchRequest['filters']) =>
		search(e, q, { filters, canRead: visitor }).total;

	it('counts the results of each value of each filter, for the query', () => {
		const e = engine();
		const r = search(e, 'réunion', { canRead: visitor });
		expect(r.counts.type?.listing).toBe(totalWith(e, 'réunion', { type: 'listing' }));
		expect(r.counts.type?.structure ?? 0).toBe(totalWith(e, 'réunion', { type: 'structure' }));
		expect(r.counts.type?.listing).toBeGreaterThan(0);
		for (const [sector, count] of Object.entries(r.counts.sector ?? {}))
			expect(count, sector).toBe(totalWith(e, 'réunion', { sector }));
		for (const [commune, count] of Object.entries(r.counts.commune ?? {}))
			expect(count, commune).toBe(totalWith(e, 'réunion', { commune }));
		const byDepartment = Object.values(r.counts.department ?? {}).reduce((a, b) => a + b, 0);
		expect(byDepartment).toBe(r.total);
		expect(r.counts.kind?.request).toBe(1);
	});

	it('counts a filter that is set as if it alone were not, and the others with it', () => {
		const e = engine();
		const r = search(e, 'vélo', { filters: { sector: 'mobilite', type: 'listing' }, canRead: visitor });
		// Sector: other sectors, with the type filter still applied.
		for (const [sector, count] of Object.entries(r.counts.sector ?? {}))
			expect(count, sector).toBe(totalWith(e, 'vélo', { sector, type: 'listing' }));
		// Type: both types, with the sector filter applied.
		expect(r.counts.type?.listing).toBe(r.total);
		expect(r.counts.type?.structure ?? 0).toBe(
			totalWith(e, 'vélo', { sector: 'mobilite', type: 'structure' }),
		);
		// Nature: only among the results (no nature filter is set).
		const natures = Object.values(r.counts.nature ?? {}).reduce((a, b) => a + b, 0);
		expect(natures).toBe(r.total);
	});

	it('offers values that would give results even when the filters give none', () => {
		const r = search(engine(), 'vélos', { filters: { sector: 'culture' }, canRead: visitor });
		expect(r.total).toBe(0);
		expect(r.counts.sector?.mobilite).toBe(1);
	});
});

describe('results by commune, for the map', () => {
	it('groups every result by commune, the best first in each, as the ranked list has them', () => {
		const e = engine();
		for (const q of ['local', 'vélo', '']) {
			const all = search(e, q, { limit: 100 });
			const grouped = e.byCommune({ q, now: NOW }, 2);
			expect(grouped.total).toBe(all.total);
			expect(grouped.communes.reduce((n, c) => n + c.count, 0)).toBe(all.total);
			for (const { commune, count, hits } of grouped.communes) {
				const here = all.results.filter((h) => h.commune === commune);
				expect(count).toBe(here.length);
				expect(count).toBe(all.counts.commune?.[commune]);
				expect(hits.map((h) => h.id)).toEqual(here.slice(0, 2).map((h) => h.id));
			}
		}
	});
});

describe('distance in kilometres', () => {
	it("keeps what is within a radius of a commune, by the communes' real centres", () => {
		const e = engine();
		// Saint-Laurent-Blangy is 3 km from Arras; Douai 22 km; Lille 40 km.
		const near = ids(search(e, 'local', { filters: { commune: ARRAS, radius: 5 } }));
		expect(near).toContain(TARGET_ID);
		expect(near).not.toContain('listing:salle-lille');
		const wide = ids(search(e, 'local', { filters: { commune: ARRAS, radius: 45 } }));
		expect(wide).toContain('listing:salle-lille');
		expect(wide).not.toContain('listing:local-dunkerque');
	});

	it('keeps what is within a radius of a position, and ranks the nearest first', () => {
		const e = engine();
		const aroundArras = search(e, 'local', { filters: { position: [50.29, 2.78], radius: 10 } });
		expect(ids(aroundArras)).toContain(TARGET_ID);
		expect(ids(aroundArras)).not.toContain('listing:local-dunkerque');
		// A position filter is dropped like any other when it leaves nothing.
		const none = search(e, 'local', { filters: { position: [50.29, 2.78], radius: 1, type: 'structure' } });
		expect(none.total).toBe(0);
		expect(none.suggestions.filters.map((f) => f.filter)).toContain('position');
		const fromDunkerque = search(e, 'local partager', { nearPosition: [51.03, 2.37] });
		const fromArras = search(e, 'local partager', { nearPosition: [50.29, 2.78] });
		const rank = (r: typeof fromArras, id: string) => ids(r).indexOf(id);
		expect(rank(fromDunkerque, 'listing:local-dunkerque')).toBeLessThan(rank(fromDunkerque, TARGET_ID));
		expect(rank(fromArras, TARGET_ID)).toBeLessThan(rank(fromArras, 'listing:local-dunkerque'));
	});
});

describe('keeping the index up to date', () => {
	it('replaces and removes documents one by one', () => {
		const e = engine();
		const velos = SEARCH_DOCS.find((d) => d._id === 'listing:velos-lille') as Listing;
		const changed: Listing = { ...velos, title: 'Don de trottinettes', text: 'À venir chercher.' };
		e.put(changed);
		expect(ids(search(e, 'déchetterie'))).not.toContain('listing:velos-lille');
		expect(ids(search(e, 'trottinettes'))).toEqual(['listing:velos-lille']);
		e.put({ _id: 'listing:velos-lille', _deleted: true });
		expect(search(e, 'trottinettes').total).toBe(0);
	});

	it('answers the same after many removals squeezed the index', () => {
		const e = engine();
		const fresh = engine();
		const base = SEARCH_DOCS.find((d) => d._id === 'listing:velos-lille') as Listing;
		for (let i = 0; i < 3000; i++) {
			const passing: Listing = { ...base, _id: `listing:passing-${i}`, title: `Cantine éphémère ${i}` };
			e.put(passing);
		}
		for (let i = 0; i < 3000; i++) e.remove(`listing:passing-${i}`);
		for (const q of ['salle de réunion Arras', 'velo', 'mutualsation', 'cantine'])
			expect(ids(search(e, q))).toEqual(ids(search(fresh, q)));
		expect(e.size).toBe(fresh.size);
	});

	it('survives a round trip through JSON with the same answers', () => {
		const e = engine();
		const restored = SearchEngine.fromJSON(JSON.parse(JSON.stringify(e)))!;
		for (const q of ['salle de réunion Arras', 'velo', 'mutualsation'])
			expect(search(restored, q)).toEqual(search(e, q));
	});
});

describe('distances', () => {
	const centres: Record<string, [number, number]> = {
		'59350': [50.6319, 3.0575],
		'62041': [50.2898, 2.7653],
	};
	const coords: CoordinateSource = (insee) => centres[insee];

	it('measures kilometres between communes with coordinates', () => {
		expect(haversineKm([50.6319, 3.0575], [50.2898, 2.7653])).toBeCloseTo(43.4, 0);
		expect(withinRadius('59350', '62041', 50, coords)).toBe(true);
		expect(withinRadius('59350', '62041', 30, coords)).toBe(false);
	});

	it('falls back to shared territory without coordinates', () => {
		const none: CoordinateSource = () => undefined;
		expect(withinRadius(ARRAS, '62753', 15, none)).toBe(true);
		expect(withinRadius(ARRAS, '59350', 50, none)).toBe(false);
		expect(withinRadius(ARRAS, '59350', 100, none)).toBe(true);
	});
});
