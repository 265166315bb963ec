// Attacks on what the server keeps and on what it tells, as real HTTP requests (issue 12, points 5
// to 9): `_local` documents bounded in size and number, documents about another structure's people,
// unreadable documents answered exactly as missing ones, deleted ids that stay their owner's, and
// documents too big to replicate.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_LOCAL_BYTES, MAX_LOCAL_DOCS } from '../../server/couch/local';
import { DOC_TOO_LARGE, type Listing, MAX_DOC_BYTES } from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	basicHeader,
	call,
	device,
	JARDINS,
	listing,
	localIds,
	PEOPLE,
	PIOCHE,
	person,
	postJson,
	RELAIS,
	remote,
	useTestServer,
	type Who,
} from './helpers';

/** Paul works at Le Relais and has no contact details yet: what another structure would forge. */
const paul = person('paul', RELAIS, { name: 'Paul Durand', role: 'Directeur' });
const server = useTestServer({ docs: [...ALL_FIXTURE_DOCS, paul] });

const DB = '/db/elbasar';
const TAKEN = 'seule l’équipe du réseau change le propriétaire d’un document';

const put = (path: string, body: unknown, as?: Who) =>
	call(server, path, { ...postJson(body, as), method: 'PUT' });
const bulkDocs = (docs: object[], as?: Who, newEdits = true) =>
	call(server, `${DB}/_bulk_docs`, postJson({ docs, new_edits: newEdits }, as));
const exists = (id: string) =>
	server.stores.db.get(id).then(
		() => true,
		() => false,
	);
/** The winning revision of `id`, live or deleted. */
async function currentRev(id: string): Promise<string> {
	const [row] = (await server.stores.db.allDocs({ keys: [id] })).rows as { value: { rev: string } }[];
	return row.value.rev;
}

/** `{pad}` padded so that its JSON is exactly `bytes` long. */
const padded = (bytes: number) => ({ pad: 'x'.repeat(bytes - JSON.stringify({ pad: '' }).length) });

