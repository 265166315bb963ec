// A device drops, at its next sync, the documents that left its user's audience, and takes them in
// again when its rights grow back: real HTTP, real PouchDB replicas, the app's drop check.
import { beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_ENTRIES, DropJournal } from '../../server/couch/drop-journal';
import { checkDrops, DROPPED, rebuildReplica } from '../../src/lib/sync/drops';
import {
	basicHeader,
	call,
	device,
	localIds,
	PEOPLE,
	postJson,
	remote,
	restartTestServer,
	type TestServer,
	useTestServer,
	type Who,
} from './helpers';

/** The server of the running test: every test changes someone's rights, so each gets its own. */
let server: TestServer;
function eachTestServer(opts: { onDisk?: boolean } = {}) {
	const started = useTestServer({ each: true, ...opts });
	beforeEach(() => {
		server = started;
	});
}

const OUTBOX = '_local/elbasar-outbox';
const MEMBERS_ONLY = ['contact:lea', 'listing:pioche-membres', 'structure:atelier-discret'];

/** What the app does on each sync: pull, then ask which documents left the audience. */
async function sync(db: PouchDB.Database, who?: Who) {
	const pulled = await db.replicate.from(remote(server, who));
	expect(pulled.ok).toBe(true);
	const headers: Record<string, string> = who ? { authorization: basicHeader(who) } : {};
	return checkDrops(db, { url: server.dbUrl, init: { headers } });
}

/** Writes a new revision of a stored document as `who` would, through the API. */
async function edit(who: Who, id: string, change: Record<string, unknown>) {
	const { body: doc } = await call(server, `/db/elbasar/${encodeURIComponent(id)}`, { as: who });
	const { status } = await call(server, `/db/elbasar/${encodeURIComponent(id)}`, {
		...postJson({ ...doc, ...change, updatedAt: new Date().toISOString() }, who),
		method: 'PUT',
	});
	expect(status).toBe(201);
}

