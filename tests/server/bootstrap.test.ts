// The bootstrap stream of a brand-new device (server/couch/bootstrap.ts) and the device's bulk load
// of it (src/lib/sync/bootstrap.ts): the same documents as a normal pull, a sequence the pull can
// start from, conflicts kept, and an interrupted stream that resumes without a gap.
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../src/lib/domain';
import { BOOTSTRAP_ID, bootstrapIfNew } from '../../src/lib/sync/bootstrap';
import {
	ALL_FIXTURE_DOCS,
	basicHeader,
	device,
	FIXTURE,
	ids,
	listing,
	localIds,
	PEOPLE,
	remote,
	startTestServer,
	type TestServer,
	useTestServer,
	type Who,
} from './helpers';

const server = useTestServer();

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

function fetchAs(who?: Who): Fetch {
	return (url, init = {}) => {
		const headers = new Headers(init.headers);
		if (who) headers.set('authorization', basicHeader(who));
		return fetch(url, { ...init, headers });
	};
}

async function streamLines(s: TestServer, who?: Who, since?: string) {
	const res = await fetchAs(who)(`${s.dbUrl}/_bootstrap${since ? `?since=${since}` : ''}`, {
		headers: { 'accept-encoding': 'gzip' },
	});
	const lines = (await res.text())
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Record<string, unknown> & { _id?: string });
	return { res, lines, docs: lines.filter((l) => typeof l._id === 'string') };
}

const noProgress = { total: () => {}, loaded: () => {} };

describe('the bootstrap stream', () => {
	it('gives a visitor the public documents only, gzipped, with the sequence they are true at', async () => {
		const { res, lines, docs } = await streamLines(server);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-encoding')).toBe('gzip');
		expect(res.headers.get('content-type')).toContain('application/x-ndjson');
		expect(lines[0]).toEqual({ total: FIXTURE.public.length });
		expect(ids(docs as { _id: string }[])).toEqual(ids(FIXTURE.public));
		for (const doc of docs) expect(doc._revisions).toMatchObject({ start: 1 });
		const info = (await (await fetch(server.dbUrl)).json()) as { update_seq: string };
		expect(lines.at(-1)).toEqual({ seq: info.update_seq, done: true });
	});

	it('gives a member what a normal pull gives, and nothing of another structure’s drafts', async () => {
		const { docs } = await streamLines(server, PEOPLE.lea);
		const pulled = device();
		await pulled.replicate.from(remote(server, PEOPLE.lea));
		expect(ids(docs as { _id: string }[])).toEqual(await localIds(pulled));
		expect(ids(docs as { _id: string }[])).toEqual(ids([...FIXTURE.public, ...FIXTURE.membersOnly]));
	});
});

