// Forged writes, as another site would send them through a signed-in browser: a plain form posted
// from a foreign origin (text/plain, the animator's cookie) to the directory import, a sign-in, a
// `_bulk_docs` with a member's cookie. Each is refused and writes nothing; the same requests from
// the app's own origin pass, and clients with HTTP Basic (PouchDB, scripts) work as before.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningServer, startServer } from '../../server/app';
import { createLog } from '../../server/log';
import { FOREIGN_ORIGIN } from '../../server/middleware/csrf';
import { HEADER } from '../unit/csv-helpers';
import {
	basicHeader,
	call,
	device,
	listing,
	PASSWORD,
	PEOPLE,
	PIOCHE,
	remote,
	useTestServer,
	type Who,
} from './helpers';

const server = useTestServer();
const EVIL = 'https://annuaire-gratuit.example';

let animatorCookie = '';
let leaCookie = '';

async function signIn(who: Who, headers: Record<string, string> = {}) {
	const res = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify({ email: who.email, password: PASSWORD }),
	});
	return {
		status: res.status,
		body: await res.json(),
		cookie: (res.headers.get('set-cookie') ?? '').split(';')[0],
	};
}

/** A sign-in with the Host header a browser would send for another name of the server; its status. */
function signInWithHost(host: string, headers: Record<string, string>): Promise<number> {
	const { hostname, port } = new URL(server.url);
	const body = JSON.stringify({ email: PEOPLE.lea.email, password: PASSWORD });
	return new Promise((resolve, reject) => {
		const req = request(
			{ hostname, port, path: '/api/session', method: 'POST', headers: { ...headers, host } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

beforeAll(async () => {
	animatorCookie = (await signIn(PEOPLE.animator)).cookie;
	leaCookie = (await signIn(PEOPLE.lea)).cookie;
});

/** Every document of the store with its revision. */
async function revisions(): Promise<Record<string, string>> {
	const all = await server.stores.db.allDocs();
	return Object.fromEntries(all.rows.map((row) => [row.id, row.value.rev]));
}

/** A spreadsheet of one new structure, as a form posted from another site would carry it. */
const csvOf = (name: string) => `${HEADER}\r\n${name};Association loi 1901;Culture;Lille;59000;3;;;;\r\n`;

const fromApp = () => ({ origin: server.url, 'sec-fetch-site': 'same-origin' });

describe('a plain form posted from another site with the animator’s cookie', () => {
	it('cannot import into the directory, and nothing is imported', async () => {
		const before = await revisions();
		const forged = await call(server, '/api/directory/import', {
			method: 'POST',
			headers: { cookie: animatorCookie, origin: EVIL, 'content-type': 'text/plain' },
			body: csvOf('Structure piégée'),
		});
		expect(forged.status).toBe(403);
		expect(forged.body).toEqual({ error: 'forbidden', reason: FOREIGN_ORIGIN });
		// An older browser that names no origin still says the request is cross-site.
		const unnamed = await call(server, '/api/directory/import', {
			method: 'POST',
			headers: { cookie: animatorCookie, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
			body: csvOf('Structure piégée'),
		});
		expect(unnamed.status).toBe(403);
		// A sandboxed page names the origin "null".
		const sandboxed = await call(server, '/api/directory/import', {
			method: 'POST',
			headers: { cookie: animatorCookie, origin: 'null', 'content-type': 'multipart/form-data; boundary=x' },
			body: '--x--\r\n',
		});
		expect(sandboxed.status).toBe(403);
		expect(await revisions()).toEqual(before);
	});

	it('is refused for its content type even from the app’s origin: a form cannot send JSON', async () => {
		const before = await revisions();
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'text/csv']) {
			const answer = await call(server, '/api/directory/import', {
				method: 'POST',
				headers: { cookie: animatorCookie, ...fromApp(), 'content-type': type },
				body: csvOf('Structure piégée'),
			});
			expect(answer.status, type).toBe(415);
		}
		const untyped = await call(server, '/api/directory/import', {
			method: 'POST',
			headers: { cookie: animatorCookie, ...fromApp() },
			body: new Blob([csvOf('Structure piégée')]),
		});
		expect(untyped.status).toBe(415);
		expect(await revisions()).toEqual(before);
	});

	it('imports when the app sends the file as a form field from its own origin', async () => {
		const form = new FormData();
		form.append('file', new File([csvOf('La Forge du Réseau')], 'annuaire.csv', { type: 'text/csv' }));
		const answer = await call(server, '/api/directory/import', {
			method: 'POST',
			headers: { cookie: animatorCookie, ...fromApp() },
			body: form,
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ dryRun: false, created: 1, refused: [] });
		expect(await server.stores.db.get('structure:la-forge-du-reseau')).toMatchObject({
			name: 'La Forge du Réseau',
		});
	});
});

describe('sign-in from another site (login CSRF)', () => {
	it('is refused, JSON or form, and opens no session', async () => {
		const form = await call(server, '/api/session', {
			method: 'POST',
			headers: { origin: EVIL, 'content-type': 'text/plain' },
			body: JSON.stringify({ email: PEOPLE.lea.email, password: PASSWORD }),
		});
		expect(form.status).toBe(403);
		expect(form.res.headers.get('set-cookie')).toBeNull();
		const json = await signIn(PEOPLE.lea, { origin: EVIL });
		expect(json.status).toBe(403);
		expect(json.cookie).toBe('');
		expect((await signIn(PEOPLE.lea, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
	});

	it('is refused on every route that signs a device in or creates an account', async () => {
		for (const path of [
			'/api/password-reset',
			'/api/password-reset/confirm',
			'/api/invitation/accept',
			'/api/signup',
			'/api/signup/confirm',
		]) {
			const forged = await call(server, path, {
				method: 'POST',
				headers: { origin: EVIL, 'content-type': 'application/json' },
				body: JSON.stringify({ token: 'x'.repeat(43), password: 'vélo rouge sous la pluie' }),
			});
			expect(forged.status, path).toBe(403);
			expect(forged.res.headers.get('set-cookie'), path).toBeNull();
			const form = await call(server, path, {
				method: 'POST',
				headers: { ...fromApp(), 'content-type': 'text/plain' },
				body: '{}',
			});
			expect(form.status, path).toBe(415);
		}
	});

	it('is refused as a form even from the app’s origin', async () => {
		const form = await call(server, '/api/session', {
			method: 'POST',
			headers: { ...fromApp(), 'content-type': 'text/plain' },
			body: JSON.stringify({ email: PEOPLE.lea.email, password: PASSWORD }),
		});
		expect(form.status).toBe(415);
		expect(form.res.headers.get('set-cookie')).toBeNull();
	});

	it('opens a session from the app’s origin, whatever address it is reached at', async () => {
		const app = await signIn(PEOPLE.lea, fromApp());
		expect(app.status).toBe(200);
		expect(app.body.user.email).toBe(PEOPLE.lea.email);
		expect(app.cookie).toMatch(/^elbasar_session=./);
		// The same server reached by another name: the page's origin is the address it was loaded from.
		const named = (origin: string) =>
			signInWithHost('elbasar.local:8080', { origin, 'content-type': 'application/json' });
		expect(await named('http://elbasar.local:8080')).toBe(200);
		expect(await named('https://elbasar.local:8080')).toBe(200);
		expect(await named('http://elbasar.local:8081')).toBe(403);
		expect(await named('http://elbasar.local')).toBe(403);
	});
});

describe('replication writes with a session cookie', () => {
	const bulk = (doc: object, headers: Record<string, string>) =>
		call(server, '/db/elbasar/_bulk_docs', {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: leaCookie, ...headers },
			body: JSON.stringify({ docs: [doc] }),
		});

	it('from a foreign origin write nothing', async () => {
		const doc = listing('csrf-etrangere', PIOCHE);
		expect((await bulk(doc, { origin: EVIL })).status).toBe(403);
		expect((await bulk(doc, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
		const asForm = await call(server, '/db/elbasar/_bulk_docs', {
			method: 'POST',
			headers: { cookie: leaCookie, origin: EVIL, 'content-type': 'text/plain' },
			body: JSON.stringify({ docs: [doc] }),
		});
		expect(asForm.status).toBe(403);
		const local = await call(server, '/db/elbasar/_local/csrf-checkpoint', {
			method: 'PUT',
			headers: { 'content-type': 'application/json', cookie: leaCookie, origin: EVIL },
			body: JSON.stringify({ last_seq: 1 }),
		});
		expect(local.status).toBe(403);
		expect(await server.stores.db.get(doc._id).catch((err) => err.status)).toBe(404);
		const checkpoint = await call(server, '/db/elbasar/_local/csrf-checkpoint', {
			headers: { cookie: leaCookie },
		});
		expect(checkpoint.status).toBe(404);
	});

	it('from the app’s origin are saved, as the browser’s PouchDB sends them', async () => {
		const doc = listing('csrf-depuis-l-app', PIOCHE);
		const saved = await bulk(doc, fromApp());
		expect(saved.status).toBe(201);
		expect(saved.body).toEqual([expect.objectContaining({ ok: true, id: doc._id })]);
		// A DELETE without a body needs no content type.
		const rev = (saved.body[0] as { rev: string }).rev;
		const removed = await call(server, `/db/elbasar/${encodeURIComponent(doc._id)}?rev=${rev}`, {
			method: 'DELETE',
			headers: { cookie: leaCookie, ...fromApp() },
		});
		expect(removed.status).toBe(200);
	});

	it('sign-out from another site is refused too, and the session stays open', async () => {
		const cookie = (await signIn(PEOPLE.marc)).cookie;
		const forged = await call(server, '/api/session', {
			method: 'DELETE',
			headers: { cookie, origin: EVIL },
		});
		expect(forged.status).toBe(403);
		const still = await call(server, '/api/session', { headers: { cookie } });
		expect(still.body).toMatchObject({ user: { email: PEOPLE.marc.email } });
	});
});

describe('clients with HTTP Basic, which no browser sends on its own', () => {
	it('write as before, even naming a foreign origin', async () => {
		const doc = listing('csrf-basic', PIOCHE);
		const saved = await call(server, '/db/elbasar/_bulk_docs', {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: basicHeader(PEOPLE.lea),
				cookie: animatorCookie,
				origin: EVIL,
			},
			body: JSON.stringify({ docs: [doc] }),
		});
		expect(saved.status).toBe(201);
		expect(saved.body).toEqual([expect.objectContaining({ ok: true })]);
		await server.stores.db.remove(doc._id, (saved.body[0] as { rev: string }).rev);
	});

	it('replicate both ways with PouchDB', async () => {
		const phone = device();
		const doc = listing('csrf-pouchdb', PIOCHE);
		await phone.put(doc);
		const pushed = await phone.replicate.to(remote(server, PEOPLE.lea));
		expect(pushed.docs_written).toBe(1);
		const pulled = await device().replicate.from(remote(server, PEOPLE.lea));
		expect(pulled.docs_written).toBeGreaterThan(1);
		const saved = await server.stores.db.get(doc._id);
		await server.stores.db.remove(saved);
	});
});

describe('with PUBLIC_URL', () => {
	const PUBLIC_URL = 'https://elbasar.apes.test';
	let behindProxy: RunningServer;

	beforeAll(async () => {
		const log = createLog('warn', () => {});
		const composed = createApp({ stores: server.stores, auth: server.auth, log, publicUrl: PUBLIC_URL });
		behindProxy = await startServer(composed, 0, '127.0.0.1');
	});
	afterAll(() => behindProxy?.close());

	const signInAt = (origin: string) =>
		fetch(`${behindProxy.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin },
			body: JSON.stringify({ email: PEOPLE.lea.email, password: PASSWORD }),
		});

	it('writes come from that origin only, not from the address the proxy reaches the server at', async () => {
		expect((await signInAt(PUBLIC_URL)).status).toBe(200);
		expect((await signInAt(behindProxy.url)).status).toBe(403);
		expect((await signInAt('http://elbasar.apes.test')).status).toBe(403);
		expect((await signInAt(EVIL)).status).toBe(403);
	});
});
