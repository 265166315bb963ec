// Invitations over real HTTP with a real SMTP conversation on loopback: the mail arrives, its link
// sets a password and signs the person in; a spent, expired, revoked or forged link changes nothing;
// who may invite, resend, revoke, remove and change roles; the directory import's « inviter »; and a
// person removed from a structure whose device drops the members' documents at its next sync.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../server/mail';
import { checkDrops } from '../../src/lib/sync/drops';
import {
	Client,
	call,
	device,
	localIds,
	PEOPLE,
	postJson,
	RELAIS,
	startTestServer,
	type TestServer,
	type Who,
} from './helpers';
import { startSmtp, type TestSmtp } from './smtp';

const PUBLIC_URL = 'https://elbasar.example.org';
const DAY = 24 * 3600 * 1000;
const STRONG = 'Cabane-horizon-lilas-47';

let smtp: TestSmtp;
let mailer: Mailer;
let server: TestServer;
let clock = Date.now();

beforeAll(async () => {
	smtp = await startSmtp();
	mailer = createMailer({ smtpUrl: smtp.url, from: 'elBasar <reseau@apes.test>', outboxDir: '/nonexistent' });
});
afterAll(async () => {
	mailer.close();
	await smtp.close();
});
// Each test changes accounts and rights: each gets its own server.
beforeEach(async () => {
	clock = Date.now();
	smtp.messages.length = 0;
	server = await startTestServer({ mailer, publicUrl: PUBLIC_URL, auth: { now: () => clock } });
	return () => server.close();
});

