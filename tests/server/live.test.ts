// Live sync: a longpoll wakes on a change the viewer may read, ends on its timeout, and never
// holds the server open when it stops. Writes are made once the longpoll is known to be waiting.
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../src/lib/domain';
import {
	call,
	device,
	listing,
	PEOPLE,
	remote,
	startTestServer,
	type TestServer,
	useTestServer,
} from './helpers';

const server = useTestServer();

/** Long enough for any machine, short enough that a longpoll that never wakes fails the test. */
const UNTIL_TEST_ENDS = 20_000;

/** The visitor's current sequence: a longpoll from it waits for the next change. */
async function currentSeq(on: TestServer): Promise<string> {
	const { body } = await call(on, '/db/elbasar');
	return encodeURIComponent(body.update_seq as string);
}

/** Resolves once `count` longpolls are open on the server. */
const waiting = (on: TestServer, count = 1) =>
	expect.poll(() => on.couch.waiters.size, { timeout: UNTIL_TEST_ENDS }).toBe(count);

describe('a longpoll', () => {
	it('wakes on a new readable change and not on one the viewer may not read', async () => {
		const since = await currentSeq(server);
		const answer = call(
			server,
			`/db/elbasar/_changes?feed=longpoll&since=${since}&timeout=${UNTIL_TEST_ENDS}&heartbeat=10000`,
		);
		await waiting(server);
		await server.stores.db.put(
			listing('live-membres', 'structure:la-pioche', { audience: 'members', title: 'Réservé aux adhérents' }),
		);
		await server.stores.db.put(
			listing('live-public', 'structure:la-pioche', { title: 'Vélo cargo à prêter' }),
		);
		const { body } = await answer;
		// Woken by the members-only listing, it would have answered an empty list.
		expect((body.results as { id: string }[]).map((r) => r.id)).toEqual(['listing:live-public']);
	});

	it('ends on its timeout with the last sequence, heartbeats before it', async () => {
		const since = await currentSeq(server);
		const res = await fetch(
			`${server.dbUrl}/_changes?feed=longpoll&since=${since}&timeout=500&heartbeat=100`,
		);
		const text = await res.text();
		expect(text).toMatch(/^\n+\{/);
		const body = JSON.parse(text);
		expect(body.results).toEqual([]);
		expect(body.last_seq).toBe(decodeURIComponent(since));
	});

	it('brings a member’s live replica the document a colleague just published', async () => {
		const phone = device();
		const sync = phone.replicate.from(remote(server, PEOPLE.marc), { live: true, retry: true });
		const title = (id: string) =>
			phone.get(id).then(
				(d) => (d as Listing).title,
				() => null,
			);
		try {
			await expect.poll(() => title('listing:pioche-velo'), { timeout: UNTIL_TEST_ENDS }).not.toBeNull();
			await server.stores.db.put(
				listing('live-contact', 'structure:la-pioche', { audience: 'members', title: 'Atelier réparation' }),
			);
			await expect
				.poll(() => title('listing:live-contact'), { timeout: UNTIL_TEST_ENDS })
				.toBe('Atelier réparation');
		} finally {
			sync.cancel();
		}
	});
});

describe('stopping the server', () => {
	it('answers open longpolls instead of waiting for their timeout', async () => {
		const other = await startTestServer({ docs: [], people: false });
		// Its 60 s timeout is past the test's: only the shutdown can answer it in time.
		const pending = call(other, '/db/elbasar/_changes?feed=longpoll&since=now&timeout=60000');
		await waiting(other);
		await other.close();
		// Answered, not cut: connections still open a second after closing are destroyed.
		const { status, body } = await pending;
		expect(status).toBe(200);
		expect(body.results).toEqual([]);
	});
});
