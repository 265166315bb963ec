// Live sync: a longpoll wakes at once on a change the viewer may read, ends on its timeout, and
// never holds the server open when it stops.
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../src/lib/domain';
import { call, device, listing, PEOPLE, remote, startTestServer, useTestServer } from './helpers';

const server = useTestServer();

const later = (ms: number, task: () => Promise<unknown>) => setTimeout(() => void task(), ms);

describe('a longpoll', () => {
	it('wakes on a new readable change and not on one the viewer may not read', async () => {
		later(150, () =>
			server.stores.db.put(
				listing('live-membres', 'structure:la-pioche', {
					audience: 'members',
					title: 'Réservé aux adhérents',
				}),
			),
		);
		later(400, () =>
			server.stores.db.put(listing('live-public', 'structure:la-pioche', { title: 'Vélo cargo à prêter' })),
		);
		const started = Date.now();
		const { body } = await call(server, '/db/elbasar/_changes?feed=longpoll&since=now&heartbeat=10000');
		const waited = Date.now() - started;
		expect((body.results as { id: string }[]).map((r) => r.id)).toEqual(['listing:live-public']);
		expect(waited).toBeGreaterThanOrEqual(350);
		expect(waited).toBeLessThan(3_000);
	});

	it('ends on its timeout with the last sequence, heartbeats before it', async () => {
		const started = Date.now();
		const res = await fetch(`${server.dbUrl}/_changes?feed=longpoll&since=now&timeout=500&heartbeat=100`);
		const text = await res.text();
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		expect(text).toMatch(/^\n+\{/);
		const body = JSON.parse(text);
		expect(body.results).toEqual([]);
		expect(body.last_seq).toMatch(/^[0-9a-f]+-\d+$/);
	});

	it('brings a member’s live replica the document a colleague just published', async () => {
		const phone = device();
		const sync = phone.replicate.from(remote(server, PEOPLE.marc), { live: true, retry: true });
		try {
			await expect
				.poll(() =>
					phone.get('listing:pioche-velo').then(
						() => true,
						() => false,
					),
				)
				.toBe(true);
			await server.stores.db.put(
				listing('live-contact', 'structure:la-pioche', { audience: 'members', title: 'Atelier réparation' }),
			);
			await expect
				.poll(
					() =>
						phone.get('listing:live-contact').then(
							(d) => (d as Listing).title,
							() => null,
						),
					{ timeout: 3_000 },
				)
				.toBe('Atelier réparation');
		} finally {
			sync.cancel();
		}
	});
});

describe('stopping the server', () => {
	it('answers open longpolls at once instead of waiting for their timeout', async () => {
		const other = await startTestServer({ docs: [], people: false });
		const pending = call(other, '/db/elbasar/_changes?feed=longpoll&since=now&timeout=60000');
		await new Promise((resolve) => setTimeout(resolve, 200));
		const started = Date.now();
		await other.close();
		const { status, body } = await pending;
		expect(status).toBe(200);
		expect(body.results).toEqual([]);
		expect(Date.now() - started).toBeLessThan(1_500);
	});
});
