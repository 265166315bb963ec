// Sign-up of non-member structures over real HTTP, with the mails through a real SMTP conversation
// on loopback: the form, the address check, the animator's queue and its three answers, and what a
// bot, a flood, a bad SIRET or an address already in use meet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { createMailer, type Mailer } from '../../server/mail';
import { SIGNUPS_PER_HOUR } from '../../server/signup/limit';
import { TERMS_VERSION } from '../../src/lib/domain/terms';
import { call, PEOPLE, PIOCHE, postJson, startTestServer, type TestServer } from './helpers';
import { type ReceivedMail, startSmtp, type TestSmtp } from './smtp';

let server: TestServer;
let smtp: TestSmtp;
let mailer: Mailer;
const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-signup-'));

beforeAll(async () => {
	smtp = await startSmtp();
	mailer = createMailer(loadConfig({ DATA_DIR: dataDir, SMTP_URL: smtp.url }).mail);
	// The tests speak for several networks through X-Forwarded-For from the loopback "proxy".
	server = await startTestServer({ signup: { mailer, trustedProxies: ['127.0.0.1'] } });
});

afterAll(async () => {
	await server.close();
	mailer.close();
	await smtp.close();
	rmSync(dataDir, { recursive: true, force: true });
});

let network = 0;
/** Each test its own network, so the hourly limit of one does not reach the others. */
const nextNetwork = () => `203.0.113.${++network}`;

const PASSWORD = 'cerise vélo planète 42';

function form(overrides: Record<string, unknown> = {}) {
	return {
		structureName: 'Les Ateliers du Canal',
		identifier: '732 829 320 00074',
		legalForm: 'association',
		sector: 'alimentation',
		employees: '2-10',
		commune: '62041',
		contactName: 'Inès Martin',
		email: 'ines@ateliers-canal.test',
		password: PASSWORD,
		consent: true,
		termsVersion: TERMS_VERSION,
		leaveEmpty: '',
		...overrides,
	};
}

function signUp(body: unknown, from = nextNetwork()) {
	const init = postJson(body);
	return call(server, '/api/signup', { ...init, headers: { ...init.headers, 'x-forwarded-for': from } });
}

/** Waits for the next mail to `to` and returns it. */
async function mailTo(to: string): Promise<ReceivedMail> {
	const seen = smtp.messages.length;
	for (let count = seen + 1; ; count++) {
		await smtp.waitFor(count);
		const found = smtp.messages.slice(seen).find((m) => m.to.includes(to));
		if (found) return found;
	}
}

const tokenOf = (mail: ReceivedMail) => {
	const link = /\/inscription\/confirmer#([A-Za-z0-9_-]+)/.exec(mail.parsed.text);
	if (!link) throw new Error(`pas de lien dans : ${mail.parsed.text}`);
	return link[1];
};

const signIn = (email: string, password: string) =>
	call(server, '/api/session', postJson({ email, password }));

async function structuresNamed(name: string) {
	const { rows } = await server.stores.db.allDocs({
		startkey: 'structure:',
		endkey: 'structure:\ufff0',
		include_docs: true,
	});
	return rows.map((r) => r.doc as unknown as { _id: string; name: string }).filter((d) => d.name === name);
}

/** Signs up `email` and follows the link of its mail: the application is then in the queue. */
async function confirmed(overrides: Record<string, unknown>) {
	const body = form(overrides);
	const mailed = mailTo(body.email as string);
	expect((await signUp(body)).status).toBe(202);
	const confirm = await call(server, '/api/signup/confirm', postJson({ token: tokenOf(await mailed) }));
	expect(confirm.status).toBe(200);
	const queue = await call(server, '/api/signup/applications', { as: PEOPLE.animator });
	const entry = (queue.body.applications as { id: string; contact: { email: string } }[]).find(
		(a) => a.contact.email === body.email,
	);
	if (!entry) throw new Error('demande absente de la file');
	return entry;
}