describe('_local documents are bounded in size and number (point 5)', () => {
	it('a visitor stores no _local document: 5 MB gets 413, a checkpoint 403, and nothing is there to read', async () => {
		const big = await put(`${DB}/_local/plein`, { pad: 'x'.repeat(5 * 1024 * 1024) });
		expect(big.status).toBe(413);
		expect(big.body).toMatchObject({ error: 'too_large', reason: expect.stringMatching(/64 ko au plus/) });
		const small = await put(`${DB}/_local/point-de-reprise`, { last_seq: '12', session_id: 's' });
		expect(small.status).toBe(403);
		expect(small.body.reason).toMatch(/sur son appareil/);
		expect((await call(server, `${DB}/_local/point-de-reprise`)).status).toBe(404);
		expect((await call(server, `${DB}/_local/point-de-reprise?rev=0-1`, { method: 'DELETE' })).status).toBe(
			403,
		);
	});

	it('a member’s _local document holds 64 kB of JSON and not one byte more, however it is sent', async () => {
		const path = `${DB}/_local/au-bord`;
		const fits = await put(path, padded(MAX_LOCAL_BYTES), PEOPLE.lea);
		expect(fits.status).toBe(201);
		const over = await put(path, { ...padded(MAX_LOCAL_BYTES + 1), _rev: fits.body.rev }, PEOPLE.lea);
		expect(over.status).toBe(413);
		// Gzipped, the body is small on the wire: its JSON is what counts.
		const zipped = await call(server, path, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
			body: new Uint8Array(gzipSync(JSON.stringify({ ...padded(MAX_LOCAL_BYTES + 1), _rev: fits.body.rev }))),
			as: PEOPLE.lea,
		});
		expect(zipped.status).toBe(413);
		const kept = await call(server, path, { as: PEOPLE.lea });
		expect(kept.body).toMatchObject({ _rev: fits.body.rev });
		expect((kept.body.pad as string).length).toBe(padded(MAX_LOCAL_BYTES).pad.length);
	});

	it(`a flood of _local documents leaves a member ${MAX_LOCAL_DOCS} of them, the least recently written go`, async () => {
		const path = (id: string) => `${DB}/_local/${id}`;
		expect((await put(path('le-plus-ancien'), { last_seq: '1' }, PEOPLE.marc)).status).toBe(201);
		const flood = Array.from({ length: 30 }, (_, i) => `flot-${i}`);
		const answers = await Promise.all(flood.map((id) => put(path(id), { last_seq: id }, PEOPLE.marc)));
		expect(answers.map((a) => a.status)).toEqual(flood.map(() => 201));
		const kept = await Promise.all(
			['le-plus-ancien', ...flood].map(
				async (id) => (await call(server, path(id), { as: PEOPLE.marc })).status,
			),
		);
		expect(kept.filter((status) => status === 200)).toHaveLength(MAX_LOCAL_DOCS);
		expect(kept[0]).toBe(404);
		// Another account's bucket is its own: Léa's checkpoint is still there.
		expect((await call(server, path('au-bord'), { as: PEOPLE.lea })).status).toBe(200);
	});

	it('PouchDB keeps replicating: a visitor pulls with its checkpoints on its side, a member past the cap', async () => {
		const phone = device();
		const first = await phone.replicate.from(remote(server));
		expect(first.ok).toBe(true);
		expect(await localIds(phone)).toContain('listing:pioche-velo');
		const again = await phone.replicate.from(remote(server));
		expect(again).toMatchObject({ ok: true, docs_read: 0 });

		const path = (i: number) => `${DB}/_local/jardins-${i}`;
		for (let i = 0; i < MAX_LOCAL_DOCS; i++)
			expect((await put(path(i), { i }, PEOPLE.nina)).status).toBe(201);
		const laptop = device();
		await laptop.put(listing('jardins-checkpoint', JARDINS, { title: 'Graines de courges' }));
		const pushed = await laptop.replicate.to(remote(server, PEOPLE.nina));
		expect(pushed).toMatchObject({ ok: true, docs_written: 1 });
		expect(await exists('listing:jardins-checkpoint')).toBe(true);
		// PouchDB's checkpoint took the place of the oldest one.
		expect((await call(server, path(0), { as: PEOPLE.nina })).status).toBe(404);
		expect((await call(server, path(1), { as: PEOPLE.nina })).status).toBe(200);
	});
});

