// Reports, moderation, favourites and notices over real HTTP and real PouchDB replicas: who may
// write what is enforced by the server per document; a hidden listing or message leaves every
// device but its owner's (and staff's) at the next sync, and comes back when restored.
import { afterEach, describe, expect, it } from 'vitest';
import {
	conversationId,
	favouriteId,
	hideContent,
	type Listing,
	type Message,
	messageId,
	type Notice,
	newFavourite,
	type Report,
	restoreContent,
	withDecision,
} from '../../src/lib/domain';
import { checkDrops } from '../../src/lib/sync/drops';
import {
	ALL_FIXTURE_DOCS,
	basicHeader,
	call,
	conversation,
	device,
	report as fileReport,
	localIds,
	message,
	PEOPLE,
	PIOCHE,
	postJson,
	RELAIS,
	remote,
	useTestServer,
	type Who,
	notice as warning,
} from './helpers';

const LISTING = 'listing:pioche-velo';
const CONVERSATION = conversationId(LISTING, RELAIS);
const at = '2026-11-20T10:00:00.000Z';

const AT = { createdAt: at, updatedAt: at };

const thread = conversation(LISTING, PIOCHE, RELAIS, AT);
const insult = message(thread, PIOCHE, 'Un message injurieux', {
	...AT,
	_id: messageId(CONVERSATION, new Date(at), 'abc'),
	authorName: 'Léa',
});
const report = (by: string, over: Partial<Report> = {}) => fileReport(by, { ...AT, ...over });

// One server for the file (accounts take a while to create); tests reset the documents they change.
const server = useTestServer({ docs: [...ALL_FIXTURE_DOCS, thread, insult] });
/** Puts the listing and message back as the fixture has them (staff write, like a restore). */
afterEach(async () => {
	for (const original of [ALL_FIXTURE_DOCS.find((d) => d._id === LISTING), insult]) {
		const current = await server.stores.db.get(original?._id ?? '');
		await server.stores.db.put({ ...original, _rev: current._rev });
	}
});

/** Writes documents as `who`; the per-document answers. */
async function write(who: Who, docs: unknown[]) {
	const { status, body } = await call(server, '/db/elbasar/_bulk_docs', postJson({ docs }, who));
	expect(status).toBe(201);
	return body as unknown as { id: string; ok?: boolean; error?: string; reason?: string }[];
}
const stored = <T>(id: string) => server.stores.db.get(id) as Promise<T & { _rev: string }>;

/** What the app does at each sync: pull, then drop what left the user's audience. */
async function sync(db: PouchDB.Database, who: Who) {
	await db.replicate.from(remote(server, who));
	return checkDrops(db, { url: server.dbUrl, init: { headers: { authorization: basicHeader(who) } } });
}

describe('reports', () => {
	it('a member reports a listing; the report reaches the reporter’s structure and staff only', async () => {
		const sent = report(RELAIS);
		expect(await write(PEOPLE.marc, [sent])).toEqual([{ id: sent._id, ok: true, rev: expect.any(String) }]);
		for (const [who, sees] of [
			[PEOPLE.marc, true],
			[PEOPLE.animator, true],
			[PEOPLE.lea, false],
			[PEOPLE.nina, false],
		] as const) {
			const phone = device();
			await phone.replicate.from(remote(server, who));
			expect((await localIds(phone)).includes(sent._id)).toBe(sees);
		}
	});

	it('a report is sent once, open, in one’s own name, about a content one can see', async () => {
		const cases: [Report, RegExp][] = [
			[report(RELAIS, { status: 'closed' }), /seule l’équipe du réseau traite/],
			[report(RELAIS, { decisions: [{ action: 'hide', at, by: 'Marc', reason: '' }] }), /traite/],
			[report(PIOCHE), /au nom de votre structure/],
			[report(RELAIS, { audience: 'public' }), /reste entre votre structure et l’équipe/],
			[report(RELAIS, { targetOwner: RELAIS, target: 'listing:relais-local' }), /celui de votre structure/],
			[report(RELAIS, { target: 'listing:inconnue' }), /contenu signalé inconnu/],
			[report(RELAIS, { targetOwner: 'structure:les-jardins' }), /contenu signalé inconnu/],
			[report('structure:les-jardins', { target: insult._id }), /ne vous est pas adressé/],
			[report(RELAIS, { reason: 'other', details: '' }), /précisez la raison/],
		];
		for (const [doc, reason] of cases) {
			const who = doc.owner === 'structure:les-jardins' ? PEOPLE.nina : PEOPLE.marc;
			const target = doc.target === insult._id ? { targetOwner: PIOCHE } : {};
			const [outcome] = await write(who, [{ ...doc, ...target }]);
			expect(outcome.error, doc._id).toBe('forbidden');
			expect(outcome.reason).toMatch(reason);
		}
		const sent = report(RELAIS);
		await write(PEOPLE.marc, [sent]);
		const [edit] = await write(PEOPLE.marc, [
			{ ...(await stored<Report>(sent._id)), details: 'Autre chose' },
		]);
		expect(edit).toMatchObject({ error: 'forbidden', reason: 'un signalement envoyé ne se modifie plus' });
	});

	it('a participant reports a message of the conversation', async () => {
		const sent = report(RELAIS, { target: insult._id, conversation: CONVERSATION, excerpt: insult.text });
		expect((await write(PEOPLE.marc, [sent]))[0].ok).toBe(true);
	});
});