describe('a device that bulk-loads the stream', () => {
	it('holds what a normal pull holds, conflicts included, and pulls on from the stream’s sequence', async () => {
		const own = await startTestServer({ people: [PEOPLE.lea] });
		try {
			// Two offline edits of one listing that met on the server: both branches are kept.
			const base = (await own.stores.db.get('listing:pioche-velo')) as Listing & { _rev: string };
			const [, hash] = base._rev.split('-');
			await own.stores.db.bulkDocs(
				['aaa', 'bbb'].map((branch) => ({
					...base,
					title: `Vélo ${branch}`,
					_rev: `2-${branch}`,
					_revisions: { start: 2, ids: [branch, hash] },
				})),
				{ new_edits: false },
			);
			const phone = device();
			const seen: number[] = [];
			let total = 0;
			const since = await bootstrapIfNew(
				phone,
				own.dbUrl,
				{ total: (n) => (total = n), loaded: (n) => seen.push(n) },
				{ fetch: fetchAs(PEOPLE.lea) },
			);
			expect(since).toMatch(/^[0-9a-f]+-\d+$/);
			expect(total).toBe(FIXTURE.public.length + FIXTURE.membersOnly.length);
			expect(seen.at(-1)).toBe(total);
			expect(await localIds(phone)).toEqual(ids([...FIXTURE.public, ...FIXTURE.membersOnly]));
			const velo = await phone.get('listing:pioche-velo', { conflicts: true });
			expect(velo._conflicts).toHaveLength(1);

			// The pull starts at the sequence: nothing is read again, later writes arrive.
			const first = await phone.replicate.from(remote(own, PEOPLE.lea), { since, checkpoint: 'target' });
			expect(first.docs_read).toBe(0);
			await own.stores.db.put(listing('pioche-neuf', 'structure:la-pioche', { title: 'Brouette' }));
			const next = await phone.replicate.from(remote(own, PEOPLE.lea), { checkpoint: 'target' });
			expect(next.docs_read).toBe(1);
			expect(await localIds(phone)).toContain('listing:pioche-neuf');

			// A loaded bootstrap is not loaded again.
			expect(await bootstrapIfNew(phone, own.dbUrl, noProgress, { fetch: fetchAs(PEOPLE.lea) })).toBe(since);
		} finally {
			await own.close();
		}
	});

	it('resumes an interrupted stream where its last chunk was written, never starting the pull from it', async () => {
		const many = Array.from({ length: 2_500 }, (_, i) =>
			listing(`lot-${String(i).padStart(4, '0')}`, 'structure:le-relais', { title: `Lot n° ${i}` }),
		);
		const own = await startTestServer({ docs: [...ALL_FIXTURE_DOCS, ...many], people: false });
		try {
			const phone = device();
			// The link drops after the first chunk's last line.
			const cut: Fetch = async (url, init) => {
				const res = await fetch(url, init);
				let seqLines = 0;
				let text = '';
				const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
				for (;;) {
					const { value, done } = await reader.read();
					if (done) break;
					text += value;
					const kept = text.split('\n');
					const at = kept.findIndex((line) => line.startsWith('{"seq"') && ++seqLines === 1);
					if (at !== -1) {
						await reader.cancel();
						text = `${kept.slice(0, at + 1).join('\n')}\n`;
						break;
					}
				}
				return new Response(text, { status: 200 });
			};
			expect(await bootstrapIfNew(phone, own.dbUrl, noProgress, { fetch: cut })).toBeUndefined();
			const marker = (await phone.get(BOOTSTRAP_ID)) as unknown as { state: string; cursor?: string };
			expect(marker.state).toBe('loading');
			const partly = (await phone.info()).doc_count;
			expect(partly).toBeGreaterThan(0);
			expect(partly).toBeLessThan(FIXTURE.public.length + many.length);

			// Written meanwhile: a document already loaded changes, one is deleted.
			const lot0 = await own.stores.db.get(many[0]._id);
			await own.stores.db.put({ ...lot0, title: 'Lot repris' });
			const lot1 = await own.stores.db.get(many[1]._id);
			await own.stores.db.remove(lot1);

			const since = await bootstrapIfNew(phone, own.dbUrl, noProgress, { fetch: fetchAs() });
			expect(since).toBeDefined();
			const pulled = device();
			await pulled.replicate.from(remote(own));
			expect(await localIds(phone)).toEqual(await localIds(pulled));
			expect(((await phone.get(many[0]._id)) as Listing).title).toBe('Lot repris');
			const after = await phone.replicate.from(remote(own), { since, checkpoint: 'target' });
			expect(after.docs_read).toBe(0);
		} finally {
			await own.close();
		}
	});
});

describe('a stock CouchDB client', () => {
	it('still replicates through _changes as before', async () => {
		const phone = device();
		const result = await phone.replicate.from(remote(server, PEOPLE.marc));
		expect(result.ok).toBe(true);
		expect(await localIds(phone)).toEqual(
			ids([...FIXTURE.public, ...FIXTURE.membersOnly, ...FIXTURE.relaisOnly]),
		);
	});
});