/** The rows of the directory export as `who`, each a map from header to cell. */
async function exported(who: Who): Promise<Record<string, string>[]> {
	const res = await fetch(`${server.url}/api/directory/export.csv`, {
		headers: { authorization: basicHeader(who) },
	});
	const [header, ...lines] = (await res.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	const names = header.split(';');
	return lines.map((line) => Object.fromEntries(line.split(';').map((cell, i) => [names[i], cell])));
}

describe('a structure writes only about its own people (point 6)', () => {
	const forgedContact = {
		_id: 'contact:paul',
		type: 'contact',
		schema: 1,
		owner: PIOCHE,
		audience: 'members',
		createdAt: '2026-11-02T10:00:00.000Z',
		updatedAt: '2026-11-02T10:00:00.000Z',
		person: 'person:paul',
		email: 'pirate@la-pioche.test',
	};

	it('a member cannot write contact details for another structure’s person, and the export shows none on their line', async () => {
		const { body } = await bulkDocs(
			[forgedContact, { ...forgedContact, _id: 'contact:paul-bis', email: 'pirate-bis@la-pioche.test' }],
			PEOPLE.lea,
		);
		expect(body).toEqual([
			{
				id: 'contact:paul',
				error: 'forbidden',
				reason: 'ces coordonnées sont celles d’une personne d’une autre structure',
			},
			{
				id: 'contact:paul-bis',
				error: 'forbidden',
				reason: 'identifiant de coordonnées incohérent avec la personne',
			},
		]);
		// Pushed by a device (new_edits=false), refused alike.
		const pushed = await bulkDocs([{ ...forgedContact, _rev: '1-abc' }], PEOPLE.lea, false);
		expect(pushed.body).toEqual([expect.objectContaining({ id: 'contact:paul', error: 'forbidden' })]);
		expect(await exists('contact:paul')).toBe(false);
		const rows = await exported(PEOPLE.marc);
		expect(rows.find((row) => row.Contact === 'Paul Durand')).toMatchObject({ 'E-mail': '' });
		expect(JSON.stringify(rows)).not.toMatch(/pirate/);
	});

	it('a member cannot list a person under another structure', async () => {
		const intruder = { ...person('ivan-intrus', PIOCHE, { name: 'Ivan Intrus' }), structure: RELAIS };
		const { status, body } = await put(`${DB}/${intruder._id}`, intruder, PEOPLE.lea);
		expect(status).toBe(403);
		expect(body.reason).toBe('une personne figure dans l’annuaire de sa propre structure');
		expect(await exists(intruder._id)).toBe(false);
		expect(JSON.stringify(await exported(PEOPLE.animator))).not.toMatch(/Ivan Intrus/);
	});

	it('documents forged before these rules, already in the store, stay off the other structure’s line', async () => {
		const forged = [
			{ ...person('faux-frere', PIOCHE, { name: 'Faux Frère' }), structure: RELAIS },
			{ ...forgedContact, _id: 'contact:paul', email: 'ancien-pirate@la-pioche.test' },
		];
		const written = await server.stores.db.bulkDocs(forged);
		try {
			const rows = await exported(PEOPLE.animator);
			expect(rows.find((row) => row.Contact === 'Paul Durand')).toMatchObject({ 'E-mail': '' });
			expect(JSON.stringify(rows)).not.toMatch(/Faux Frère|ancien-pirate/);
		} finally {
			await server.stores.db.bulkDocs(
				written.map((w, i) => ({ _id: forged[i]._id, _rev: (w as { rev: string }).rev, _deleted: true })),
			);
		}
	});
});

/** `id` written as ID in an answer, so that the answers about two ids compare as text. */
function anonymous(answer: { status: number; body: unknown }, id: string) {
	return { status: answer.status, body: JSON.stringify(answer.body).replaceAll(id, 'ID') };
}

describe('a document the viewer may not read is answered exactly as a missing one (point 7)', () => {
	const NOWHERE = 'listing:jamais-ecrite';

	/** Every read route that names ids, asked about `id` at revision `rev`. */
	function asks(id: string, rev: string): [string, RequestInit][] {
		const doc = `${DB}/${encodeURIComponent(id)}`;
		const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));
		const post = (body: unknown): RequestInit => postJson(body);
		return [
			[`${DB}/_revs_diff`, post({ [id]: [rev, '9-c0ffee'] })],
			[`${DB}/_bulk_get?revs=true&latest=true`, post({ docs: [{ id }, { id, rev }] })],
			[`${DB}/_bulk_get`, post({ docs: [{ id }] })],
			[`${DB}/_bulk_get?revs=true`, post({ docs: [{ id, rev }] })],
			[`${DB}/_all_docs?include_docs=true&keys=${q([id])}`, {}],
			[`${DB}/_all_docs?conflicts=true`, post({ keys: [id] })],
			[`${doc}?open_revs=all`, {}],
			[`${doc}?open_revs=all&revs=true&latest=true`, {}],
			[`${doc}?open_revs=${q([rev])}`, {}],
			[`${doc}?revs=true`, {}],
			[`${doc}?conflicts=true`, {}],
			[`${doc}?revs_info=true`, {}],
			[`${doc}?rev=${rev}&latest=true`, {}],
			[`${doc}/photo-1.webp`, {}],
		];
	}

	async function compare(who: Who | undefined, hidden: string) {
		// The attacker knows the revision (an old copy, a guess): it changes nothing.
		const rev = await currentRev(hidden);
		const hiddenAsks = asks(hidden, rev);
		const nowhereAsks = asks(NOWHERE, rev);
		for (const [k, [path, init]] of hiddenAsks.entries()) {
			const about = await call(server, path, { ...init, as: who });
			const [otherPath, otherInit] = nowhereAsks[k];
			const missing = await call(server, otherPath, { ...otherInit, as: who });
			expect(anonymous(about, hidden), path).toEqual(anonymous(missing, NOWHERE));
		}
	}

	it('to a visitor, a members-only listing', async () => {
		await compare(undefined, 'listing:pioche-membres');
	});

	it('to another member, a structure’s own draft', async () => {
		await compare(PEOPLE.lea, 'listing:relais-brouillon');
	});

	it('to a visitor, a deleted members-only listing: the tombstone tells no more', async () => {
		const gone = listing('membres-effacee', RELAIS, { audience: 'members' });
		const created = await put(`${DB}/${gone._id}`, gone, PEOPLE.marc);
		const removed = await call(server, `${DB}/${gone._id}?rev=${created.body.rev}`, {
			method: 'DELETE',
			as: PEOPLE.marc,
		});
		expect(removed.status).toBe(200);
		const [path, init] = asks(gone._id, removed.body.rev as string)[0];
		const diff = await call(server, path, init);
		expect(diff.body).toEqual({ [gone._id]: { missing: [removed.body.rev, '9-c0ffee'] } });
		await compare(undefined, gone._id);
	});

	it('in a batch, the unreadable id keeps its place and its shape among readable ones', async () => {
		const docs = [{ id: 'listing:pioche-membres' }, { id: 'listing:pioche-velo' }, { id: NOWHERE }];
		const { body } = await call(server, `${DB}/_bulk_get?revs=true&latest=true`, postJson({ docs }));
		const results = body.results as { id: string; docs: Record<string, Record<string, unknown>>[] }[];
		expect(results.map((r) => r.id)).toEqual(docs.map((d) => d.id));
		expect(results[0].docs).toEqual([
			{ error: { id: 'listing:pioche-membres', error: 'not_found', reason: 'missing' } },
		]);
		expect(results[2].docs).toEqual([{ error: { id: NOWHERE, error: 'not_found', reason: 'missing' } }]);
		const diff = await call(
			server,
			`${DB}/_revs_diff`,
			postJson({
				'listing:pioche-membres': [await currentRev('listing:pioche-membres')],
				[NOWHERE]: ['1-abc'],
			}),
		);
		expect(Object.keys(diff.body)).toEqual(['listing:pioche-membres', NOWHERE]);
	});

	it('a conflicting revision the viewer may not read is left out of open_revs=all', async () => {
		const shown = listing('relais-deux-versions', RELAIS, { title: 'Version publique' });
		await server.stores.db.bulkDocs(
			[
				{ ...shown, _rev: '1-bbbb' },
				{ ...shown, title: 'Version interne', audience: 'owner', _rev: '1-aaaa' },
			],
			{ new_edits: false },
		);
		const { body } = await call(server, `${DB}/${shown._id}?open_revs=all`);
		expect(body).toEqual([{ ok: expect.objectContaining({ title: 'Version publique' }) }]);
		const asOwner = await call(server, `${DB}/${shown._id}?open_revs=all`, { as: PEOPLE.marc });
		expect(asOwner.body).toHaveLength(2);
	});

	it('asking the latest of a revision a document never had answers missing, and the server stays up', async () => {
		const id = 'listing:pioche-velo';
		const bulk = await call(
			server,
			`${DB}/_bulk_get?revs=true&latest=true`,
			postJson({ docs: [{ id, rev: '1-f00' }] }),
		);
		expect(bulk.body.results).toEqual([
			{ id, docs: [{ error: { id, rev: '1-f00', error: 'not_found', reason: 'missing' } }] },
		]);
		expect((await call(server, `${DB}/${id}?rev=1-f00&latest=true`)).status).toBe(404);
		const open = await call(server, `${DB}/${id}?latest=true&open_revs=${encodeURIComponent('["1-f00"]')}`);
		expect(open.body).toEqual([{ missing: '1-f00' }]);
		expect((await call(server, `${DB}/${id}`)).status).toBe(200);
	});
});