describe('a document that leaves the audience is dropped at the next sync', () => {
	eachTestServer();

	it('a visitor’s listing made members-only: gone from the replica, its content compacted away', async () => {
		const visitor = device();
		const first = await sync(visitor);
		expect(first.sent).toBeGreaterThan(0); // a device's first check sends its ids once
		expect(await localIds(visitor)).toContain('listing:pioche-velo');
		const rev = (await visitor.get('listing:pioche-velo'))._rev;

		await edit(PEOPLE.lea, 'listing:pioche-velo', { audience: 'members' });
		const second = await sync(visitor);

		expect(second).toEqual({ dropped: ['listing:pioche-velo'], back: [], sent: 0 });
		expect(await localIds(visitor)).not.toContain('listing:pioche-velo');
		await expect(visitor.get('listing:pioche-velo', { rev })).rejects.toMatchObject({ status: 404 });
		// A member still reads it: the journal tells each viewer only about what it lost.
		const member = device();
		await sync(member, PEOPLE.marc);
		expect(await localIds(member)).toContain('listing:pioche-velo');
		expect((await sync(member, PEOPLE.marc)).dropped).toEqual([]);
	});

	it('a listing made public again after being dropped comes back with its new revision', async () => {
		const visitor = device();
		await sync(visitor);
		await edit(PEOPLE.lea, 'listing:pioche-velo', { audience: 'members' });
		await sync(visitor);
		await edit(PEOPLE.lea, 'listing:pioche-velo', { audience: 'public', title: 'Remorque vélo' });
		await sync(visitor);
		expect((await visitor.get<{ title: string }>('listing:pioche-velo')).title).toBe('Remorque vélo');
	});

	it('a lapsed membership drops the members-only documents of others, an active one brings them back', async () => {
		let relais = device();
		await sync(relais, PEOPLE.marc);
		expect(await localIds(relais)).toEqual(expect.arrayContaining(MEMBERS_ONLY));

		await edit(PEOPLE.animator, 'membership:le-relais', { status: 'lapsed' });
		const lapsed = await sync(relais, PEOPLE.marc);
		expect(lapsed.dropped.sort()).toEqual(MEMBERS_ONLY);
		expect(await localIds(relais)).not.toContain('contact:lea');
		expect(await localIds(relais)).toContain('listing:relais-brouillon'); // its own stay

		// The drop check's tombstones are not deletions: even pushed by hand, the server keeps the documents.
		const tombstone = await relais.get('contact:lea', { revs: true, open_revs: 'all' });
		expect(JSON.stringify(tombstone)).toContain(DROPPED);
		await relais.replicate.to(remote(server, PEOPLE.marc));
		const stored = await call(server, '/db/elbasar/contact:lea', { as: PEOPLE.animator });
		expect(stored.status).toBe(200);

		await edit(PEOPLE.animator, 'membership:le-relais', { status: 'active' });
		const active = await sync(relais, PEOPLE.marc);
		expect(active.back.sort()).toEqual(MEMBERS_ONLY);
		// The replica still has the dropped revisions in their history: a pull alone cannot bring them back.
		expect(await localIds(relais)).not.toContain('contact:lea');

		await relais.put({ _id: OUTBOX, written: ['listing:relais-local'], pending: {}, refused: {} });
		const fresh = device();
		await rebuildReplica(relais, fresh, [OUTBOX]);
		relais = fresh;
		const after = await sync(relais, PEOPLE.marc);
		expect(after.dropped).toEqual([]);
		expect(await localIds(relais)).toEqual(expect.arrayContaining(MEMBERS_ONLY));
		expect((await relais.get<{ written: string[] }>(OUTBOX)).written).toEqual(['listing:relais-local']);
	});

	it('never drops what the device wrote and has not pushed yet', async () => {
		const db = device();
		await sync(db, PEOPLE.marc);
		await db.put({ _id: 'listing:pas-encore-envoyee', type: 'listing', owner: 'structure:le-relais' });
		await edit(PEOPLE.animator, 'membership:le-relais', { status: 'lapsed' });
		await db.replicate.from(remote(server, PEOPLE.marc));
		const keep = (id: string) => id === 'listing:pas-encore-envoyee';
		const headers = { authorization: basicHeader(PEOPLE.marc) };
		const swept = await checkDrops(db, { url: server.dbUrl, init: { headers }, keep });
		// The drop check did run: what Le Relais lost with its membership is dropped, the unsent listing kept.
		expect(swept.dropped.sort()).toEqual(MEMBERS_ONLY);
		expect(await localIds(db)).toContain('listing:pas-encore-envoyee');
	});
});

describe('the _drops endpoint', () => {
	eachTestServer();

	it('asks for the held ids when the scope changed or the since is unknown', async () => {
		const unknown = await call(server, '/db/elbasar/_drops', postJson({ scope: 'abc', since: 1 }));
		expect(unknown.status).toBe(200);
		expect(unknown.body.held).toBe('needed');
		const bad = await call(server, '/db/elbasar/_drops', postJson({ held: 'listing:x' }));
		expect(bad.status).toBe(400);
	});

	it('tells a visitor nothing of documents it could never read', async () => {
		const first = await call(server, '/db/elbasar/_drops', postJson({ held: [] }));
		const { scope, through } = first.body as unknown as { scope: string; through: number };
		await edit(PEOPLE.marc, 'listing:relais-brouillon', { audience: 'members' });
		await edit(PEOPLE.lea, 'listing:pioche-velo', { audience: 'members' });
		const next = await call(server, '/db/elbasar/_drops', postJson({ scope, since: through }));
		// Told from the journal of what it lost: the public listing, not the draft it never saw.
		expect(next.body).toMatchObject({ scope, drop: ['listing:pioche-velo'] });
		expect(next.body.held).toBeUndefined();
	});
});

/** A document's new revision written straight to the store, as a tool or a dying server would. */
async function writeInStore(db: PouchDB.Database, id: string, change: Record<string, unknown>) {
	const doc = await db.get(id);
	await db.put({ ...doc, ...change, updatedAt: new Date().toISOString() });
}

