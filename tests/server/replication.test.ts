// Replication over time: resuming an interrupted pull, conflicts kept, rights that grow, and the
// checkpoints that make all three work.
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	call,
	device,
	FIXTURE,
	ids,
	listing,
	localIds,
	membership,
	PEOPLE,
	remote,
	startTestServer,
	useTestServer,
} from './helpers';

const server = useTestServer();

type Stored = Listing & { _rev: string };

describe('an interrupted pull', () => {
	it('resumes from its checkpoint instead of starting over', async () => {
		const many = Array.from({ length: 300 }, (_, i) =>
			listing(`lot-${String(i).padStart(3, '0')}`, 'structure:le-relais', {
				title: `Lot de matériel n° ${i}`,
			}),
		);
		// Its own server: the 300 listings would otherwise stay, as tombstones, in the others' feeds.
		const own = await startTestServer({ docs: [...ALL_FIXTURE_DOCS, ...many], people: false });
		try {
			const total = FIXTURE.public.length + many.length;
			const phone = device();

			const first = phone.replicate.from(remote(own), { batch_size: 50 });
			first.on('change', (info) => {
				if (info.docs_written >= 100) first.cancel();
			});
			await new Promise((resolve) => first.on('complete', resolve));
			const afterFirst = (await phone.info()).doc_count;
			expect(afterFirst).toBeGreaterThanOrEqual(100);
			expect(afterFirst).toBeLessThan(total);

			const second = await phone.replicate.from(remote(own), { batch_size: 50 });
			expect(second.docs_read).toBeLessThanOrEqual(total - afterFirst);
			expect((await phone.info()).doc_count).toBe(total);
		} finally {
			await own.close();
		}
	});
});

describe('two offline edits of one listing', () => {
	it('produce a conflict the server keeps and hands back to devices', async () => {
		const [phone, laptop] = [device(), device()];
		await phone.replicate.from(remote(server, PEOPLE.lea));
		await laptop.replicate.from(remote(server, PEOPLE.lea));
		const onPhone = (await phone.get('listing:pioche-velo')) as Stored;
		await phone.put({ ...onPhone, title: 'Remorque vélo, prêt à la semaine' });
		const onLaptop = (await laptop.get('listing:pioche-velo')) as Stored;
		await laptop.put({ ...onLaptop, title: 'Remorque vélo, prêt au mois' });

		await phone.replicate.to(remote(server, PEOPLE.lea));
		const pushed = await laptop.replicate.to(remote(server, PEOPLE.lea));
		expect(pushed.docs_written).toBe(1);

		const withConflicts = await call(server, '/db/elbasar/listing:pioche-velo?conflicts=true', {
			as: PEOPLE.lea,
		});
		expect(withConflicts.body._conflicts).toHaveLength(1);
		const open = await call(server, '/db/elbasar/listing:pioche-velo?open_revs=all', {
			as: PEOPLE.lea,
			headers: { accept: 'application/json' },
		});
		const titles = (open.body as { ok: Stored }[]).map((r) => r.ok.title).sort();
		expect(titles).toEqual(['Remorque vélo, prêt au mois', 'Remorque vélo, prêt à la semaine']);

		await phone.replicate.from(remote(server, PEOPLE.lea));
		const back = (await phone.get('listing:pioche-velo', { conflicts: true })) as Stored & {
			_conflicts?: string[];
		};
		expect(back._conflicts).toHaveLength(1);
	});
});

describe('rights that grow', () => {
	it('a device that pulled as a visitor receives the members-only documents once its member signs in', async () => {
		// As the app pulls: the checkpoint lives on the device only, so the sequence alone must tell.
		const phone = device();
		await phone.replicate.from(remote(server), { checkpoint: 'target' });
		expect(await localIds(phone)).not.toContain('contact:lea');
		await phone.replicate.from(remote(server, PEOPLE.marc), { checkpoint: 'target' });
		const held = await localIds(phone);
		for (const id of ids([...FIXTURE.membersOnly, ...FIXTURE.relaisOnly])) expect(held).toContain(id);
	});

	it('a structure whose membership becomes active receives what it could not read before', async () => {
		const phone = device();
		await phone.replicate.from(remote(server, PEOPLE.nina));
		expect(await localIds(phone)).not.toContain('contact:lea');

		const current = await server.stores.db.get('membership:les-jardins');
		await server.stores.db.put({ ...membership('les-jardins', 'active'), _rev: current._rev });
		try {
			await expect
				.poll(
					async () =>
						((await call(server, '/api/session', { as: PEOPLE.nina })).body.user as { role: string }).role,
					// The roles follow the store's changes: within the test's time, however loaded the machine.
					{ timeout: 20_000 },
				)
				.toBe('member');

			const again = await phone.replicate.from(remote(server, PEOPLE.nina));
			// What became readable, plus the membership document itself: nothing pulled before is read again.
			expect(again.docs_read).toBe(FIXTURE.membersOnly.length + 1);
			for (const id of ids(FIXTURE.membersOnly)) expect(await localIds(phone)).toContain(id);
		} finally {
			// The membership lapses again, for the tests after this one.
			await server.stores.db.put({
				...membership('les-jardins', 'lapsed'),
				_rev: (await server.stores.db.get(current._id))._rev,
			});
		}
	});

	it('a sequence from another scope restarts the feed from the beginning', async () => {
		const visitor = await call(server, '/db/elbasar/_changes');
		const since = encodeURIComponent(visitor.body.last_seq as string);
		const sameScope = await call(server, `/db/elbasar/_changes?since=${since}`);
		expect(sameScope.body.results).toEqual([]);
		const asMember = await call(server, `/db/elbasar/_changes?since=${since}`, { as: PEOPLE.lea });
		// From the beginning: the public documents the visitor's sequence had passed, and the rest.
		const fed = (asMember.body.results as { id: string }[]).map((r) => r.id);
		expect(fed).toEqual(expect.arrayContaining(ids([...FIXTURE.public, ...FIXTURE.membersOnly])));
	});
});

describe('checkpoints', () => {
	it('are kept per account, so nobody moves another person’s checkpoint', async () => {
		const path = '/db/elbasar/_local/phone-checkpoint';
		const body = JSON.stringify({ last_seq: 'x-12', session_id: 's1' });
		const put = await call(server, path, {
			method: 'PUT',
			body,
			headers: { 'content-type': 'application/json' },
			as: PEOPLE.lea,
		});
		expect(put.status).toBe(201);
		expect((await call(server, path, { as: PEOPLE.lea })).body).toMatchObject({
			_id: '_local/phone-checkpoint',
			last_seq: 'x-12',
		});
		expect((await call(server, path, { as: PEOPLE.marc })).status).toBe(404);
		expect((await call(server, path)).status).toBe(404);
	});
});
