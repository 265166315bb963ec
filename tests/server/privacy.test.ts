// RGPD over real HTTP: the export archive (a real SMTP conversation carries its link) holds the
// person's documents and photos and nothing of other people; an erasure reaches a device that was
// offline during it, its stale copy cannot be written back, and only the animator erases others.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningServer, type ServerApp, startServer } from '../../server/app';
import { type Auth, createAccount, createAuth } from '../../server/auth';
import { ERASED_REASON } from '../../server/couch/erased';
import { createLog } from '../../server/log';
import { createMailer } from '../../server/mail';
import { FORMER_MEMBER } from '../../server/privacy';
import { openStores, type Stores } from '../../server/store';
import type { Doc } from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	Client,
	contact,
	conversation,
	device,
	localIds,
	message,
	PASSWORD,
	PEOPLE,
	PIOCHE,
	person,
	postJson,
	RELAIS,
	type Who,
} from './helpers';
import { startSmtp, type TestSmtp } from './smtp';

const ZOE = { email: 'zoe@la-pioche.test', name: 'Zoé Essai', structureId: PIOCHE } satisfies Who;
const YVES = { email: 'yves@le-relais.test', name: 'Yves Essai', structureId: RELAIS } satisfies Who;
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 300 }, (_, i) => i % 251)]);

const talk = conversation('listing:pioche-velo', PIOCHE, RELAIS);
const zoeSays = message(talk, PIOCHE, 'Bonjour, ici Zoé : le vélo est encore là.', { authorName: ZOE.name });
const marcSays = message(talk, RELAIS, 'Texte secret de Marc, rien pour Zoé.', {
	authorName: 'Marc',
	createdAt: '2026-11-01T10:05:00.000Z',
});
const leaSays = message(talk, PIOCHE, 'Léa répond aussi, message de collègue.', {
	authorName: 'Léa Martin',
	createdAt: '2026-11-01T10:06:00.000Z',
});
const zoePerson = {
	...person('zoe', PIOCHE, { name: ZOE.name, role: 'Bénévole' }),
	_attachments: { 'photo.jpg': { content_type: 'image/jpeg', data: PHOTO.toString('base64') } },
};
const zoeContact = contact('zoe', PIOCHE, { email: ZOE.email, phone: '03 21 11 22 33' });
const yvesPerson = person('yves', RELAIS, { name: YVES.name, role: 'Trésorier' });
const yvesContact = contact('yves', RELAIS, { email: YVES.email, phone: '03 21 44 55 66' });
const ZOE_DOCS = [zoePerson._id, zoeContact._id];
const loneEntry = person('sans-compte', RELAIS, { name: 'Paul Sanscompte', role: 'Bénévole' });
const loneContact = contact('sans-compte', RELAIS, { email: 'paul@exemple.test', phone: '03 21 77 88 99' });

const DOCS = [
	...ALL_FIXTURE_DOCS,
	zoePerson,
	zoeContact,
	yvesPerson,
	yvesContact,
	loneEntry,
	loneContact,
	talk,
	zoeSays,
	marcSays,
	leaSays,
] as Doc[];

let stores: Stores;
let auth: Auth;
let composed: ServerApp;
let running: RunningServer;
let smtp: TestSmtp;
let dataDir: string;
/** The mail's download link of Zoé's archive (the first test). */
let mailedLink = '';
const dbUrl = () => `${running.url}/db/elbasar`;
const basic = (who: Who) => `Basic ${Buffer.from(`${who.email}:${PASSWORD}`).toString('base64')}`;

async function call(path: string, init: RequestInit & { as?: Who } = {}) {
	const headers = new Headers(init.headers);
	if (init.as) headers.set('authorization', basic(init.as));
	const res = await fetch(running.url + path, { ...init, headers });
	const bytes = new Uint8Array(await res.arrayBuffer());
	let body: unknown = null;
	try {
		body = JSON.parse(strFromU8(bytes));
	} catch {
		body = null;
	}
	return { res, status: res.status, bytes, body: body as Record<string, unknown> & unknown[] };
}

const remoteAs = (who: Who) =>
	new Client(dbUrl(), { auth: { username: who.email, password: PASSWORD } }) as PouchDB.Database;