describe('hiding and restoring', () => {
	it('staff hide a listing: every device but the owner’s drops it, restoring brings it back', async () => {
		const marc = device();
		const lea = device();
		await sync(marc, PEOPLE.marc);
		await sync(lea, PEOPLE.lea);
		expect(await localIds(marc)).toContain(LISTING);

		const sent = report(RELAIS);
		await write(PEOPLE.marc, [sent]);
		const listing = await stored<Listing>(LISTING);
		const hidden = hideContent(listing, 'Anne', 'Annonce trompeuse', sent._id, new Date(at));
		const decided = withDecision(await stored<Report>(sent._id), {
			action: 'hide',
			at,
			by: 'Anne',
			reason: 'Annonce trompeuse',
		});
		expect((await write(PEOPLE.animator, [hidden, decided])).every((o) => o.ok)).toBe(true);

		expect((await sync(marc, PEOPLE.marc)).dropped).toEqual([LISTING]);
		expect(await localIds(marc)).not.toContain(LISTING);
		// The reporter sees the decision on the report; the owner keeps the listing, and why.
		expect((await marc.get<Report>(sent._id)).decisions?.[0]).toMatchObject({ action: 'hide', by: 'Anne' });
		await sync(lea, PEOPLE.lea);
		expect((await lea.get<Listing>(LISTING)).hidden).toMatchObject({
			by: 'Anne',
			reason: 'Annonce trompeuse',
			previousAudience: 'public',
		});
		const visitor = await call(server, `/db/elbasar/${LISTING}`);
		expect(visitor.status).toBe(404);

		await write(PEOPLE.animator, [restoreContent(await stored<Listing>(LISTING))]);
		await sync(marc, PEOPLE.marc);
		expect((await marc.get<Listing>(LISTING)).audience).toBe('public');
		const back = await stored<Listing>(LISTING);
		expect(back.audience).toBe('public');
		expect(back.hidden).toBeUndefined();
	});

	it('the owner cannot hide, unhide or widen a hidden listing; editing its text is still allowed', async () => {
		const listing = await stored<Listing>(LISTING);
		const [self] = await write(PEOPLE.lea, [hideContent(listing, 'Léa', 'Je me masque')]);
		expect(self).toMatchObject({
			error: 'forbidden',
			reason: 'seule l’équipe du réseau masque ou rétablit un contenu',
		});

		await write(PEOPLE.animator, [hideContent(listing, 'Anne', 'Hors sujet')]);
		const hidden = await stored<Listing>(LISTING);
		const attempts = [
			restoreContent(hidden),
			{ ...hidden, audience: 'public' },
			{ ...hidden, hidden: { ...hidden.hidden, reason: 'Rien' } },
		];
		for (const attempt of attempts) {
			const [outcome] = await write(PEOPLE.lea, [attempt]);
			expect(outcome.error).toBe('forbidden');
		}
		const [edit] = await write(PEOPLE.lea, [{ ...hidden, text: 'Texte corrigé' }]);
		expect(edit.ok).toBe(true);
		expect((await stored<Listing>(LISTING)).audience).toBe('owner');
	});

	it('a hidden document stays with its owner, even when staff write it', async () => {
		const listing = await stored<Listing>(LISTING);
		const [wide] = await write(PEOPLE.animator, [
			{ ...hideContent(listing, 'Anne', 'x'), audience: 'public' },
		]);
		expect(wide).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/masquée reste réservée/),
		});
	});

	it('staff hide a message: the other participant’s device drops it, its author keeps it', async () => {
		const marc = device();
		await sync(marc, PEOPLE.marc);
		expect(await localIds(marc)).toContain(insult._id);
		await write(PEOPLE.animator, [hideContent(await stored<Message>(insult._id), 'Anne', 'Injurieux')]);
		expect((await sync(marc, PEOPLE.marc)).dropped).toEqual([insult._id]);
		const lea = device();
		await sync(lea, PEOPLE.lea);
		expect((await lea.get<Message>(insult._id)).hidden?.reason).toBe('Injurieux');
	});
});