const basic = (email: string, password: string) =>
	`Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

/** Invites through the API as `as` (a fixture person) or with a session cookie. */
function invite(structure: string, body: Record<string, unknown>, auth: { as?: Who; cookie?: string }) {
	const init = postJson(body, auth.as);
	if (auth.cookie) init.headers = { ...init.headers, cookie: auth.cookie };
	return call(server, `/api/structures/${structure.replace('structure:', '')}/invitations`, init);
}

/** The token of the n-th mail's invitation link (the link is absolute, the token in the fragment). */
async function linkToken(count: number): Promise<string> {
	const mails = await smtp.waitFor(count);
	const mail = mails[count - 1];
	const match = mail.parsed.text.match(/https:\/\/elbasar\.example\.org\/invitation#([A-Za-z0-9_-]+)/);
	expect(match, mail.parsed.text).not.toBeNull();
	return match?.[1] as string;
}

async function accept(token: string, password = STRONG) {
	return call(server, '/api/invitation/accept', postJson({ token, password }));
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

async function team(structure: string, as = PEOPLE.animator) {
	const { body } = await call(server, `/api/structures/${structure.replace('structure:', '')}/team`, { as });
	return body.people as { email: string; status: string; structureRole: string }[];
}

/** Invites `email` to Le Relais as the animator and sets its password: a signed-in account. */
async function invited(email: string, role: 'admin' | 'member') {
	const before = smtp.messages.length;
	expect(
		(await invite(RELAIS, { name: `Personne ${role}`, email, role }, { as: PEOPLE.animator })).status,
	).toBe(202);
	const done = await accept(await linkToken(before + 1));
	expect(done.status).toBe(200);
	return { email, cookie: cookieOf(done.res) };
}

describe('an invitation', () => {
	it('arrives by e-mail, its link sets a password and signs the person in; the same link again is refused', async () => {
		const sent = await invite(
			RELAIS,
			{ name: 'Zoé Martin', email: 'Zoe@Le-Relais.test' },
			{ as: PEOPLE.animator },
		);
		expect(sent.status).toBe(202);
		const token = await linkToken(1);
		const [mail] = smtp.messages;
		expect(mail.to).toEqual(['zoe@le-relais.test']);
		expect(mail.parsed.subject).toBe('Invitation à rejoindre Le Relais sur elBasar');
		expect(mail.parsed.text).toContain('Bonjour Zoé Martin,');
		expect(mail.parsed.html).toContain(`href="${PUBLIC_URL}/invitation#${token}"`);
		expect(await team(RELAIS)).toContainEqual(
			expect.objectContaining({ email: 'zoe@le-relais.test', status: 'invited' }),
		);

		const peek = await call(server, '/api/invitation/peek', postJson({ token }));
		expect(peek.status).toBe(200);
		expect(peek.body).toMatchObject({
			name: 'Zoé Martin',
			email: 'zoe@le-relais.test',
			structure: { id: RELAIS, name: 'Le Relais' },
			inviter: 'Anne',
		});

		// A weak password is refused with its reason, and the link still works.
		const weak = await accept(token, 'motdepasse');
		expect(weak.status).toBe(400);
		expect(weak.body.reason).toMatch(/Mot de passe/);
		expect((await call(server, '/api/invitation/peek', postJson({ token }))).status).toBe(200);

		const done = await accept(token);
		expect(done.status).toBe(200);
		const cookie = cookieOf(done.res);
		expect(cookie).toMatch(/^elbasar_session=/);
		const session = await call(server, '/api/session', { headers: { cookie } });
		expect(session.body.user).toMatchObject({
			email: 'zoe@le-relais.test',
			role: 'member',
			structureId: RELAIS,
		});
		expect(await team(RELAIS)).toContainEqual(
			expect.objectContaining({ email: 'zoe@le-relais.test', status: 'active' }),
		);

		const again = await accept(token, 'Une-autre-phrase-secrete-9');
		expect(again.status).toBe(410);
		expect(again.body.reason).toBe(
			'Ce lien a déjà servi : il ne vaut qu’une fois. Demandez-en un nouveau si besoin.',
		);
		// The password is still the first one.
		const signIn = await call(
			server,
			'/api/session',
			postJson({ email: 'zoe@le-relais.test', password: STRONG }),
		);
		expect(signIn.status).toBe(200);
	});

	it('expires after 7 days: refused with its reason, nothing changes, « expiré » until resent', async () => {
		await invite(RELAIS, { name: 'Yves', email: 'yves@le-relais.test' }, { as: PEOPLE.animator });
		const old = await linkToken(1);
		clock += 7 * DAY + 1000;
		const late = await accept(old);
		expect(late.status).toBe(410);
		expect(late.body.reason).toBe('Ce lien a expiré : demandez-en un nouveau.');
		expect(await team(RELAIS)).toContainEqual(
			expect.objectContaining({ email: 'yves@le-relais.test', status: 'expired' }),
		);
		const signIn = await call(
			server,
			'/api/session',
			postJson({ email: 'yves@le-relais.test', password: STRONG }),
		);
		expect(signIn.status).toBe(401);

		const resent = await call(
			server,
			'/api/structures/le-relais/team/resend',
			postJson({ email: 'yves@le-relais.test' }, PEOPLE.animator),
		);
		expect(resent.status).toBe(200);
		const fresh = await linkToken(2);
		expect(fresh).not.toBe(old);
		expect(await team(RELAIS)).toContainEqual(
			expect.objectContaining({ email: 'yves@le-relais.test', status: 'invited' }),
		);
		expect((await accept(fresh)).status).toBe(200);
	});

	it('a resend revokes the previous link; a revoked invitation is gone; a forged token is refused', async () => {
		await invite(RELAIS, { name: 'Xavier', email: 'xavier@le-relais.test' }, { as: PEOPLE.animator });
		const first = await linkToken(1);
		await call(
			server,
			'/api/structures/le-relais/team/resend',
			postJson({ email: 'xavier@le-relais.test' }, PEOPLE.animator),
		);
		const second = await linkToken(2);
		const stale = await call(server, '/api/invitation/peek', postJson({ token: first }));
		expect(stale.status).toBe(410);
		expect(stale.body.reason).toBe('Ce lien a été annulé : demandez-en un nouveau si besoin.');

		const revoked = await call(
			server,
			'/api/structures/le-relais/team/revoke',
			postJson({ email: 'xavier@le-relais.test' }, PEOPLE.animator),
		);
		expect(revoked.status).toBe(200);
		expect((await accept(second)).status).toBe(410);
		expect((await team(RELAIS)).map((p) => p.email)).not.toContain('xavier@le-relais.test');

		const forged = await accept('A'.repeat(43));
		expect(forged.status).toBe(404);
		expect(forged.body.reason).toBe(
			'Ce lien n’est pas valable : vérifiez qu’il est complet, ou demandez-en un nouveau.',
		);
		expect((await accept('pas un jeton')).status).toBe(404);
	});

	it('to an address that has an account: the same answer, and its owner is told someone tried', async () => {
		const fresh = await invite(
			RELAIS,
			{ name: 'Wanda', email: 'wanda@le-relais.test' },
			{ as: PEOPLE.animator },
		);
		const known = await invite(RELAIS, { name: 'Léa bis', email: PEOPLE.lea.email }, { as: PEOPLE.animator });
		expect(known.status).toBe(fresh.status);
		expect(known.body).toEqual(fresh.body);
		const mails = await smtp.waitFor(2);
		const told = mails.find((mail) => mail.to.includes(PEOPLE.lea.email));
		expect(told?.parsed.subject).toBe('Quelqu’un a voulu vous inviter sur elBasar');
		expect(told?.parsed.text).toContain('Vous avez déjà un compte : rien n’a été changé.');
		expect(told?.parsed.text).not.toContain('/invitation#');
		// Léa still belongs to La Pioche and signs in as before.
		const session = await call(server, '/api/session', { as: PEOPLE.lea });
		expect(session.status).toBe(200);
		expect((await team('structure:la-pioche')).map((p) => p.email)).toContain(PEOPLE.lea.email);
		expect((await team(RELAIS)).map((p) => p.email)).not.toContain(PEOPLE.lea.email);
	});
});

describe('the e-mails’ language', () => {
	it('an account that chose English is told in English that someone tried to invite it', async () => {
		const chose = await call(server, '/api/account/locale', {
			...postJson({ locale: 'en' }, PEOPLE.marc),
			method: 'PUT',
		});
		expect(chose.status).toBe(200);
		await invite(RELAIS, { name: 'Marc', email: PEOPLE.marc.email }, { as: PEOPLE.animator });
		const [mail] = await smtp.waitFor(1);
		expect(mail.to).toEqual([PEOPLE.marc.email]);
		expect(mail.parsed.subject).toBe('Someone tried to invite you to elBasar');
		expect(mail.parsed.text).toContain('You already have an account: nothing was changed.');
	});
});

describe('who manages a structure’s accounts', () => {
	it('its admin invites and removes; a plain member and another structure’s account get 403', async () => {
		const admin = await invited('admin@le-relais.test', 'admin');
		const member = await invited('membre@le-relais.test', 'member');

		const byAdmin = await invite(RELAIS, { name: 'Valentin', email: 'valentin@le-relais.test' }, admin);
		expect(byAdmin.status).toBe(202);
		expect((await smtp.waitFor(3))[2].parsed.text).toContain('Personne admin vous invite');
		// An admin invites members, not admins: naming admins is the animator's.
		const asAdmin = await invite(
			RELAIS,
			{ name: 'Ursule', email: 'ursule@le-relais.test', role: 'admin' },
			admin,
		);
		expect(asAdmin.status).toBe(403);

		const byMember = await invite(RELAIS, { name: 'Théo', email: 'theo@le-relais.test' }, member);
		expect(byMember.status).toBe(403);
		expect(byMember.body.reason).toMatch(/administrateurs de la structure/);
		const byOther = await invite(RELAIS, { name: 'Théo', email: 'theo@le-relais.test' }, { as: PEOPLE.lea });
		expect(byOther.status).toBe(403);
		const byVisitor = await invite(RELAIS, { name: 'Théo', email: 'theo@le-relais.test' }, {});
		expect(byVisitor.status).toBe(401);
		expect((await team(RELAIS)).map((p) => p.email)).not.toContain('theo@le-relais.test');
		// A plain member sees the list but may not act; another structure sees nothing of it.
		const seen = await call(server, '/api/structures/le-relais/team', { headers: { cookie: member.cookie } });
		expect(seen.body.manage).toBe(false);
		expect((await call(server, '/api/structures/le-relais/team', { as: PEOPLE.lea })).status).toBe(403);

		const memberRemoves = await call(server, '/api/structures/le-relais/team/remove', {
			...postJson({ email: admin.email }),
			headers: { 'content-type': 'application/json', cookie: member.cookie },
		});
		expect(memberRemoves.status).toBe(403);
		const adminRemoves = await call(server, '/api/structures/le-relais/team/remove', {
			...postJson({ email: member.email }),
			headers: { 'content-type': 'application/json', cookie: admin.cookie },
		});
		expect(adminRemoves.status).toBe(200);
		const after = await call(server, '/api/session', { headers: { cookie: member.cookie } });
		expect(after.body.user).toMatchObject({ email: member.email, structureId: null, role: 'non-member' });
	});

	it('only the animator changes roles', async () => {
		const member = await invited('promu@le-relais.test', 'member');
		const byMarc = await call(server, '/api/structures/le-relais/team/role', {
			...postJson({ email: member.email, role: 'admin' }, PEOPLE.marc),
			method: 'PUT',
		});
		expect(byMarc.status).toBe(403);
		const byAnimator = await call(server, '/api/structures/le-relais/team/role', {
			...postJson({ email: member.email, role: 'admin' }, PEOPLE.animator),
			method: 'PUT',
		});
		expect(byAnimator.status).toBe(200);
		expect(await team(RELAIS)).toContainEqual(
			expect.objectContaining({ email: member.email, structureRole: 'admin' }),
		);
		const nowInvites = await invite(RELAIS, { name: 'Sacha', email: 'sacha@le-relais.test' }, member);
		expect(nowInvites.status).toBe(202);
	});

	it('a removed person’s device, syncing as them, drops the members’ documents', async () => {
		const email = 'partante@le-relais.test';
		await invited(email, 'member');
		const auth = { username: email, password: STRONG };
		const headers = { authorization: basic(email, STRONG) };
		const phone = device();
		await phone.replicate.from(new Client(server.dbUrl, { auth }));
		await checkDrops(phone, { url: server.dbUrl, init: { headers } });
		const held = await localIds(phone);
		expect(held).toEqual(
			expect.arrayContaining(['contact:lea', 'listing:pioche-membres', 'structure:atelier-discret']),
		);

		const removed = await call(
			server,
			'/api/structures/le-relais/team/remove',
			postJson({ email }, PEOPLE.animator),
		);
		expect(removed.status).toBe(200);

		await phone.replicate.from(new Client(server.dbUrl, { auth }));
		const swept = await checkDrops(phone, { url: server.dbUrl, init: { headers } });
		expect(swept.dropped).toEqual(expect.arrayContaining(['contact:lea', 'listing:pioche-membres']));
		// What is left is what a visitor reads, and nothing more.
		const visitor = device();
		await visitor.replicate.from(new Client(server.dbUrl));
		expect(await localIds(phone)).toEqual(await localIds(visitor));
	});
});

describe('the directory import with « inviter »', () => {
	it('invites the new people who have an e-mail, once their row is written', async () => {
		const csv = [
			'Nom,Forme juridique,Secteurs,Commune,Effectif,Contact,Fonction,E-mail',
			'La Ressourcerie du Val,association,Réemploi,59350,3,Rémi Val,Coordinateur,remi@ressourcerie-val.test',
			'La Ressourcerie du Val,association,Réemploi,59350,3,Sans Mail,Bénévole,',
			`Le Relais,association,Réemploi,59350,3,Marc,Président,${PEOPLE.marc.email}`,
		].join('\n');
		const res = await call(server, '/api/directory/import?invite=1', {
			method: 'POST',
			headers: { 'content-type': 'text/csv' },
			body: csv,
			as: PEOPLE.animator,
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.invited, JSON.stringify(res.body)).toBe(1);
		const [mail] = await smtp.waitFor(1);
		expect(mail.to).toEqual(['remi@ressourcerie-val.test']);
		expect(mail.parsed.subject).toBe('Invitation à rejoindre La Ressourcerie du Val sur elBasar');
		const id = 'structure:la-ressourcerie-du-val';
		expect(await team(id)).toEqual([
			expect.objectContaining({
				email: 'remi@ressourcerie-val.test',
				status: 'invited',
				structureRole: 'member',
			}),
		]);
	});
});