beforeAll(async () => {
	smtp = await startSmtp();
	dataDir = mkdtempSync(join(tmpdir(), 'elbasar-privacy-'));
	stores = openStores({ memory: true });
	await stores.db.bulkDocs(DOCS as PouchDB.Core.PutDocument<object>[]);
	for (const who of [...Object.values(PEOPLE), ZOE, YVES])
		await createAccount(stores.accounts, { ...who, password: PASSWORD });
	auth = createAuth({ accounts: stores.accounts, db: stores.db });
	const mailer = createMailer({
		smtpUrl: smtp.url,
		from: 'elbasar@apes.test',
		outboxDir: join(dataDir, 'outbox'),
	});
	composed = createApp({
		stores,
		auth,
		log: createLog('error', () => {}),
		publicUrl: 'https://elbasar.test',
		privacy: { mailer, dataDir },
	});
	running = await startServer(composed, 0, '127.0.0.1');
});

afterAll(async () => {
	await running.close();
	auth.close();
	await stores.close();
	await smtp.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('« Télécharger mes données »', () => {
	it('builds the archive in the background, mails a 7-day link, and the ZIP holds only the person’s', async () => {
		const started = await call('/api/privacy/export', postJson({}, ZOE));
		expect(started.status).toBe(202);
		await composed.privacy?.settled();
		const [mail] = await smtp.waitFor(1);
		expect(mail.to).toEqual([ZOE.email]);
		expect(mail.parsed.subject).toBe('Vos données elBasar sont prêtes');
		const link = /https:\/\/elbasar\.test(\/api\/privacy\/export\/[A-Za-z0-9_-]+)/.exec(
			mail.parsed.text,
		)?.[1];
		expect(link).toBeTruthy();
		mailedLink = link as string;

		const state = await call('/api/privacy/export', { as: ZOE });
		expect(state.body.status).toBe('ready');
		const days = (Date.parse(state.body.expiresAt as string) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.9);
		expect(days).toBeLessThanOrEqual(7);

		// From the mail, without any session: the link alone opens it.
		const zip = await call(link as string);
		expect(zip.status).toBe(200);
		expect(zip.res.headers.get('cache-control')).toBe('no-store');
		expect(zip.res.headers.get('content-type')).toBe('application/zip');
		const files = unzipSync(zip.bytes);
		const names = Object.keys(files).sort();
		expect(names).toEqual(
			expect.arrayContaining([
				'compte.json',
				'person.json',
				'person.csv',
				'contact.json',
				'message.json',
				'message.csv',
			]),
		);
		expect(Buffer.from(files['photos/person_zoe/photo.jpg'])).toEqual(PHOTO);

		const account = JSON.parse(strFromU8(files['compte.json']));
		expect(account.email).toBe(ZOE.email);
		expect(account.passwordHash).toBeUndefined();
		expect(JSON.parse(strFromU8(files['person.json'])).map((d: { _id: string }) => d._id)).toEqual([
			zoePerson._id,
		]);
		expect(JSON.parse(strFromU8(files['contact.json']))[0].phone).toBe('03 21 11 22 33');
		expect(JSON.parse(strFromU8(files['message.json'])).map((d: { text: string }) => d.text)).toEqual([
			zoeSays.text,
		]);
		expect(strFromU8(files['person.csv'])).toContain(ZOE.name);

		// Nothing of other people, in any file: not Marc's nor Léa's messages, not their e-mails or entries.
		const everything = names
			.filter((n) => !n.startsWith('photos/'))
			.map((n) => strFromU8(files[n]))
			.join('\n');
		for (const foreign of [
			marcSays.text,
			leaSays.text,
			PEOPLE.lea.email,
			PEOPLE.marc.email,
			'Léa Martin',
			YVES.email,
		])
			expect(everything).not.toContain(foreign);
		expect(names.some((n) => n.startsWith('structure/'))).toBe(false);

		// The signed-in copy of the link, for the page.
		const mine = await call('/api/privacy/export/mine', { as: ZOE });
		expect(mine.status).toBe(200);
		expect(mine.bytes).toEqual(zip.bytes);
		// Someone else's session does not open it; a forged link is refused.
		expect((await call('/api/privacy/export/mine', { as: PEOPLE.lea })).status).toBe(404);
		expect((await call('/api/privacy/export/forged-token-forged-token-forged')).status).toBe(404);
	});
});

describe('« Supprimer mon compte »', () => {
	it('a wrong password erases nothing', async () => {
		const refused = await call('/api/privacy/erase', postJson({ password: 'pas-le-bon-mot' }, ZOE));
		expect(refused.status).toBe(403);
		expect(refused.body.reason).toMatch(/Mot de passe incorrect/);
		expect((await stores.db.get(zoePerson._id))._id).toBe(zoePerson._id);
	});

	it('erases the person everywhere: an offline device drops it at its next sync and cannot bring it back', async () => {
		// Léa's phone (a colleague of the same structure) holds Zoé's entry, contact and message, then goes offline.
		const phone = device();
		await phone.replicate.from(remoteAs(PEOPLE.lea));
		expect(await localIds(phone)).toEqual(expect.arrayContaining([...ZOE_DOCS, zoeSays._id]));
		const stale = await phone.get(zoePerson._id, { revs: true, attachments: true });
		const staleMessage = await phone.get(zoeSays._id, { revs: true });

		const erased = await call('/api/privacy/erase', postJson({ password: PASSWORD }, ZOE));
		expect(erased.status).toBe(200);
		expect(erased.body).toMatchObject({ ok: true, deleted: 2, anonymised: 1 });

		// On the server: the account cannot sign in, the entry is gone and its old body compacted away.
		expect((await call('/api/privacy/export', { as: ZOE })).status).toBe(401);
		await expect(stores.db.get(zoePerson._id)).rejects.toMatchObject({ status: 404 });
		const oldBody = await stores.db.get(zoePerson._id, { rev: stale._rev }).catch(() => null);
		expect(JSON.stringify(oldBody ?? {})).not.toContain(ZOE.name);
		expect(((await stores.db.get(zoeSays._id)) as unknown as { authorName: string }).authorName).toBe(
			FORMER_MEMBER,
		);

		// Back online, the phone syncs: none of Zoé's documents left, her message signed « ancien·ne membre ».
		await phone.replicate.from(remoteAs(PEOPLE.lea));
		const held = await localIds(phone);
		for (const id of ZOE_DOCS) expect(held).not.toContain(id);
		const kept = (await phone.get(zoeSays._id)) as unknown as { authorName: string; text: string };
		expect(kept).toMatchObject({ authorName: FORMER_MEMBER, text: zoeSays.text });

		// Its stale copies replayed as a replication does (new_edits:false) are refused, staff's too.
		for (const who of [PEOPLE.lea, PEOPLE.animator]) {
			const replay = await call(
				'/db/elbasar/_bulk_docs',
				postJson({ docs: [stale, staleMessage], new_edits: false }, who),
			);
			expect(replay.status).toBe(201);
			expect(replay.body).toEqual([
				{ id: zoePerson._id, error: 'forbidden', reason: ERASED_REASON },
				{ id: zoeSays._id, error: 'forbidden', reason: expect.stringMatching(/ancien·ne membre/) },
			]);
		}
		// A new revision on top of the stale one is refused as well.
		const { _revisions, _attachments, ...edit } = stale as unknown as Record<string, unknown>;
		const rewrite = await call(
			'/db/elbasar/_bulk_docs',
			postJson({ docs: [{ ...edit, role: 'Revenue' }] }, PEOPLE.lea),
		);
		expect(rewrite.body).toEqual([{ id: zoePerson._id, error: 'forbidden', reason: ERASED_REASON }]);
		await expect(stores.db.get(zoePerson._id)).rejects.toMatchObject({ status: 404 });
		// A PouchDB push of the stale phone is refused the same way, and the server keeps nothing.
		const other = device();
		await other.bulkDocs([stale], { new_edits: false });
		const pushed = await other.replicate.to(remoteAs(PEOPLE.lea));
		expect(pushed.doc_write_failures).toBe(1);
		await expect(stores.db.get(zoePerson._id)).rejects.toMatchObject({ status: 404 });
		// The archive's link (and file) went with the account.
		expect((await call(mailedLink)).status).toBe(404);
		expect(readdirSync(join(dataDir, 'exports'))).toEqual([]);
		const log = (await call('/api/privacy/erasures', { as: PEOPLE.animator })).body as { by: string }[];
		expect(log[0]).toMatchObject({ by: 'self', deleted: 2, anonymised: 1 });
	});
});

describe('the animator erases a person on request', () => {
	it('non-animators cannot erase others nor list accounts (403)', async () => {
		const asked = postJson(
			{ subject: `account:${YVES.email}`, reason: 'demande écrite du 2 décembre' },
			PEOPLE.marc,
		);
		const refused = await call('/api/privacy/erase-account', asked);
		expect(refused.status).toBe(403);
		expect(refused.body.reason).toMatch(/équipe du réseau/);
		expect((await call('/api/privacy/accounts', { as: PEOPLE.lea })).status).toBe(403);
		expect((await call('/api/privacy/erasures', { as: PEOPLE.lea })).status).toBe(403);
		expect((await call('/api/privacy/erase-account', { ...postJson({}), method: 'POST' })).status).toBe(403);
		expect((await stores.db.get(yvesPerson._id))._id).toBe(yvesPerson._id);
	});

	it('needs a reason, then erases and logs who, when and why — not the data', async () => {
		const list = await call('/api/privacy/accounts', { as: PEOPLE.animator });
		expect((list.body as { id: string }[]).map((a) => a.id)).toContain(`account:${YVES.email}`);
		const noReason = await call(
			'/api/privacy/erase-account',
			postJson({ subject: `account:${YVES.email}`, reason: ' ' }, PEOPLE.animator),
		);
		expect(noReason.status).toBe(400);
		expect((await stores.db.get(yvesPerson._id))._id).toBe(yvesPerson._id);

		const reason = 'demande écrite reçue le 2 décembre';
		const done = await call(
			'/api/privacy/erase-account',
			postJson({ subject: `account:${YVES.email}`, reason }, PEOPLE.animator),
		);
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({ ok: true, deleted: 2 });
		await expect(stores.db.get(yvesPerson._id)).rejects.toMatchObject({ status: 404 });
		await expect(stores.db.get(yvesContact._id)).rejects.toMatchObject({ status: 404 });
		await expect(stores.accounts.get(`account:${YVES.email}`)).rejects.toMatchObject({ status: 404 });

		const log = await call('/api/privacy/erasures', { as: PEOPLE.animator });
		expect(log.body[0]).toMatchObject({ by: `account:${PEOPLE.animator.email}`, reason, deleted: 2 });
		expect(Date.parse((log.body[0] as { at: string }).at)).toBeGreaterThan(Date.now() - 60_000);
		const written = JSON.stringify(log.body);
		for (const data of [YVES.email, YVES.name, 'yves', '03 21 44 55 66', 'Trésorier'])
			expect(written).not.toContain(data);
	});

	it('erases a directory entry without an account, and a device is told to drop it', async () => {
		const before = await call(
			'/db/elbasar/_drops',
			postJson({ held: [loneEntry._id, loneContact._id] }, PEOPLE.marc),
		);
		expect(before.body.drop).toEqual([]);
		const done = await call(
			'/api/privacy/erase-account',
			postJson(
				{ subject: loneEntry._id, reason: 'demande orale à l’apéro, confirmée par écrit' },
				PEOPLE.animator,
			),
		);
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({ ok: true, deleted: 2 });
		// A full check, and the journal's answer to a device that checked before the erasure.
		const held = await call(
			'/db/elbasar/_drops',
			postJson({ held: [loneEntry._id, loneContact._id] }, PEOPLE.marc),
		);
		expect((held.body.drop as string[]).sort()).toEqual([loneContact._id, loneEntry._id]);
		const since = await call(
			'/db/elbasar/_drops',
			postJson({ scope: before.body.scope, since: before.body.through }, PEOPLE.marc),
		);
		expect((since.body.drop as string[]).sort()).toEqual([loneContact._id, loneEntry._id]);
		const log = await call('/api/privacy/erasures', { as: PEOPLE.animator });
		expect(JSON.stringify(log.body)).not.toContain('Sanscompte');
	});
});
