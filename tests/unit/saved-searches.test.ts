// Saved searches: the document and its rules, and which new listings match one (the same engine as
// any search: words, typos, filters, distance), as the device's alerts and the e-mail digest use it.
import { describe, expect, it } from 'vitest';
import {
	canRead,
	canWrite,
	type Listing,
	newSavedSearch,
	type SavedSearch,
	validateDoc,
} from '../../src/lib/domain';
import { matchNewListings } from '../../src/lib/domain/saved-search-matches';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const SAVED_AT = new Date('2026-11-20T09:00:00.000Z');
const ARRAS = '62041';
const LILLE = '59350';
const DUNKERQUE = '59183';
const PIOCHE = 'structure:la-pioche';
const RELAIS = 'structure:le-relais';

function listing(key: string, over: Partial<Listing> = {}): Listing {
	return {
		_id: `listing:${key}`,
		type: 'listing',
		schema: 1,
		owner: RELAIS,
		audience: 'public',
		createdAt: '2026-11-25T10:00:00.000Z',
		updatedAt: '2026-11-25T10:00:00.000Z',
		kind: 'offer',
		nature: 'loan',
		sector: 'mobilite',
		title: 'Prêt de vélos cargo',
		text: 'Deux vélos cargo pour vos livraisons, à reprendre à l’atelier.',
		commune: ARRAS,
		validFrom: '2026-11-25',
		validUntil: '2027-02-01',
		status: 'open',
		...over,
	};
}

const saved = (q: string, criteria: SavedSearch['criteria'] = {}, owner = PIOCHE) =>
	newSavedSearch(owner, `Recherche ${q}`, q, criteria, SAVED_AT);

const found = (searches: SavedSearch[], listings: Listing[], since?: string) =>
	matchNewListings(searches, listings, { now: NOW, since }).map((m) => ({
		search: m.search.name,
		hits: m.hits.map((h) => h.id),
	}));

describe('a saved search', () => {
	it('is a valid document its structure may write, and no other structure may read', () => {
		const doc = saved('vélo', { kind: 'offer', commune: ARRAS, radius: 10 });
		expect(validateDoc(doc)).toEqual({ ok: true, doc: expect.anything() });
		const lea = { role: 'member' as const, accountId: 'account:lea', structureId: PIOCHE };
		const marc = { role: 'member' as const, accountId: 'account:marc', structureId: RELAIS };
		expect(canWrite(lea, null, doc).ok).toBe(true);
		expect(canWrite(marc, null, doc).ok).toBe(false);
		expect(canRead(lea, doc)).toBe(true);
		expect(canRead(marc, doc)).toBe(false);
	});

	it('stays with its structure: another audience, or an unknown commune, is refused', () => {
		const doc = saved('vélo');
		expect(validateDoc({ ...doc, audience: 'members' }).ok).toBe(false);
		expect(validateDoc({ ...doc, criteria: { commune: '75056' } }).ok).toBe(false);
		expect(validateDoc({ ...doc, name: '' }).ok).toBe(false);
	});
});

describe('new listings matching saved searches', () => {
	it('finds a listing published after the search was saved that has every word, plurals and accents aside', () => {
		const matches = found([saved('velo cargo')], [listing('cargo')]);
		expect(matches).toEqual([{ search: 'Recherche velo cargo', hits: ['listing:cargo'] }]);
	});

	it('finds it through the thesaurus and despite a typo', () => {
		const pooling = listing('camion', { title: 'Mutualisation d’un camion frigorifique', text: '' });
		expect(found([saved('bicyclette')], [listing('cargo')])[0]?.hits).toEqual(['listing:cargo']);
		expect(found([saved('mutualsation camion')], [pooling])[0]?.hits).toEqual(['listing:camion']);
	});

	it('leaves out a listing that shares only some of the words', () => {
		const other = listing('remorque', { title: 'Prêt d’une remorque', text: 'Remorque bagagère.' });
		expect(found([saved('remorque frigorifique')], [other])).toEqual([]);
	});

	it('leaves out listings older than the search, the structure’s own, and those no longer open', () => {
		const old = listing('old', { createdAt: '2026-11-10T10:00:00.000Z' });
		const own = listing('own', { owner: PIOCHE });
		const closed = listing('closed', { status: 'concluded' });
		const expired = listing('expired', { validUntil: '2026-11-27' });
		expect(found([saved('vélo')], [old, own, closed, expired])).toEqual([]);
	});

	it('keeps to the filters: kind, sector and distance from a commune', () => {
		const near = listing('near');
		const far = listing('far', { commune: DUNKERQUE });
		const request = listing('request', { kind: 'request' });
		const search = saved('vélo', { kind: 'offer', sector: 'mobilite', commune: ARRAS, radius: 20 });
		expect(found([search], [near, far, request])[0]?.hits).toEqual(['listing:near']);
		expect(found([saved('vélo', { commune: LILLE, radius: 20 })], [near])).toEqual([]);
	});

	it('with no words, finds every new listing through its filters; a search of structures finds none', () => {
		const listings = [listing('a'), listing('b', { sector: 'culture', title: 'Prêt de projecteur' })];
		expect(found([saved('', { sector: 'culture' })], listings)[0]?.hits).toEqual(['listing:b']);
		expect(found([saved('vélo', { type: 'structure' })], listings)).toEqual([]);
	});

	it('since the last digest, only what came after it', () => {
		const before = listing('before', { createdAt: '2026-11-21T10:00:00.000Z' });
		const after = listing('after', { createdAt: '2026-11-27T10:00:00.000Z' });
		expect(found([saved('vélo')], [before, after], '2026-11-24T00:00:00.000Z')[0]?.hits).toEqual([
			'listing:after',
		]);
	});

	it('answers each search apart, best match first', () => {
		const cargo = listing('cargo');
		const projector = listing('projo', { sector: 'culture', title: 'Prêt d’un vidéoprojecteur', text: '' });
		const result = found([saved('vélo'), saved('vidéoprojecteur')], [cargo, projector]);
		expect(result).toEqual([
			{ search: 'Recherche vélo', hits: ['listing:cargo'] },
			{ search: 'Recherche vidéoprojecteur', hits: ['listing:projo'] },
		]);
	});
});
