// GET /api/search over real HTTP: the device's engine and ranking, per viewer, kept up to date.
import { describe, expect, it } from 'vitest';
import { canRead, type Listing, VISITOR } from '../../src/lib/domain';
import { SearchEngine } from '../../src/lib/domain/search';
import { SEARCH_DOCS, TARGET_ID } from '../unit/search-fixtures';
import { call, membership, PEOPLE, useTestServer } from './helpers';

const docs = [...SEARCH_DOCS, membership('la-pioche', 'active')];
const server = useTestServer({ docs });

interface Answer {
	results: { id: string; title: string; score: number; owner?: string }[];
	total: number;
	counts: Record<string, Record<string, number>>;
	suggestions: { terms: string[]; filters: unknown[] };
}

async function searchHttp(query: string, as?: (typeof PEOPLE)[keyof typeof PEOPLE]) {
	const { status, body } = await call(server, `/api/search?${query}`, { as });
	return { status, body: body as unknown as Answer & { error?: string; reason?: string } };
}
const ids = (a: { results: { id: string }[] }) => a.results.map((r) => r.id);

describe('GET /api/search', () => {
	it('returns the same ranked results as the device engine on the same documents', async () => {
		const device = new SearchEngine();
		device.putAll(docs);
		for (const q of ['salle de réunion Arras', 'velo', 'mutualsation', 'vélos xylophoniques', 'graphiste']) {
			const { status, body } = await searchHttp(`q=${encodeURIComponent(q)}`);
			expect(status).toBe(200);
			const local = device.search({ q, canRead: (e) => canRead(VISITOR, { _id: e.id, ...e }) });
			expect(ids(body)).toEqual(ids(local));
			expect(body.total).toBe(local.total);
			expect(body.counts).toEqual(local.counts);
		}
		const { body } = await searchHttp('q=salle%20de%20r%C3%A9union%20Arras');
		expect(body.results[0]).toMatchObject({ id: TARGET_ID, title: 'Local à partager pour vos réunions' });
		expect(body.results[0]).not.toHaveProperty('owner');
	});

	it('never shows members-only documents to a visitor, and shows them to a member', async () => {
		const visitor = await searchHttp('q=v%C3%A9lo');
		expect(ids(visitor.body)).not.toContain('listing:cargo-adherents');
		expect(ids(visitor.body)).not.toContain('structure:atelier-discret');
		const member = await searchHttp('q=v%C3%A9lo', PEOPLE.lea);
		expect(ids(member.body)).toEqual(
			expect.arrayContaining(['listing:cargo-adherents', 'structure:atelier-discret']),
		);
	});

	it('filters, and suggests filters to drop when they leave nothing', async () => {
		const { body } = await searchHttp('q=r%C3%A9union&commune=62041&radius=15&type=listing');
		expect(ids(body)).toContain(TARGET_ID);
		expect(ids(body)).not.toContain('listing:local-dunkerque');
		const none = await searchHttp('q=v%C3%A9los&sector=culture');
		expect(none.body.total).toBe(0);
		expect(none.body.suggestions.filters).toEqual([{ filter: 'sector', count: 1 }]);
	});

	it('counts results per filter value, a filter that is set as if it were not', async () => {
		const { body } = await searchHttp('q=v%C3%A9los&sector=culture');
		expect(body.counts.sector).toMatchObject({ mobilite: 1 });
		const all = await searchHttp('q=r%C3%A9union');
		const listings = await searchHttp('q=r%C3%A9union&type=listing');
		expect(all.body.counts.type.listing).toBe(listings.body.total);
		expect(listings.body.counts.type).toEqual(all.body.counts.type);
	});

	it('filters by a radius around a position, in kilometres', async () => {
		const { status, body } = await searchHttp('q=local&lat=50.29&lon=2.78&radius=10');
		expect(status).toBe(200);
		expect(ids(body)).toContain(TARGET_ID);
		expect(ids(body)).not.toContain('listing:local-dunkerque');
		const far = await searchHttp('q=local&lat=51.03&lon=2.37&radius=10');
		expect(ids(far.body)).toContain('listing:local-dunkerque');
		expect(ids(far.body)).not.toContain(TARGET_ID);
		const bad = await searchHttp('q=local&lat=50.29&radius=10');
		expect(bad.status).toBe(400);
		expect(bad.body.reason).toMatch(/Position invalide/);
	});

	it('refuses bad parameters with a reason in French', async () => {
		const radius = await searchHttp('q=salle&commune=62041&radius=loin');
		expect(radius.status).toBe(400);
		expect(radius.body).toMatchObject({ error: 'bad_request' });
		expect(radius.body.reason).toMatch(/Rayon invalide/);
		const long = await searchHttp(`q=${'a'.repeat(201)}`);
		expect(long.status).toBe(400);
		expect(long.body.reason).toMatch(/trop longue/);
		expect((await searchHttp('q=salle&sector=astronautique')).status).toBe(400);
	});

	it('finds a listing written to the store a moment ago', async () => {
		const fresh: Listing = {
			...(SEARCH_DOCS[5] as Listing),
			_id: 'listing:trottinettes',
			title: 'Prêt de trottinettes électriques',
			text: 'Pour vos salariés.',
		};
		await server.stores.db.put(fresh);
		// The index follows the store's changes: asked again until it has caught up, within the test's time.
		await expect
			.poll(async () => ids((await searchHttp('q=trottinettes')).body), { timeout: 20_000 })
			.toEqual(['listing:trottinettes']);
	});
});
