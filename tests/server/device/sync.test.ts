// The device side of sync, against the real server over HTTP: writes validated on the device,
// conflicts shown and resolved, only local writes pushed, refusals kept and reported.
import '../../device-globals';
import PouchDB from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
	conflictsOf,
	DocError,
	getDoc,
	removeDoc,
	resolveConflict,
	saveDoc,
	writeAs,
} from '../../../src/lib/sync/docs';
import { outbox } from '../../../src/lib/sync/outbox';
import { replica, resetReplica } from '../../../src/lib/sync/replica';
import { startSync, stopSync } from '../../../src/lib/sync/replication';
import { syncStatus } from '../../../src/lib/sync/status.svelte';
import { eventually, listing } from '../../unit/sync-fixtures';
import { FIXTURE, PASSWORD, PEOPLE, startTestServer, type TestServer, type Who } from '../helpers';

/** The device writes as a member of La Pioche, the owner of the fixtures' listings. */
const LEA = {
	role: 'member',
	accountId: `account:${PEOPLE.lea.email}`,
	structureId: PEOPLE.lea.structureId,
} as const;
beforeEach(() => writeAs(() => LEA));

afterEach(async () => {
	await stopSync();
	await outbox.flush();
	await resetReplica();
	await outbox.load(replica());
});

describe('writing on the device', () => {
	test('a valid document is stored with its timestamps, schema and new revision', async () => {
		const saved = await saveDoc({ ...listing('velo'), createdAt: '', updatedAt: '' });
		expect(saved._rev).toMatch(/^1-/);
		expect(saved.createdAt).toBe(saved.updatedAt);
		expect((await getDoc('listing:velo'))?.title).toBe('Annonce velo');

		const edited = await saveDoc({ ...saved, title: 'Vélo cargo' });
		expect(edited._rev).toMatch(/^2-/);
		expect(edited.createdAt).toBe(saved.createdAt);
	});

	test('an invalid document is refused with a reason in French, and nothing is stored', async () => {
		const error = await saveDoc({ ...listing('x'), title: 'ab' }).catch((e) => e);
		expect(error).toBeInstanceOf(DocError);
		expect(error.reason).toBe('title : 3 caractères au moins');
		expect(await getDoc('listing:x')).toBeNull();
	});

	test('saving over a revision changed meanwhile is refused, not silently merged', async () => {
		const first = await saveDoc(listing('velo'));
		await saveDoc({ ...first, title: 'Édition du téléphone' });
		const error = await saveDoc({ ...first, title: 'Édition de l’ordinateur' }).catch((e) => e);
		expect(error).toBeInstanceOf(DocError);
		expect(error.reason).toMatch(/modifié entre-temps/);
	});

	test('a removed document is gone', async () => {
		const saved = await saveDoc(listing('velo'));
		await removeDoc(saved);
		expect(await getDoc('listing:velo')).toBeNull();
	});
});

describe('conflicts', () => {
	/** Two phones edited the same listing offline: both revisions reached this replica. */
	async function conflicting() {
		const base = listing('velo');
		await replica().bulkDocs(
			[
				{ ...base, _rev: '2-aaa', title: 'Vélo prêté le samedi' },
				{ ...base, _rev: '2-bbb', title: 'Vélo prêté le dimanche' },
			],
			{ new_edits: false },
		);
	}

	test('are listed with every competing revision', async () => {
		await conflicting();
		const conflict = await conflictsOf('listing:velo');
		expect(conflict?.current.title).toBe('Vélo prêté le dimanche');
		expect(conflict?.others.map((d) => d.title)).toEqual(['Vélo prêté le samedi']);
		expect(await conflictsOf('listing:nothing')).toBeNull();
	});

	test('keeping the revision that lost makes it the document, and the conflict ends', async () => {
		await conflicting();
		const kept = await resolveConflict('listing:velo', '2-aaa');
		expect(kept.title).toBe('Vélo prêté le samedi');
		expect((await getDoc('listing:velo'))?._conflicts).toBeUndefined();
		expect(await conflictsOf('listing:velo')).toBeNull();
	});

	test('a merged version is validated, then written over the conflict', async () => {
		await conflicting();
		const { current } = (await conflictsOf('listing:velo'))!;
		const invalid = await resolveConflict('listing:velo', { ...current, title: '' }).catch((e) => e);
		expect(invalid).toBeInstanceOf(DocError);
		expect((await getDoc('listing:velo'))?._conflicts).toEqual(['2-aaa']);

		const merged = await resolveConflict('listing:velo', { ...current, title: 'Vélo prêté le week-end' });
		expect(merged._rev).toMatch(/^3-/);
		const now = await getDoc('listing:velo');
		expect(now?.title).toBe('Vélo prêté le week-end');
		expect(now?._conflicts).toBeUndefined();
	});
});

