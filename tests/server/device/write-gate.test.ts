// The one write gate, run on both sides: for each document type, writes allowed and refused, tried on
// a device holding what that person may read and sent to the real server as that person. Both must
// decide alike, refusing with the same French reason; the device refuses before queuing anything.
import '../../device-globals';
import PouchDB from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
	type Doc,
	type DocType,
	keyOf,
	newCheckin,
	SCHEMA_VERSION,
	typeOfId,
	VISITOR,
	type Viewer,
} from '../../../src/lib/domain';
import { DocError, removeDoc, saveDoc, writeAs } from '../../../src/lib/sync/docs';
import { outbox } from '../../../src/lib/sync/outbox';
import { replica, resetReplica } from '../../../src/lib/sync/replica';
import {
	ALL_FIXTURE_DOCS,
	basicHeader,
	listing,
	PASSWORD,
	PEOPLE,
	startTestServer,
	type TestServer,
	type Who,
} from '../helpers';
import {
	atPioche,
	CASES,
	type Case,
	create,
	EXTRA_DOCS,
	type Held,
	LA_PIOCHE,
	LE_RELAIS,
	LES_JARDINS,
	message,
	SERVER_WRITTEN,
	type Write,
} from './write-gate-cases';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({ docs: [...ALL_FIXTURE_DOCS, ...EXTRA_DOCS] });
});
afterAll(async () => {
	await server?.close();
});
afterEach(async () => {
	await outbox.flush();
	await resetReplica();
	await outbox.load(replica());
});

/** The viewer the app derives from the server's session answer (as session.svelte.ts does). */
async function viewerOf(who: Who | null): Promise<Viewer> {
	if (!who) return VISITOR;
	const res = await fetch(`${server.url}/api/session`, { headers: { authorization: basicHeader(who) } });
	const { user } = (await res.json()) as {
		user: { email: string; role: Viewer['role']; structureId: string | null };
	};
	return { role: user.role, accountId: `account:${user.email}`, structureId: user.structureId ?? undefined };
}

/** A fresh device signed in as `who`: its replica holds exactly what the server lets it read. */
async function deviceOf(who: Who | null): Promise<Held> {
	await outbox.flush();
	await resetReplica();
	await outbox.load(replica());
	const remote = new PouchDB(server.dbUrl, {
		skip_setup: true,
		...(who ? { auth: { username: who.email, password: PASSWORD } } : {}),
	});
	await replica().replicate.from(remote, { checkpoint: false });
	const viewer = await viewerOf(who);
	writeAs(() => viewer);
	const rows = (await replica().allDocs({ include_docs: true })).rows;
	const docs = new Map(rows.map((row) => [row.id, row.doc as unknown as Doc]));
	return (id) => {
		const doc = docs.get(id);
		if (!doc) throw new Error(`the device of ${who?.email ?? 'a visitor'} does not hold ${id}`);
		return doc;
	};
}

type Outcome = 'ok' | { refused: string };

/** The document as saveDoc stamps it, so that the server receives the same content. */
function stamped(doc: object): Doc {
	const d = doc as Doc;
	const now = new Date().toISOString();
	return { ...d, schema: SCHEMA_VERSION, createdAt: d.createdAt || now, updatedAt: now };
}

async function onDevice(write: Write, doc: Doc | null, held: Held): Promise<Outcome> {
	try {
		if ('remove' in write) await removeDoc(held(write.remove));
		else await saveDoc(doc as Doc);
		return 'ok';
	} catch (err) {
		if (err instanceof DocError) return { refused: err.reason };
		throw err;
	}
}

