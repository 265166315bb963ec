// What each person pulls from the server, and how a document they may not read stays invisible.
import { describe, expect, it } from 'vitest';
import {
	ALL_FIXTURE_DOCS,
	call,
	device,
	FIXTURE,
	ids,
	listing,
	localIds,
	PEOPLE,
	postJson,
	remote,
	useTestServer,
} from './helpers';

const server = useTestServer();

async function pull(who?: (typeof PEOPLE)[keyof typeof PEOPLE]) {
	const local = device();
	const result = await local.replicate.from(remote(server, who));
	expect(result.ok).toBe(true);
	return localIds(local);
}

describe('pulling the network onto a device', () => {
	it('a visitor pulls the public documents and no members-only one', async () => {
		const pulled = await pull();
		expect(pulled).toEqual(ids(FIXTURE.public));
		expect(pulled).not.toContain('contact:lea');
		expect(pulled).not.toContain('structure:atelier-discret');
		expect(pulled).not.toContain('listing:pioche-membres');
	});

	it('a member pulls members-only contact details too', async () => {
		expect(await pull(PEOPLE.marc)).toEqual(
			ids([...FIXTURE.public, ...FIXTURE.membersOnly, ...FIXTURE.relaisOnly]),
		);
		expect(await pull(PEOPLE.lea)).toEqual(ids([...FIXTURE.public, ...FIXTURE.membersOnly]));
	});

	it('a structure whose membership lapsed pulls the public documents only', async () => {
		expect(await pull(PEOPLE.nina)).toEqual(ids(FIXTURE.public));
	});

	it('the network’s animator pulls every document', async () => {
		expect(await pull(PEOPLE.animator)).toEqual(ids(ALL_FIXTURE_DOCS));
	});
});

describe('a document the viewer may not read looks like one that does not exist', () => {
	it('GET answers 404 not_found, for the document and its revisions', async () => {
		const hidden = await call(server, '/db/elbasar/contact:lea');
		const absent = await call(server, '/db/elbasar/contact:nobody');
		expect(hidden.status).toBe(404);
		expect(hidden.body).toEqual(absent.body);
		expect((await call(server, '/db/elbasar/contact:lea?open_revs=all')).status).toBe(404);
		const member = await call(server, '/db/elbasar/contact:lea', { as: PEOPLE.marc });
		expect(member.status).toBe(200);
		expect(member.body.email).toBe('lea@la-pioche.test');
	});

	it('_all_docs lists only readable documents and answers not_found for the others', async () => {
		const range = await call(server, '/db/elbasar/_all_docs?include_docs=true');
		expect((range.body.rows as { id: string }[]).map((r) => r.id).sort()).toEqual(ids(FIXTURE.public));
		expect(range.body.total_rows).toBe(FIXTURE.public.length);
		const byKeys = await call(
			server,
			'/db/elbasar/_all_docs',
			postJson({ keys: ['contact:lea', 'listing:pioche-velo'] }),
		);
		expect(byKeys.body.rows).toMatchObject([
			{ key: 'contact:lea', error: 'not_found' },
			{ id: 'listing:pioche-velo', value: { rev: expect.any(String) } },
		]);
		const page = await call(
			server,
			'/db/elbasar/_all_docs?startkey=%22listing%3A%22&endkey=%22listing%3A%EF%BF%B0%22&limit=2',
		);
		expect((page.body.rows as { id: string }[]).map((r) => r.id)).toEqual([
			'listing:jardins-graines',
			'listing:pioche-velo',
		]);
	});

	it('_bulk_get answers not_found for it and _changes leaves it out', async () => {
		const { body } = await call(
			server,
			'/db/elbasar/_bulk_get?revs=true',
			postJson({ docs: [{ id: 'contact:lea' }, { id: 'event:apero-lille' }] }),
		);
		const results = body.results as { id: string; docs: Record<string, Record<string, unknown>>[] }[];
		expect(results.find((r) => r.id === 'contact:lea')?.docs[0].error).toMatchObject({ error: 'not_found' });
		expect(results.find((r) => r.id === 'event:apero-lille')?.docs[0].ok).toMatchObject({
			title: 'Apéro itinérant à Lille',
		});
		const changes = await call(server, '/db/elbasar/_changes?style=all_docs');
		expect((changes.body.results as { id: string }[]).map((r) => r.id).sort()).toEqual(ids(FIXTURE.public));
	});

	it('the database info counts the documents this viewer may read', async () => {
		const visitor = await call(server, '/db/elbasar/');
		const animator = await call(server, '/db/elbasar/', { as: PEOPLE.animator });
		expect(visitor.body).toMatchObject({ db_name: 'elbasar', doc_count: FIXTURE.public.length });
		expect(animator.body.doc_count).toBe(ALL_FIXTURE_DOCS.length);
	});
});