// Over real HTTP, like the server tests: the same budget (30 s), and every wait below stays under it.
describe('replication with the server', { timeout: 30_000 }, () => {
	/** Retries at once: the tests are about what a failure shows, not about how long PouchDB waits. */
	const QUICK = { backOff: () => 10, restartAfter: 10 };
	const WAIT = 20_000;
	let server: TestServer;
	const requests: string[] = [];

	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server?.close();
	});
	afterEach(() => {
		requests.length = 0;
	});

	/** The server's database as the device reaches it, signed in with HTTP Basic; requests are logged. */
	function remoteAs(who?: Who): PouchDB.Database {
		return new PouchDB(server.dbUrl, {
			skip_setup: true,
			...(who ? { auth: { username: who.email, password: PASSWORD } } : {}),
			fetch: (url: string | Request, opts?: RequestInit) => {
				requests.push(
					`${opts?.method ?? 'GET'} ${String(url).replace(server.dbUrl, '')} ${opts?.body ?? ''}`,
				);
				return PouchDB.fetch(url, opts);
			},
		} as PouchDB.Configuration.RemoteDatabaseConfiguration);
	}

	async function upToDate(): Promise<void> {
		await eventually(() => syncStatus.state === 'up-to-date', WAIT);
	}

	test('a visitor pulls the public documents and the status says up to date', async () => {
		const before = new Date();
		await startSync(replica(), remoteAs(), QUICK);
		await upToDate();
		const ids = (await replica().allDocs()).rows.map((r) => r.id).sort();
		expect(ids).toEqual(FIXTURE.public.map((d) => d._id).sort());
		expect(syncStatus.lastSync!.getTime()).toBeGreaterThanOrEqual(before.getTime());
		expect(syncStatus.pending).toBe(0);
	});

	test('only documents written on the device are pushed, and the pending count returns to zero', async () => {
		await startSync(replica(), remoteAs(PEOPLE.lea), QUICK);
		await upToDate();
		expect(requests.some((r) => r.includes('_revs_diff'))).toBe(false);

		const mine = await saveDoc(listing('pioche-perceuse', 'structure:la-pioche', 'Perceuse à prêter'));
		expect(syncStatus.pending).toBe(1);
		await eventually(async () => (await server.stores.db.get(mine._id).catch(() => null)) !== null, WAIT);
		await upToDate();
		await eventually(() => syncStatus.pending === 0, WAIT);

		const pushed = requests.filter(
			(r) => r.startsWith('POST /_revs_diff') || r.startsWith('POST /_bulk_docs'),
		);
		expect(pushed.length).toBeGreaterThan(0);
		for (const request of pushed)
			expect(request).not.toMatch(/"listing:pioche-velo"|"structure:la-pioche":|"_id":"structure:/);
		// Everything is on the server: the next push may start from the replica's current sequence.
		await eventually(async () => outbox.pushedThrough === (await replica().info()).update_seq, WAIT);
	});

	test('a change the server refuses is reported with its reason and stays on the device to be fixed', async () => {
		await startSync(replica(), remoteAs(PEOPLE.lea), QUICK);
		await upToDate();
		const theirs = await getDoc('listing:relais-local');
		// The device's gate would refuse it too: written while the device still believed the account
		// acted for Le Relais (a session changed on the server since), so only the server can refuse it.
		writeAs(() => ({ ...LEA, structureId: 'structure:le-relais' }));
		await saveDoc({ ...theirs!, title: 'Local à partager (modifié par La Pioche)' });

		await eventually(() => syncStatus.refused.length === 1, WAIT);
		expect(syncStatus.state).toBe('error');
		expect(syncStatus.refused[0]).toEqual({
			id: 'listing:relais-local',
			reason: expect.stringMatching(/autre structure/),
		});
		expect((await getDoc('listing:relais-local'))?.title).toBe('Local à partager (modifié par La Pioche)');
		expect((await server.stores.db.get<{ title: string }>('listing:relais-local')).title).toBe(
			'Local à partager',
		);
	});

	test('a server that does not answer shows as offline, with the reason, not as an error', async () => {
		await startSync(replica(), 'http://127.0.0.1:9/db/elbasar', QUICK);
		await eventually(() => syncStatus.error !== null, WAIT);
		expect(syncStatus.state).toBe('offline');
		expect(syncStatus.error).toMatch(/injoignable/);
	});
});
