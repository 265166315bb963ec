// What each person may write: every document of a batch is checked on its own, refusals say why,
// and the rest of the batch is saved.
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../src/lib/domain';
import { call, device, listing, membership, PEOPLE, postJson, remote, useTestServer } from './helpers';

const server = useTestServer();

const stored = (id: string) => server.stores.db.get(id) as Promise<Listing & { _rev: string }>;
const exists = (id: string) =>
	server.stores.db.get(id).then(
		() => true,
		() => false,
	);

const put = (path: string, body: unknown, as?: (typeof PEOPLE)[keyof typeof PEOPLE]) =>
	call(server, path, { ...postJson(body, as), method: 'PUT' });

describe('_bulk_docs', () => {
	it('a member’s forged write to another structure’s listing is refused while the rest of the batch is saved', async () => {
		const theirs = await stored('listing:pioche-velo');
		const own = await stored('listing:relais-local');
		const fresh = listing('relais-perceuse', 'structure:le-relais', { title: 'Prêt d’une perceuse' });
		const { status, body } = await call(
			server,
			'/db/elbasar/_bulk_docs',
			postJson(
				{
					docs: [
						{ ...theirs, title: 'Remorque à vendre, appelez Marc' },
						{ ...own, title: 'Local à partager le mardi' },
						fresh,
					],
				},
				PEOPLE.marc,
			),
		);
		expect(status).toBe(201);
		expect(body[0]).toMatchObject({
			id: 'listing:pioche-velo',
			error: 'forbidden',
			reason: expect.stringMatching(/autre structure/),
		});
		expect(body[1]).toMatchObject({ id: 'listing:relais-local', ok: true });
		expect(body[2]).toMatchObject({ id: 'listing:relais-perceuse', ok: true });
		expect((await stored('listing:pioche-velo'))._rev).toBe(theirs._rev);
		expect((await stored('listing:relais-local')).title).toBe('Local à partager le mardi');
		expect((await stored('listing:relais-perceuse')).title).toBe('Prêt d’une perceuse');
	});

	it('a visitor cannot publish anything', async () => {
		const doc = listing('anonyme', 'structure:le-relais');
		const { body } = await call(server, '/db/elbasar/_bulk_docs', postJson({ docs: [doc] }));
		expect(body[0]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/connectez-vous/) });
		expect(await exists(doc._id)).toBe(false);
	});

	it('an invalid listing is refused with the reason of the schema', async () => {
		const doc = listing('trop-court', 'structure:le-relais', { title: 'ab' });
		const { body } = await call(server, '/db/elbasar/_bulk_docs', postJson({ docs: [doc] }, PEOPLE.marc));
		expect(body[0]).toMatchObject({
			id: doc._id,
			error: 'forbidden',
			reason: expect.stringMatching(/title/),
		});
		expect(await exists(doc._id)).toBe(false);
	});

	it('design documents, unknown types and reserved fields are refused', async () => {
		const docs = [
			{ _id: '_design/steal', views: {} },
			{ _id: 'account:lea@la-pioche.test', type: 'account' },
			{ ...listing('champ-interne', 'structure:le-relais'), _rev_tree: [] },
		];
		const { body } = await call(server, '/db/elbasar/_bulk_docs', postJson({ docs }, PEOPLE.animator));
		expect((body as { error?: string }[]).map((r) => r.error)).toEqual([
			'forbidden',
			'forbidden',
			'forbidden',
		]);
		expect(await exists('_design/steal')).toBe(false);
		expect(await exists('listing:champ-interne')).toBe(false);
	});

	it('only the network’s staff changes a membership', async () => {
		const current = await stored('membership:le-relais');
		const lapse = { ...current, status: 'lapsed' };
		const byMember = await call(server, '/db/elbasar/_bulk_docs', postJson({ docs: [lapse] }, PEOPLE.marc));
		expect(byMember.body[0]).toMatchObject({ error: 'forbidden' });
		const byStaff = await call(
			server,
			'/db/elbasar/_bulk_docs',
			postJson({ docs: [membership('nouvelle', 'active')] }, PEOPLE.animator),
		);
		expect(byStaff.body[0]).toMatchObject({ ok: true });
	});
});

describe('replicating writes from a device', () => {
	it('a member pushing an edit of another structure’s listing is refused and the server keeps its version', async () => {
		const phone = device();
		await phone.replicate.from(remote(server, PEOPLE.marc));
		const theirs = (await phone.get('listing:pioche-velo')) as Listing & { _rev: string };
		await phone.put({ ...theirs, title: 'Remorque réservée à Marc' });
		const own = (await phone.get('listing:relais-local')) as Listing & { _rev: string };
		await phone.put({ ...own, text: 'Salle de 40 m² le jeudi.' });
		const refused: { id: string; name: string }[] = [];
		const result = await phone.replicate
			.to(remote(server, PEOPLE.marc))
			.on('denied', (err) => refused.push(err as never));
		expect(refused).toMatchObject([{ id: 'listing:pioche-velo', name: 'forbidden' }]);
		expect(result.docs_written).toBe(1);
		expect((await stored('listing:pioche-velo'))._rev).toBe(theirs._rev);
		expect((await stored('listing:relais-local')).text).toBe('Salle de 40 m² le jeudi.');
	});

	it('a member deletes its own listing from its device', async () => {
		const phone = device();
		await phone.replicate.from(remote(server, PEOPLE.lea));
		await phone.remove((await phone.get('listing:pioche-membres')) as never);
		await phone.replicate.to(remote(server, PEOPLE.lea));
		expect(await exists('listing:pioche-membres')).toBe(false);
	});
});

describe('PUT and DELETE of one document', () => {
	it('follow CouchDB’s answers with the same checks', async () => {
		const doc = listing('relais-velos', 'structure:le-relais');
		const created = await put(`/db/elbasar/${doc._id}`, doc, PEOPLE.marc);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ ok: true, id: doc._id, rev: expect.stringMatching(/^1-/) });

		const stale = await put(`/db/elbasar/${doc._id}`, { ...doc, title: 'Deux vélos cargo' }, PEOPLE.marc);
		expect(stale.status).toBe(409);

		const byOther = await put(
			`/db/elbasar/${doc._id}`,
			{ ...doc, _rev: created.body.rev, title: 'À moi' },
			PEOPLE.lea,
		);
		expect(byOther.status).toBe(403);
		expect(byOther.body.reason).toMatch(/autre structure/);

		const removedByOther = await call(server, `/db/elbasar/${doc._id}?rev=${created.body.rev}`, {
			method: 'DELETE',
			as: PEOPLE.lea,
		});
		expect(removedByOther.status).toBe(403);
		const removed = await call(server, `/db/elbasar/${doc._id}?rev=${created.body.rev}`, {
			method: 'DELETE',
			as: PEOPLE.marc,
		});
		expect(removed.status).toBe(200);
		expect(await exists(doc._id)).toBe(false);
	});

	it('a member cannot hand a listing over to another structure', async () => {
		const own = await stored('listing:jardins-graines');
		const moved = await put(`/db/elbasar/${own._id}`, { ...own, owner: 'structure:la-pioche' }, PEOPLE.nina);
		expect(moved.status).toBe(403);
		expect((await stored(own._id)).owner).toBe('structure:les-jardins');
	});
});
