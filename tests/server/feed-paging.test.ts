// How the changes feed pages through the store: a page reads no more store changes than it can
// hold, and a long run of changes the viewer may not read never yields an empty page too early.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, device, listing, localIds, remote, type TestServer, useTestServer } from './helpers';

const BEFORE = ['a0', 'a1', 'a2'].map((key) => listing(key, 'structure:la-pioche'));
/** More members-only changes than several store reads: a visitor's page crosses them in rounds. */
const HIDDEN = Array.from({ length: 4_500 }, (_, i) =>
	listing(`membres-${i}`, 'structure:la-pioche', { audience: 'members' }),
);
const AFTER = ['b0', 'b1', 'b2'].map((key) => listing(key, 'structure:la-pioche'));
const PUBLIC_IDS = [...BEFORE, ...AFTER].map((d) => d._id);

const server = useTestServer({ docs: [], people: false });
/** The `limit` of each store read and the changes it returned. */
const reads: { limit?: number; got: number }[] = [];
let storeChanges: TestServer['stores']['db']['changes'];

beforeAll(async () => {
	for (const docs of [BEFORE, HIDDEN, AFTER]) await server.stores.db.bulkDocs(docs);
	storeChanges = server.stores.db.changes.bind(server.stores.db);
	// PouchDB's own feeds (live, or listened to as emitters) pass through untouched: they set no limit.
	const counting = (opts: PouchDB.Core.ChangesOptions) => {
		const changes = storeChanges(opts);
		const limit = opts.limit;
		if (typeof limit === 'number' && !opts.live)
			void changes.then((page) => reads.push({ limit, got: page.results.length }));
		return changes;
	};
	server.stores.db.changes = counting as unknown as typeof server.stores.db.changes;
}, 60_000);
afterEach(() => {
	reads.length = 0;
});

/** Every page of the visitor's feed with `limit`, up to the first empty one. */
async function pages(limit: number): Promise<string[][]> {
	const seen: string[][] = [];
	let since = '0';
	for (;;) {
		const { body } = await call(
			server,
			`/db/elbasar/_changes?limit=${limit}&since=${encodeURIComponent(since)}`,
		);
		const page = (body.results as { id: string }[]).map((r) => r.id);
		if (page.length === 0) return seen;
		seen.push(page);
		since = body.last_seq as string;
	}
}

describe('paging the changes feed', () => {
	it('a page of readable changes reads only `limit` store changes', async () => {
		const { body } = await call(server, '/db/elbasar/_changes?limit=2');
		expect((body.results as { id: string }[]).map((r) => r.id)).toEqual(['listing:a0', 'listing:a1']);
		expect(reads).toEqual([{ limit: 2, got: 2 }]);
	});

	it('crosses a long run of unreadable changes in several rounds, without an empty page', async () => {
		expect(await pages(2)).toEqual([
			['listing:a0', 'listing:a1'],
			['listing:a2', 'listing:b0'],
			['listing:b1', 'listing:b2'],
		]);
		const crossing = await call(server, '/db/elbasar/_changes?limit=1000');
		expect((crossing.body.results as { id: string }[]).map((r) => r.id)).toEqual(PUBLIC_IDS);
	});

	it('after a mostly unreadable round, reads more than the missing changes but never more than 2000', async () => {
		reads.length = 0;
		await call(server, '/db/elbasar/_changes?limit=1000');
		expect(reads[0]).toEqual({ limit: 1000, got: 1000 });
		expect(reads.length).toBeGreaterThan(2);
		for (const read of reads.slice(1)) expect(read.limit).toBe(2000);
	});

	it('a device replicating with small batches gets every public document and no other', async () => {
		const phone = device();
		await phone.replicate.from(remote(server), { batch_size: 2 });
		expect(await localIds(phone)).toEqual([...PUBLIC_IDS].sort());
	});
});