/** `_bulk_docs` over HTTP as `who`, as a device's push would send it. */
async function onServer(who: Who | null, sent: object): Promise<Outcome> {
	const res = await fetch(`${server.dbUrl}/_bulk_docs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(who ? { authorization: basicHeader(who) } : {}) },
		body: JSON.stringify({ docs: [sent] }),
	});
	const [line] = (await res.json()) as { ok?: boolean; error?: string; reason: string }[];
	if (line.ok) return 'ok';
	expect(line.error).toBe('forbidden');
	return { refused: line.reason };
}

/** The write tried on a fresh device of `who`, then the same content sent to the server as `who`. */
async function tryBoth(who: Who | null, write: Write): Promise<{ device: Outcome; server: Outcome }> {
	const held = await deviceOf(who);
	const doc = 'save' in write ? stamped(write.save(held)) : null;
	const sent = doc ?? { ...held(write.id), _deleted: true };
	const device = await onDevice(write, doc, held);
	return { device, server: await onServer(who, sent) };
}

describe('the same gate decides on the device and on the server', () => {
	for (const [type, cases] of Object.entries(CASES) as [DocType, Case[]][])
		describe(type, () => {
			test('has a write allowed (unless only the server writes it) and a write refused, all of this type', () => {
				expect(cases.some((c) => c.expect === 'ok')).toBe(!SERVER_WRITTEN.has(type));
				expect(cases.some((c) => c.expect !== 'ok')).toBe(true);
				for (const c of cases) expect(typeOfId(c.write.id)).toBe(type);
			});
			for (const c of cases)
				test(c.test, async () => {
					const { device, server } = await tryBoth(c.who, c.write);
					expect(device).toEqual(server);
					if (c.expect === 'ok') expect(device).toBe('ok');
					else expect(device).toEqual({ refused: expect.stringMatching(c.expect) });
				});
		});
});

describe('a write refused on the device', () => {
	test('queues nothing for sync and leaves the replica as it was', async () => {
		const held = await deviceOf(PEOPLE.lea);
		const theirs = held('listing:relais-local');
		const pending = outbox.pendingCount;
		const seq = (await replica().info()).update_seq;

		const error = await saveDoc({ ...theirs, title: 'Local repris par La Pioche' }).catch((e) => e);

		expect(error).toBeInstanceOf(DocError);
		expect(error.reason).toMatch(/autre structure/);
		expect(outbox.pendingCount).toBe(pending);
		expect(outbox.has(theirs._id)).toBe(false);
		expect((await replica().info()).update_seq).toBe(seq);
		expect(await replica().get(theirs._id)).toEqual(theirs);
	});
});

/**
 * Where the two sides disagree today: the device decides from what it may read, the server from
 * everything it holds. The server still refuses each of these; the device says otherwise, or nothing.
 */
describe('what the device cannot see', () => {
	test('an id taken by a document the device cannot read: the server refuses, the device does not', async () => {
		const draft = listing('brouillon-relais', LE_RELAIS, { audience: 'owner' });
		expect(
			await tryBoth(
				PEOPLE.marc,
				create(() => draft),
			),
		).toEqual({ device: 'ok', server: 'ok' });
		expect(
			await tryBoth(
				PEOPLE.lea,
				create(() => ({ ...draft, owner: LA_PIOCHE, audience: 'public' })),
			),
		).toEqual({
			device: 'ok',
			server: { refused: 'ce document appartient à une autre structure' },
		});
	});

	test('a check-in the host already made is refused on both sides, for different reasons', async () => {
		const lea = { _id: 'person:lea', structure: LA_PIOCHE, name: 'Léa Martin' };
		const checkin = newCheckin({ event: atPioche, person: lea, method: 'qr', device: 'tel-accueil' });
		expect(
			await tryBoth(
				PEOPLE.lea,
				create(() => checkin),
			),
		).toEqual({ device: 'ok', server: 'ok' });
		const forged = { ...checkin, owner: LE_RELAIS, participants: [LE_RELAIS] };
		expect(
			await tryBoth(
				PEOPLE.marc,
				create(() => forged),
			),
		).toEqual({
			device: { refused: 'seule la structure qui accueille l’événement pointe ses participants' },
			server: { refused: 'ce document appartient à une autre structure' },
		});
	});

	test('a message in a conversation the device cannot read is refused for different reasons', async () => {
		expect(await tryBoth(PEOPLE.nina, message(LES_JARDINS))).toEqual({
			device: { refused: 'conversation inconnue' },
			server: { refused: 'cette conversation n’est pas la vôtre' },
		});
	});

	test('the id of a document deleted by a bare tombstone, on a device that never held it: the server refuses, the device does not', async () => {
		const theirs = await publishThenTombstone('jardins-ancienne');
		expect(
			await tryBoth(
				PEOPLE.lea,
				create(() => listing(keyOf(theirs), LA_PIOCHE)),
			),
		).toEqual({
			device: 'ok',
			server: { refused: TAKEN },
		});
	});
});

const TAKEN = 'seule l’équipe du réseau change le propriétaire d’un document';

/**
 * Les Jardins publish a listing, then delete it as a plain CouchDB client would: a tombstone that
 * carries nothing, pushed with new_edits=false. Returns its id.
 */
async function publishThenTombstone(key: string, between?: () => Promise<void>): Promise<string> {
	const theirs = listing(key, LES_JARDINS);
	expect(await onServer(PEOPLE.nina, stamped(theirs))).toBe('ok');
	await between?.();
	const { _rev } = await server.stores.db.get(theirs._id);
	const res = await fetch(`${server.dbUrl}/_bulk_docs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: basicHeader(PEOPLE.nina) },
		body: JSON.stringify({
			new_edits: false,
			docs: [
				{
					_id: theirs._id,
					_rev: '2-0badc0ffee',
					_deleted: true,
					_revisions: { start: 2, ids: ['0badc0ffee', _rev.slice(2)] },
				},
			],
		}),
	});
	expect(await res.json()).toEqual([]);
	return theirs._id;
}

