// Sign-in, sessions, HTTP Basic and roles, over real HTTP against real PouchDB stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth';
import { openSession, sessionAccount } from '../../server/auth/sessions';
import { membership, useTestServer } from './helpers';

const PASSWORD = 'correct horse battery';
const bodies: string[] = [];

// On disk (LevelDB), as `npm start` keeps accounts and sessions. The accounts are made here: how
// their e-mails are written is what some tests are about.
const server = useTestServer({
	docs: [],
	people: false,
	onDisk: true,
	// A window on the viewer the middleware sets, the one /db relies on for every replication request.
	extend: (app) => app.get('/api/viewer', (c) => c.json(c.get('viewer'))),
});
const db = () => server.stores.db;
const accounts = () => server.stores.accounts;

beforeAll(async () => {
	await createAccount(accounts(), {
		email: 'Lea@La-Pioche.fr ',
		password: PASSWORD,
		name: 'Léa',
		structureId: 'structure:la-pioche',
	});
	await createAccount(accounts(), { email: 'anim@apes.org', password: PASSWORD, name: 'Anne', staff: true });
});

afterAll(() => {
	expect(bodies.join('\n')).not.toContain('$argon2');
});

/** Calls the server and keeps every response body and header, to look for leaked hashes. */
async function call(path: string, init: RequestInit = {}) {
	const res = await fetch(server.url + path, init);
	const text = await res.text();
	bodies.push(text, JSON.stringify([...res.headers]));
	return { res, body: text ? JSON.parse(text) : null };
}