describe('a deleted document’s id stays its owner’s (point 8)', () => {
	/** Le Relais publishes a listing and deletes it; returns its live and deleted revisions. */
	async function publishedThenDeleted(key: string): Promise<{ id: string; live: string; tombstone: string }> {
		const theirs = listing(key, RELAIS, { title: 'Ancienne annonce du Relais' });
		const created = await put(`${DB}/${theirs._id}`, theirs, PEOPLE.marc);
		const removed = await call(server, `${DB}/${theirs._id}?rev=${created.body.rev}`, {
			method: 'DELETE',
			as: PEOPLE.marc,
		});
		return { id: theirs._id, live: created.body.rev as string, tombstone: removed.body.rev as string };
	}

	const hash = (rev: string) => rev.slice(rev.indexOf('-') + 1);

	it('a new edit after the deletion is refused to another structure, by PUT and by _bulk_docs', async () => {
		const { id } = await publishedThenDeleted('relais-reprise-simple');
		const mine: Listing = listing('relais-reprise-simple', PIOCHE, { title: 'Annonce de La Pioche' });
		const byPut = await put(`${DB}/${id}`, mine, PEOPLE.lea);
		expect(byPut).toMatchObject({ status: 403, body: { error: 'forbidden', reason: TAKEN } });
		expect((await bulkDocs([mine], PEOPLE.lea)).body).toEqual([{ id, error: 'forbidden', reason: TAKEN }]);
		expect(await exists(id)).toBe(false);
	});

	it('a replicated revision that would win (new_edits=false) is refused, on a new branch or on the tombstone’s', async () => {
		const { id, live, tombstone } = await publishedThenDeleted('relais-reprise-forcee');
		const mine = listing('relais-reprise-forcee', PIOCHE, { title: 'Annonce de La Pioche' });
		const newBranch = { ...mine, _rev: '9-9999', _revisions: { start: 9, ids: ['9999'] } };
		const onTombstone = {
			...mine,
			_rev: '3-3333',
			_revisions: { start: 3, ids: ['3333', hash(tombstone), hash(live)] },
		};
		const { body } = await bulkDocs([newBranch, onTombstone], PEOPLE.lea, false);
		expect(body).toEqual([
			{ id, error: 'forbidden', reason: TAKEN },
			{ id, error: 'forbidden', reason: TAKEN },
		]);
		const byPut = await put(`${DB}/${id}?new_edits=false`, newBranch, PEOPLE.lea);
		expect(byPut.status).toBe(403);
		// As a device pushes it: PouchDB reports it denied and goes on.
		const phone = device();
		await phone.bulkDocs([newBranch], { new_edits: false });
		const denied: unknown[] = [];
		const push = phone.replicate.to(remote(server, PEOPLE.lea));
		push.on('denied', (err) => denied.push(err));
		expect(await push).toMatchObject({ ok: true, doc_write_failures: 1 });
		expect(denied).toEqual([expect.objectContaining({ id, reason: TAKEN })]);
		// The tombstone still wins: old links to the Relais listing show nothing of La Pioche.
		expect((await call(server, `${DB}/${id}`)).status).toBe(404);
		expect(await server.stores.db.get(id, { open_revs: 'all' })).toEqual([
			{ ok: expect.objectContaining({ _rev: tombstone, _deleted: true }) },
		]);
		// Its owner may bring it back.
		const back = await put(`${DB}/${id}`, listing('relais-reprise-forcee', RELAIS), PEOPLE.marc);
		expect(back.status).toBe(201);
	});

	it('the owner stays known once the last live revision is gone (compacted): the tombstone keeps it', async () => {
		const { id } = await publishedThenDeleted('relais-compactee');
		await server.stores.db.compact();
		// The DELETE wrote a tombstone that says whose it was; compaction keeps it.
		expect(await server.stores.db.get(id, { rev: await currentRev(id) })).toMatchObject({
			_deleted: true,
			type: 'listing',
			owner: RELAIS,
		});
		expect((await bulkDocs([listing('relais-compactee', PIOCHE)], PEOPLE.lea)).body).toEqual([
			{ id, error: 'forbidden', reason: TAKEN },
		]);
		// As CouchDB leaves it after compaction, and as the index reads it after a restart.
		const bare = { _id: 'listing:relais-sans-historique', _deleted: true, type: 'listing', owner: RELAIS };
		await server.stores.db.put(bare);
		const mine = listing('relais-sans-historique', PIOCHE);
		expect((await bulkDocs([mine], PEOPLE.lea)).body).toEqual([
			{ id: mine._id, error: 'forbidden', reason: TAKEN },
		]);
	});
});