describe('favourites', () => {
	it('a structure keeps favourites only its own accounts receive, and removes them', async () => {
		const fav = newFavourite(RELAIS, LISTING);
		expect(fav._id).toBe(favouriteId(RELAIS, LISTING));
		expect((await write(PEOPLE.marc, [fav]))[0].ok).toBe(true);
		const lea = device();
		await lea.replicate.from(remote(server, PEOPLE.lea));
		expect(await localIds(lea)).not.toContain(fav._id);
		const marc = device();
		await marc.replicate.from(remote(server, PEOPLE.marc));
		expect(await localIds(marc)).toContain(fav._id);

		const forged = [
			{ ...newFavourite(PIOCHE, LISTING) },
			{ ...newFavourite(RELAIS, 'listing:relais-local'), listing: LISTING },
			{ ...newFavourite(RELAIS, 'listing:relais-local'), audience: 'public' },
		];
		for (const doc of forged) expect((await write(PEOPLE.marc, [doc]))[0].error).toBe('forbidden');

		const [removed] = await write(PEOPLE.marc, [
			{ _id: fav._id, _rev: (await stored(fav._id))._rev, _deleted: true },
		]);
		expect(removed.ok).toBe(true);
		// Starred again later on the device (the app puts it without a revision, over the tombstone).
		await marc.replicate.from(remote(server, PEOPLE.marc));
		await expect(marc.get(fav._id)).rejects.toMatchObject({ status: 404 });
		await marc.put(newFavourite(RELAIS, LISTING));
		const pushed = await marc.replicate.to(remote(server, PEOPLE.marc));
		expect(pushed.doc_write_failures).toBe(0);
		expect((await stored<{ listing: string }>(fav._id)).listing).toBe(LISTING);
	});
});

describe('notices', () => {
	const notice = warning('avertissement', PIOCHE, { ...AT, subject: LISTING });

	it('only staff send notices; the structure marks its own read, changes nothing else', async () => {
		expect((await write(PEOPLE.lea, [notice]))[0]).toMatchObject({ error: 'forbidden' });
		expect((await write(PEOPLE.animator, [notice]))[0].ok).toBe(true);
		const current = await stored<Notice>(notice._id);
		expect((await write(PEOPLE.marc, [{ ...current, readAt: at }]))[0]).toMatchObject({ error: 'forbidden' });
		expect((await write(PEOPLE.lea, [{ ...current, text: 'Rien' }]))[0]).toMatchObject({
			error: 'forbidden',
		});
		expect((await write(PEOPLE.lea, [{ ...current, mailedAt: at }]))[0]).toMatchObject({
			error: 'forbidden',
		});
		const [read] = await write(PEOPLE.lea, [{ ...current, readAt: at, updatedAt: at }]);
		expect(read.ok).toBe(true);
	});
});