describe('sign-up of a non-member structure', () => {
	it('mails a link; once followed the application waits in the queue; accepted, the structure is in the directory as non-member and the person signs in', async () => {
		const body = form();
		const mailed = mailTo(body.email);
		const answer = await signUp(body);
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({ ok: true });
		const mail = await mailed;
		expect(mail.parsed.subject).toBe('elBasar : confirmez votre adresse e-mail');
		expect(mail.parsed.text).toContain('Les Ateliers du Canal');
		expect(mail.parsed.html).toContain('/inscription/confirmer#');

		// Before the link: nothing in the queue, no account to sign in with.
		const before = await call(server, '/api/signup/applications', { as: PEOPLE.animator });
		expect(before.status).toBe(200);
		expect(before.body.applications).toEqual([]);
		expect((await signIn(body.email, PASSWORD)).status).toBe(401);

		const token = tokenOf(mail);
		const confirm = await call(server, '/api/signup/confirm', postJson({ token }));
		expect(confirm.status).toBe(200);
		expect(confirm.body).toMatchObject({ ok: true, structure: 'Les Ateliers du Canal' });
		// The link works once.
		const again = await call(server, '/api/signup/confirm', postJson({ token }));
		expect(again.status).toBe(410);
		expect(again.body.reason).toMatch(/déjà servi/);

		const queue = await call(server, '/api/signup/applications', { as: PEOPLE.animator });
		const applications = queue.body.applications as Record<string, unknown>[];
		expect(applications).toHaveLength(1);
		expect(applications[0]).toMatchObject({
			status: 'pending',
			structure: {
				name: 'Les Ateliers du Canal',
				identifier: '73282932000074',
				identifierKind: 'siret',
				legalForm: 'association',
				commune: '62041',
			},
			contact: { name: 'Inès Martin', email: body.email },
			consent: { version: TERMS_VERSION },
		});
		expect(applications[0]).not.toHaveProperty('passwordHash');
		expect(typeof (applications[0].consent as { at: string }).at).toBe('string');
		// Not in the directory while it waits.
		expect(await structuresNamed('Les Ateliers du Canal')).toEqual([]);

		// Confirmed, the account signs in already, as non-member without a structure.
		const early = await signIn(body.email, PASSWORD);
		expect(early.status).toBe(200);
		expect(early.body.user).toMatchObject({ role: 'non-member', structureId: null });

		const acceptedMail = mailTo(body.email);
		const id = encodeURIComponent(applications[0].id as string);
		const accept = await call(server, `/api/signup/applications/${id}/accept`, {
			...postJson({}),
			as: PEOPLE.animator,
		});
		expect(accept.status).toBe(200);
		const structureId = accept.body.structureId as string;
		expect(structureId).toBe('structure:les-ateliers-du-canal');
		expect((await acceptedMail).parsed.subject).toBe('elBasar : votre inscription est acceptée');

		// In the directory, as a visitor reads it, with its membership saying non-member.
		const doc = await call(server, `/db/elbasar/${encodeURIComponent(structureId)}`);
		expect(doc.status).toBe(200);
		expect(doc.body).toMatchObject({
			type: 'structure',
			name: 'Les Ateliers du Canal',
			legalForm: 'association',
			commune: '62041',
			sectors: ['alimentation'],
			siret: '73282932000074',
			audience: 'public',
		});
		const membership = await call(server, '/db/elbasar/membership%3Ales-ateliers-du-canal');
		expect(membership.body).toMatchObject({ status: 'none', structure: structureId });

		const session = await signIn(body.email, PASSWORD);
		expect(session.status).toBe(200);
		expect(session.body.user).toMatchObject({ role: 'non-member', structureId, email: body.email });

		expect(
			(await call(server, '/api/signup/applications', { as: PEOPLE.animator })).body.applications,
		).toEqual([]);
		// A decision is taken once.
		const twice = await call(server, `/api/signup/applications/${id}/accept`, {
			...postJson({}),
			as: PEOPLE.animator,
		});
		expect(twice.status).toBe(409);
	});

	it('refused, a structure is not in the directory and the applicant gets the reason by mail', async () => {
		const entry = await confirmed({
			structureName: 'Vente Express',
			identifier: 'W595012345',
			legalForm: 'sarl',
			email: 'contact@vente-express.test',
		});
		const id = encodeURIComponent(entry.id);
		const empty = await call(server, `/api/signup/applications/${id}/refuse`, {
			...postJson({ reason: '  ' }),
			as: PEOPLE.animator,
		});
		expect(empty.status).toBe(400);
		expect(empty.body.reason).toMatch(/Motif du refus obligatoire/);

		const mailed = mailTo('contact@vente-express.test');
		const refuse = await call(server, `/api/signup/applications/${id}/refuse`, {
			...postJson({ reason: 'Une société de vente en ligne ne relève pas de l’ESS.' }),
			as: PEOPLE.animator,
		});
		expect(refuse.status).toBe(200);
		const mail = await mailed;
		expect(mail.parsed.subject).toBe('elBasar : votre demande d’inscription');
		expect(mail.parsed.text).toContain('Motif : Une société de vente en ligne ne relève pas de l’ESS.');
		expect(await structuresNamed('Vente Express')).toEqual([]);
		const queue = await call(server, '/api/signup/applications', { as: PEOPLE.animator });
		expect(queue.body.applications).toEqual([]);
	});

	it('attached to an existing directory entry, the account joins that structure', async () => {
		const entry = await confirmed({ structureName: 'La Pioche', email: 'paul@la-pioche.test' });
		const id = encodeURIComponent(entry.id);
		const unknown = await call(server, `/api/signup/applications/${id}/attach`, {
			...postJson({ structure: 'structure:nulle-part' }),
			as: PEOPLE.animator,
		});
		expect(unknown.status).toBe(400);
		const attach = await call(server, `/api/signup/applications/${id}/attach`, {
			...postJson({ structure: PIOCHE }),
			as: PEOPLE.animator,
		});
		expect(attach.status).toBe(200);
		const session = await signIn('paul@la-pioche.test', PASSWORD);
		expect(session.body.user).toMatchObject({ structureId: PIOCHE });
		expect(await structuresNamed('La Pioche')).toHaveLength(1);
	});

	it('answers a filled honeypot as a success and does nothing', async () => {
		const sent = smtp.messages.length;
		const answer = await signUp(form({ email: 'bot@spam.test', leaveEmpty: 'http://spam.test' }));
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({ ok: true });
		expect(await server.stores.accounts.get('signup:bot@spam.test').catch((e) => e.status)).toBe(404);
		// A real sign-up after it is mailed first: nothing was sent to the bot.
		const mailed = mailTo('after-bot@ateliers.test');
		await signUp(form({ email: 'after-bot@ateliers.test' }));
		await mailed;
		expect(smtp.messages.slice(sent).map((m) => m.to[0])).toEqual(['after-bot@ateliers.test']);
	});

	it('limits the sign-ups of one network to a few an hour', async () => {
		const from = nextNetwork();
		for (let i = 0; i < SIGNUPS_PER_HOUR; i++)
			expect((await signUp(form({ email: `flood${i}@flood.test` }), from)).status).toBe(202);
		const refused = await signUp(form({ email: 'flood-last@flood.test' }), from);
		expect(refused.status).toBe(429);
		expect(refused.body.reason).toBe('Trop d’inscriptions depuis votre réseau. Réessayez dans une heure.');
		expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
		// Another network is not held back.
		expect((await signUp(form({ email: 'flood-other@flood.test' }))).status).toBe(202);
	});

	it('refuses an invalid SIRET, a weak password, a missing consent with the reason, and stores nothing', async () => {
		const bad = await signUp(form({ identifier: '73282932000075', email: 'bad@siret.test' }));
		expect(bad.status).toBe(400);
		expect(bad.body.reason).toMatch(/^Ce SIRET n’est pas valide/);
		const format = await signUp(form({ identifier: '1234', email: 'bad@siret.test' }));
		expect(format.body.reason).toMatch(/un SIRET compte 14 chiffres/);
		const weak = await signUp(form({ password: 'motdepasse', email: 'bad@siret.test' }));
		expect(weak.status).toBe(400);
		expect(weak.body.reason).toMatch(/Mot de passe/);
		const consent = await signUp(form({ consent: false, email: 'bad@siret.test' }));
		expect(consent.status).toBe(400);
		expect(consent.body.reason).toMatch(/^L’accord avec les conditions/);
		const commune = await signUp(form({ commune: '75056', email: 'bad@siret.test' }));
		expect(commune.body.reason).toMatch(/commune inconnue/i);
		expect(await server.stores.accounts.get('signup:bad@siret.test').catch((e) => e.status)).toBe(404);
	});

	it('answers an address that already has an account as a success, and mails its owner', async () => {
		const mailed = mailTo(PEOPLE.lea.email);
		const answer = await signUp(form({ email: PEOPLE.lea.email }));
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({ ok: true });
		const mail = await mailed;
		expect(mail.parsed.subject).toBe('elBasar : votre adresse a déjà un compte');
		expect(mail.parsed.text).toContain('/connexion');
		expect(await server.stores.accounts.get(`signup:${PEOPLE.lea.email}`).catch((e) => e.status)).toBe(404);
	});

	it('keeps the queue and its decisions to the animators: 403 for anyone else', async () => {
		for (const as of [PEOPLE.lea, undefined]) {
			const list = await call(server, '/api/signup/applications', { as });
			expect(list.status).toBe(403);
			expect(list.body.reason).toBe('Les demandes d’inscription sont réservées à l’équipe d’animation.');
			const accept = await call(server, '/api/signup/applications/signup%3Ax%40y.test/accept', {
				...postJson({}),
				as,
			});
			expect(accept.status).toBe(403);
		}
	});

	it('refuses a forged or missing confirmation token with a clear reason', async () => {
		const forged = await call(server, '/api/signup/confirm', postJson({ token: 'a'.repeat(43) }));
		expect(forged.status).toBe(404);
		expect(forged.body.reason).toMatch(/Ce lien n’est pas valable/);
		const missing = await call(server, '/api/signup/confirm', postJson({}));
		expect(missing.status).toBe(404);
	});
});