describe('a document holds 256 kB of JSON at most, attachments apart (point 9)', () => {
	/** A listing of Le Relais whose JSON is exactly `bytes` long. */
	function listingOf(key: string, bytes: number): Listing & { notes: string } {
		const doc = { ...listing(key, RELAIS), notes: '' };
		return { ...doc, notes: 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify(doc))) };
	}

	it('an 8 MB listing is refused with 413 and a French reason', async () => {
		const doc = listingOf('relais-enorme', 8 * 1024 * 1024);
		const { status, body } = await put(`${DB}/${doc._id}`, doc, PEOPLE.marc);
		expect(status).toBe(413);
		expect(body).toEqual({ error: 'too_large', reason: DOC_TOO_LARGE });
		expect(await exists(doc._id)).toBe(false);
	});

	it('in a batch, each document over the limit is refused alone and its neighbours are saved', async () => {
		const over = listingOf('relais-trop-grosse', MAX_DOC_BYTES + 1);
		const atLimit = listingOf('relais-au-bord', MAX_DOC_BYTES);
		const small = listing('relais-petite', RELAIS);
		const { body } = await bulkDocs([over, atLimit, small], PEOPLE.marc);
		expect(body).toEqual([
			{ id: over._id, error: 'forbidden', reason: DOC_TOO_LARGE },
			expect.objectContaining({ id: atLimit._id, ok: true }),
			expect.objectContaining({ id: small._id, ok: true }),
		]);
		const replicated = await bulkDocs([{ ...over, _rev: '1-0ver' }], PEOPLE.marc, false);
		expect(replicated.body).toEqual([{ id: over._id, error: 'forbidden', reason: DOC_TOO_LARGE }]);
		// Counted in UTF-8: 140,000 « é » are 280 kB.
		const accents = { ...listing('relais-accents', RELAIS), notes: 'é'.repeat(140_000) };
		expect((await bulkDocs([accents], PEOPLE.marc)).body).toEqual([
			{ id: accents._id, error: 'forbidden', reason: DOC_TOO_LARGE },
		]);
	});

	it('a photo does not count: a person with a 300 kB picture is saved, an oversized picture keeps its own limit', async () => {
		const webp = (bytes: number) => {
			const data = Buffer.alloc(bytes);
			data.write('RIFF', 0);
			data.write('WEBP', 8);
			return data.toString('base64');
		};
		const face = (key: string, bytes: number) => ({
			...person(key, RELAIS, { name: 'Portrait' }),
			_attachments: { 'photo.webp': { content_type: 'image/webp', data: webp(bytes) } },
		});
		const { body } = await bulkDocs(
			[face('relais-portrait', 300 * 1024), face('relais-geant', 500 * 1024)],
			PEOPLE.marc,
		);
		expect(body[0]).toMatchObject({ id: 'person:relais-portrait', ok: true });
		expect(body[1]).toMatchObject({
			id: 'person:relais-geant',
			error: 'forbidden',
			reason: expect.stringMatching(/trop lourde/),
		});
	});

	it('nothing over the limit reaches a reader, and a device’s push goes on past it', async () => {
		const phone = device();
		await phone.bulkDocs([
			listingOf('relais-poussee-grosse', MAX_DOC_BYTES + 10),
			listing('relais-poussee', RELAIS),
		]);
		const denied: { id?: string; reason?: string }[] = [];
		const push = phone.replicate.to(remote(server, PEOPLE.marc));
		push.on('denied', (err) => denied.push(err as { id?: string; reason?: string }));
		expect(await push).toMatchObject({ ok: true, docs_written: 1, doc_write_failures: 1 });
		expect(denied).toEqual([
			expect.objectContaining({ id: 'listing:relais-poussee-grosse', reason: DOC_TOO_LARGE }),
		]);
		const reader = device();
		await reader.replicate.from(remote(server, PEOPLE.lea));
		const held = await localIds(reader);
		expect(held).toContain('listing:relais-poussee');
		expect(held).toContain('listing:relais-au-bord');
		expect(held.filter((id) => /grosse|enorme|accents/.test(id))).toEqual([]);
	});
});