const json = (body: unknown): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body),
});
const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({
	...init,
	headers: { cookie },
});
const basic = (email: string, password: string) => ({
	headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}` },
});

async function signIn(email: string, password = PASSWORD) {
	const { res, body } = await call('/api/session', json({ email, password }));
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
	return { res, body, cookie };
}

describe('signing in', () => {
	it('sets an HttpOnly, SameSite=Lax session cookie and answers with the user', async () => {
		const { res, body } = await signIn('lea@la-pioche.fr');
		expect(res.status).toBe(200);
		const setCookie = res.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/^elbasar_session=[A-Za-z0-9_-]{43};/);
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		expect(setCookie).toMatch(/Path=\//);
		expect(setCookie).not.toMatch(/Secure/i);
		expect(body).toEqual({
			user: {
				accountId: 'account:lea@la-pioche.fr',
				email: 'lea@la-pioche.fr',
				name: 'Léa',
				role: 'non-member',
				structureId: 'structure:la-pioche',
			},
		});
	});

	it('GET /api/session tells who is signed in and with which role', async () => {
		const { cookie } = await signIn('ANIM@apes.org');
		const { body } = await call('/api/session', withCookie(cookie));
		expect(body).toEqual({
			user: {
				accountId: 'account:anim@apes.org',
				email: 'anim@apes.org',
				name: 'Anne',
				role: 'animator',
				structureId: null,
			},
		});
		expect((await call('/api/session')).body).toEqual({ user: null });
	});

	it('refuses a wrong password or an unknown e-mail with the same French reason', async () => {
		for (const attempt of [signIn('lea@la-pioche.fr', 'wrong password'), signIn('nobody@example.org')]) {
			const { res, body, cookie } = await attempt;
			expect(res.status).toBe(401);
			expect(body).toEqual({ error: 'unauthorized', reason: 'E-mail ou mot de passe incorrect.' });
			expect(cookie).toBe('');
		}
	});

	it('answers 400 to a body that is not {email, password}', async () => {
		const { res, body } = await call('/api/session', json({ email: 42 }));
		expect(res.status).toBe(400);
		expect(body.error).toBe('bad_request');
	});

	it('stops trying after ten failures for one e-mail in a quarter of an hour', async () => {
		await createAccount(accounts(), { email: 'target@example.org', password: PASSWORD, name: 'Cible' });
		for (let i = 0; i < 10; i++)
			expect((await signIn('target@example.org', `guess-${i}`)).res.status).toBe(401);
		const blocked = await signIn('target@example.org');
		expect(blocked.res.status).toBe(429);
		expect(blocked.body.reason).toMatch(/Trop de tentatives/);
		expect((await signIn('lea@la-pioche.fr')).res.status).toBe(200);
	});
});

describe('signing out', () => {
	it('ends the session on the server: replaying the old cookie gives a visitor', async () => {
		const { cookie } = await signIn('lea@la-pioche.fr');
		expect((await call('/api/viewer', withCookie(cookie))).body.role).toBe('non-member');
		const out = await call('/api/session', withCookie(cookie, { method: 'DELETE' }));
		expect(out.body).toEqual({ ok: true });
		expect(out.res.headers.get('set-cookie')).toMatch(/elbasar_session=;.*Max-Age=0/);
		expect((await call('/api/viewer', withCookie(cookie))).body).toEqual({ role: 'visitor' });
		expect((await call('/api/session', withCookie(cookie))).body).toEqual({ user: null });
	});

	it('treats a forged cookie as a visitor', async () => {
		const { body } = await call('/api/viewer', withCookie('elbasar_session=not-a-real-token'));
		expect(body).toEqual({ role: 'visitor' });
	});
});

describe('session lifetime', () => {
	const DAY = 24 * 3600 * 1000;

	it('slides forward when used after a day, and ends after thirty days without use', async () => {
		const start = Date.parse('2026-03-01T10:00:00Z');
		const token = await openSession(accounts(), 'account:lea@la-pioche.fr', start);
		expect(await sessionAccount(accounts(), token, start + 1000)).toEqual({
			account: 'account:lea@la-pioche.fr',
			refreshed: false,
		});
		expect((await sessionAccount(accounts(), token, start + 2 * DAY))?.refreshed).toBe(true);
		// Thirty days after the refresh, not after the sign-in.
		expect(await sessionAccount(accounts(), token, start + 31 * DAY)).not.toBeNull();
		expect(await sessionAccount(accounts(), token, start + 62 * DAY)).toBeNull();
		expect(await sessionAccount(accounts(), token, start + 1000)).toBeNull();
	});
});

describe('HTTP Basic, as PouchDB sends it', () => {
	it('resolves the viewer from the credentials, again and again', async () => {
		for (let i = 0; i < 3; i++) {
			const { res, body } = await call('/api/viewer', basic('Lea@la-pioche.fr', PASSWORD));
			expect(res.status).toBe(200);
			expect(body).toEqual({
				role: 'non-member',
				accountId: 'account:lea@la-pioche.fr',
				structureId: 'structure:la-pioche',
			});
		}
	});

	it('answers 401 to wrong credentials, like CouchDB, on /api and on /db', async () => {
		const { res, body } = await call('/api/viewer', basic('lea@la-pioche.fr', 'not the password'));
		expect(res.status).toBe(401);
		expect(body.reason).toBe('E-mail ou mot de passe incorrect.');
		expect((await call('/db/elbasar', basic('lea@la-pioche.fr', 'not the password'))).res.status).toBe(401);
		expect((await call('/db/elbasar', basic('lea@la-pioche.fr', PASSWORD))).res.status).toBe(200);
	});
});

describe('roles follow the membership document', () => {
	it('a structure whose membership becomes active is seen as member on the next request', async () => {
		const { cookie } = await signIn('lea@la-pioche.fr');
		const viewer = async () => (await call('/api/viewer', withCookie(cookie))).body.role;
		expect(await viewer()).toBe('non-member');
		const { rev } = await db().put(membership('la-pioche', 'active'));
		expect(await viewer()).toBe('member');
		expect((await call('/api/session', withCookie(cookie))).body.user.role).toBe('member');
		await db().put({ ...membership('la-pioche', 'lapsed'), _rev: rev });
		expect(await viewer()).toBe('non-member');
	});
});

describe('accounts', () => {
	it('refuses a second account for the same e-mail, whatever its case', async () => {
		await expect(
			createAccount(accounts(), { email: ' LEA@la-pioche.FR', password: PASSWORD, name: 'Autre' }),
		).rejects.toMatchObject({ status: 409, reason: expect.stringContaining('existe déjà') });
	});

	it('refuses a password shorter than eight characters and an invalid e-mail', async () => {
		await expect(
			createAccount(accounts(), { email: 'a@b.fr', password: 'short', name: 'A' }),
		).rejects.toMatchObject({
			status: 400,
		});
		await expect(
			createAccount(accounts(), { email: 'not-an-email', password: PASSWORD, name: 'A' }),
		).rejects.toMatchObject({ status: 400, reason: 'adresse e-mail invalide' });
	});

	it('stores an argon2id hash, never the password', async () => {
		const doc = (await accounts().get('account:lea@la-pioche.fr')) as unknown as Record<string, unknown>;
		expect(doc.passwordHash).toMatch(/^\$argon2id\$/);
		expect(JSON.stringify(doc)).not.toContain(PASSWORD);
	});
});