describe('a deleted document keeps its type and owner, on both sides', () => {
	test('deleted as the server deletes it (DELETE), its id is refused to another structure by both', async () => {
		const theirs = listing('jardins-supprimee', LES_JARDINS);
		expect(await onServer(PEOPLE.nina, stamped(theirs))).toBe('ok');
		const { _rev } = await server.stores.db.get(theirs._id);
		const removed = await fetch(`${server.dbUrl}/${theirs._id}?rev=${_rev}`, {
			method: 'DELETE',
			headers: { authorization: basicHeader(PEOPLE.nina) },
		});
		expect(removed.status).toBe(200);
		// The tombstone says whose it was: even a device that never held the listing knows it.
		expect(
			await tryBoth(
				PEOPLE.lea,
				create(() => listing('jardins-supprimee', LA_PIOCHE)),
			),
		).toEqual({ device: { refused: TAKEN }, server: { refused: TAKEN } });
	});

	test('a device that held it refuses, from its last live revision, what the server refuses', async () => {
		let held: Held = () => {
			throw new Error('not synced yet');
		};
		const id = await publishThenTombstone('jardins-vue', async () => {
			held = await deviceOf(PEOPLE.lea);
		});
		expect(held(id).owner).toBe(LES_JARDINS);
		await replica().replicate.from(remoteAs(PEOPLE.lea), { checkpoint: false });
		expect((await replica().allDocs({ keys: [id] })).rows[0]).toMatchObject({ value: { deleted: true } });
		const takeover = stamped(listing(keyOf(id), LA_PIOCHE));
		expect(
			await onDevice(
				create(() => takeover),
				takeover,
				held,
			),
		).toEqual({ refused: TAKEN });
		expect(await onServer(PEOPLE.lea, takeover)).toEqual({ refused: TAKEN });
	});

	test('the device’s own deletion writes a tombstone that keeps them', async () => {
		const held = await deviceOf(PEOPLE.lea);
		const own = held('listing:pioche-velo');
		await removeDoc(own);
		const [row] = (await replica().allDocs({ keys: [own._id] })).rows as { value: { rev: string } }[];
		expect(await replica().get(own._id, { rev: row.value.rev })).toMatchObject({
			_deleted: true,
			type: 'listing',
			owner: LA_PIOCHE,
		});
	});
});

function remoteAs(who: Who): PouchDB.Database {
	return new PouchDB(server.dbUrl, { skip_setup: true, auth: { username: who.email, password: PASSWORD } });
}