describe('the changes feed', () => {
	it('pages through readable changes only, with limit and since', async () => {
		const seen: string[] = [];
		let since = '0';
		for (;;) {
			const { body } = await call(server, `/db/elbasar/_changes?limit=3&since=${encodeURIComponent(since)}`);
			const page = body.results as { id: string }[];
			if (page.length === 0) break;
			expect(page.length).toBeLessThanOrEqual(3);
			seen.push(...page.map((r) => r.id));
			since = body.last_seq as string;
		}
		expect(seen.sort()).toEqual(ids(FIXTURE.public));
	});

	it('keeps the viewer’s filter on a POST with doc_ids', async () => {
		const { body } = await call(
			server,
			'/db/elbasar/_changes?filter=_doc_ids',
			postJson({ doc_ids: ['contact:lea', 'event:apero-lille'] }),
		);
		expect((body.results as { id: string }[]).map((r) => r.id)).toEqual(['event:apero-lille']);
	});
});

describe('deletions', () => {
	it('reach exactly those who could read the deleted document', async () => {
		const secret = listing('pioche-secret', 'structure:la-pioche', {
			audience: 'members',
			title: 'Liste des adhérents',
		});
		const { rev } = await server.stores.db.put(secret);
		await server.stores.db.remove(secret._id, rev);
		const seen = async (who?: (typeof PEOPLE)[keyof typeof PEOPLE]) => {
			const { body } = await call(server, '/db/elbasar/_changes', { as: who });
			return (body.results as { id: string; deleted?: boolean }[]).find((r) => r.id === secret._id);
		};
		expect(await seen(PEOPLE.marc)).toMatchObject({ deleted: true });
		expect(await seen()).toBeUndefined();
		expect(await seen(PEOPLE.nina)).toBeUndefined();
	});
});

describe('photos', () => {
	it('a listing’s photo reaches the device, a members-only listing’s photo stays hidden', async () => {
		const bytes = Buffer.from('photo JPEG de la remorque, redimensionnée sur le téléphone');
		const photo = { 'photo.jpg': { content_type: 'image/jpeg', data: bytes.toString('base64') } };
		await server.stores.db.bulkDocs([
			{ ...listing('avec-photo', 'structure:la-pioche'), _attachments: photo },
			{ ...listing('photo-membres', 'structure:la-pioche', { audience: 'members' }), _attachments: photo },
		]);
		const open = await fetch(`${server.dbUrl}/listing:avec-photo/photo.jpg`);
		expect(open.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await open.arrayBuffer()).equals(bytes)).toBe(true);
		expect((await fetch(`${server.dbUrl}/listing:photo-membres/photo.jpg`)).status).toBe(404);

		const phone = device();
		await phone.replicate.from(remote(server));
		const copy = (await phone.getAttachment('listing:avec-photo', 'photo.jpg')) as Buffer;
		expect(copy.equals(bytes)).toBe(true);
		expect(await localIds(phone)).not.toContain('listing:photo-membres');
	});
});