describe('the journal of audience changes survives a server restart', () => {
	eachTestServer({ onDisk: true });

	it('a visitor’s check after a restart is answered from the journal, with what changed before and after it', async () => {
		const visitor = device();
		expect((await sync(visitor)).sent).toBeGreaterThan(0);
		await edit(PEOPLE.lea, 'listing:pioche-velo', { audience: 'members' });
		await restartTestServer(server);
		await edit(PEOPLE.marc, 'listing:relais-local', { audience: 'members' });

		const after = await sync(visitor);
		expect(after.sent).toBe(0); // no id list uploaded: the journal answered
		expect(after.dropped.sort()).toEqual(['listing:pioche-velo', 'listing:relais-local']);
		// And again after a second restart, with nothing changed: nothing to drop, nothing sent.
		await restartTestServer(server);
		expect(await sync(visitor)).toEqual({ dropped: [], back: [], sent: 0 });
	});

	it('a change written just before the server died, its journal entry not saved, still reaches the device', async () => {
		const visitor = device();
		await sync(visitor);
		await restartTestServer(server, ({ db }) =>
			writeInStore(db, 'listing:pioche-velo', { audience: 'members' }),
		);
		const answer = await call(server, '/db/elbasar/_drops', postJson(await dropState(visitor)));
		expect(answer.body.held).toBeUndefined();
		expect(answer.body.drop).toEqual(['listing:pioche-velo']);
		expect(await sync(visitor)).toEqual({ dropped: ['listing:pioche-velo'], back: [], sent: 0 });
	});

	it('a change whose earlier revision was compacted away makes the journal stop covering before it: a full check', async () => {
		const visitor = device();
		await sync(visitor);
		await restartTestServer(server, async ({ db }) => {
			await writeInStore(db, 'listing:pioche-velo', { audience: 'members' });
			await db.compact();
		});
		const answer = await call(server, '/db/elbasar/_drops', postJson(await dropState(visitor)));
		expect(answer.body.held).toBe('needed');
		// The device then sends its ids and is told the same drop.
		const full = await sync(visitor);
		expect(full.sent).toBeGreaterThan(0);
		expect(full.dropped).toEqual(['listing:pioche-velo']);
	});
});

describe('the journal is bounded', () => {
	eachTestServer({ onDisk: true });

	it('keeps its newest entries in memory and on disk, and stops covering the sequences it forgot', async () => {
		const { db } = server.stores;
		const journal = new DropJournal(db, { maxEntries: 2 * CHUNK_ENTRIES });
		journal.startAt(0);
		const before = {
			_id: 'listing:x',
			type: 'listing',
			owner: 'structure:la-pioche',
			audience: 'public',
		} as const;
		for (let seq = 1; seq <= 5 * CHUNK_ENTRIES; seq++)
			journal.recordBefore(seq, { ...before, _id: `listing:${seq}` });
		journal.examined(5 * CHUNK_ENTRIES);
		await journal.close();
		expect(journal.size).toBeLessThanOrEqual(2 * CHUNK_ENTRIES);

		const reopened = new DropJournal(db);
		expect(await reopened.load()).toBe(5 * CHUNK_ENTRIES);
		expect(reopened.size).toBe(journal.size);
		expect(reopened.covers(CHUNK_ENTRIES)).toBe(false);
		expect(reopened.covers(4 * CHUNK_ENTRIES)).toBe(true);
		expect([...reopened.after(5 * CHUNK_ENTRIES - 2)].map((e) => e.id)).toEqual([
			`listing:${5 * CHUNK_ENTRIES}`,
			`listing:${5 * CHUNK_ENTRIES - 1}`,
		]);
		// The forgotten chunks are gone from the store too.
		const stored = await db.allDocs({
			startkey: '_local/elbasar-drop-journal',
			endkey: '_local/elbasar-drop-journal\uffff',
		});
		const local = (
			await Promise.all(
				[0, 1, 2, 3, 4, 5].map((n) =>
					db.get(`_local/elbasar-drop-journal/${n}`).then(
						() => n,
						() => null,
					),
				),
			)
		).filter((n) => n !== null);
		expect(stored.rows).toEqual([]); // never listed with the documents
		expect(local.length).toBeLessThanOrEqual(3);
	});
});

/** What a device's next check asks (the drop check's own state on the replica). */
async function dropState(db: PouchDB.Database) {
	const state = await db.get<{ scope: string; through: number }>('_local/elbasar-sweep');
	return { scope: state.scope, since: state.through };
}
