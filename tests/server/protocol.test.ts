// The endpoint as a CouchDB client meets it: its descriptive answers, bad input turned into 4xx
// JSON with nothing written, the accounts store out of reach, and compression both ways.
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { onError } from '../../server/errors';
import { basicHeader, call, FIXTURE, listing, PEOPLE, postJson, useTestServer } from './helpers';

const server = useTestServer();

const exists = (id: string) =>
	server.stores.db.get(id).then(
		() => true,
		() => false,
	);

function expectRefusal(
	res: { status: number; body: Record<string, unknown> },
	status: number,
	error: string,
) {
	expect(res.status).toBe(status);
	expect(res.body).toMatchObject({ error, reason: expect.any(String) });
	expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('a CouchDB client', () => {
	it('finds a CouchDB root with a stable uuid, and one database', async () => {
		const root = await call(server, '/db/');
		expect(root.body).toMatchObject({ couchdb: 'Welcome', version: '3.3.3', vendor: { name: 'elBasar' } });
		expect(root.body.uuid).toMatch(/^[0-9a-f]{32}$/);
		expect((await call(server, '/db')).body.uuid).toBe(root.body.uuid);
		expect((await call(server, '/db/_all_dbs')).body).toEqual(['elbasar']);
		expect((await call(server, '/api/health')).body).toEqual({ ok: true });
	});

	it('never reaches the accounts store', async () => {
		for (const path of [
			'/db/accounts',
			'/db/accounts/_all_docs',
			'/db/elbasar_accounts/_changes',
			'/db/_users',
		])
			expectRefusal(await call(server, path, { as: PEOPLE.animator }), 404, 'not_found');
		const account = await call(server, '/db/elbasar/account:anne@apes.test', { as: PEOPLE.animator });
		expect(account.status).toBe(404);
		const everything = await call(server, '/db/elbasar/_all_docs?include_docs=true', { as: PEOPLE.animator });
		expect(JSON.stringify(everything.body)).not.toMatch(/argon2|passwordHash/);
		const uuidDoc = await call(server, '/db/elbasar/_local/server-uuid', { as: PEOPLE.animator });
		expect(uuidDoc.status).toBe(404);
	});
});

describe('bad input gets a 4xx with a reason, and nothing is written', () => {
	const doc = listing('jamais-ecrite', 'structure:la-pioche');

	it('malformed JSON, wrong content type, unknown route', async () => {
		const malformed = await call(server, '/db/elbasar/_bulk_docs', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: `{"docs": [${JSON.stringify(doc)}`,
			as: PEOPLE.lea,
		});
		expectRefusal(malformed, 400, 'bad_request');
		const asText = await call(server, '/db/elbasar/_bulk_docs', {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: JSON.stringify({ docs: [doc] }),
			as: PEOPLE.lea,
		});
		expectRefusal(asText, 415, 'bad_content_type');
		expectRefusal(await call(server, '/api/nothing-here'), 404, 'not_found');
		expectRefusal(await call(server, '/db/elbasar/_nothing/here/either'), 404, 'not_found');
		expect(await exists(doc._id)).toBe(false);
	});

	it('an oversized body', async () => {
		const post = async (path: string, body: Buffer | string, headers = asJson(PEOPLE.lea)) => {
			const res = await raw(path, { method: 'POST', headers, body });
			return { status: res.status, body: res.json };
		};
		const huge = JSON.stringify({ docs: [{ ...doc, text: 'x'.repeat(33 * 1024 * 1024) }] });
		expectRefusal(await post('/db/elbasar/_bulk_docs', huge), 413, 'too_large');
		const bigSignIn = JSON.stringify({ email: 'lea@la-pioche.test', password: 'x'.repeat(2 * 1024 * 1024) });
		expectRefusal(await post('/api/session', bigSignIn, asJson()), 413, 'too_large');
		const bomb = gzipSync(' '.repeat(40 * 1024 * 1024));
		const gzipped = asJson(PEOPLE.lea, { 'content-encoding': 'gzip' });
		expectRefusal(await post('/db/elbasar/_bulk_docs', bomb, gzipped), 413, 'too_large');
		expect(await exists(doc._id)).toBe(false);
	});

	it('an invalid document id or revision', async () => {
		const put = (path: string, body: unknown) =>
			call(server, path, { ...postJson(body, PEOPLE.animator), method: 'PUT' });
		expectRefusal(await put('/db/elbasar/sans-type', { ...doc, _id: 'sans-type' }), 400, 'bad_request');
		expectRefusal(await put('/db/elbasar/_design/vues', { views: {} }), 403, 'forbidden');
		expectRefusal(
			await put(`/db/elbasar/${doc._id}`, { ...doc, _rev: 'pas-une-revision' }),
			400,
			'bad_request',
		);
		expectRefusal(await call(server, `/db/elbasar/listing:pioche-velo?rev=n%C3%A9ant`), 400, 'bad_request');
		expectRefusal(
			await call(server, `/db/elbasar/${doc._id}`, { method: 'DELETE', as: PEOPLE.lea }),
			400,
			'bad_request',
		);
		const batch = { docs: [doc, { ...listing('autre', 'structure:la-pioche'), _rev: '1-a-b' }] };
		expectRefusal(
			await call(server, '/db/elbasar/_bulk_docs', postJson(batch, PEOPLE.lea)),
			400,
			'bad_request',
		);
		const replicated = { new_edits: false, docs: [doc] };
		expectRefusal(
			await call(server, '/db/elbasar/_bulk_docs', postJson(replicated, PEOPLE.lea)),
			400,
			'bad_request',
		);
		expectRefusal(await call(server, '/db/elbasar/_changes?since=n%C3%A9ant'), 400, 'bad_request');
		expectRefusal(
			await call(server, '/db/elbasar/_bulk_get', postJson({ docs: [{ rev: '1-a' }] })),
			400,
			'bad_request',
		);
		expect(await exists(doc._id)).toBe(false);
		expect(await exists('listing:autre')).toBe(false);
	});

	it('a wrong password', async () => {
		const wrong = await call(server, '/db/elbasar/_changes', {
			headers: { authorization: `Basic ${Buffer.from('lea@la-pioche.test:faux').toString('base64')}` },
		});
		expectRefusal(wrong, 401, 'unauthorized');
	});
});

interface Raw {
	status: number;
	encoding?: string;
	/** Bytes of the body as they crossed the wire, before decompression. */
	wire: number;
	json: Record<string, unknown>;
}

/**
 * A request through node:http, which fetch cannot do: see the bytes on the wire (fetch decompresses)
 * and read an early answer to a body the server refused before it was fully sent.
 */
function raw(
	path: string,
	opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
) {
	return new Promise<Raw>((resolve, reject) => {
		let answered = false;
		const options = { method: opts.method ?? 'GET', headers: opts.headers, agent: false };
		const req = request(`${server.url}${path}`, options, (res) => {
			answered = true;
			const chunks: Uint8Array[] = [];
			res.on('data', (chunk: Uint8Array) => chunks.push(chunk));
			res.on('end', () => {
				const body = new Uint8Array(Buffer.concat(chunks));
				const encoding = res.headers['content-encoding'];
				const text = new TextDecoder().decode(encoding === 'gzip' ? new Uint8Array(gunzipSync(body)) : body);
				resolve({ status: res.statusCode ?? 0, encoding, wire: body.byteLength, json: JSON.parse(text) });
			});
		});
		// The server may cut a refused upload short: once it has answered, that is expected.
		req.on('error', (err) => answered || reject(err));
		req.on('socket', (socket) => socket.on('error', () => {}));
		req.end(opts.body);
	});
}

const asJson = (who?: (typeof PEOPLE)[keyof typeof PEOPLE], more: Record<string, string> = {}) => ({
	'content-type': 'application/json',
	'accept-encoding': 'gzip',
	...(who ? { authorization: basicHeader(who) } : {}),
	...more,
});

describe('frugality on weak links', () => {
	it('_changes and _bulk_get are gzip-compressed when the client accepts it', async () => {
		const changes = await raw('/db/elbasar/_changes?include_docs=true&style=all_docs', { headers: asJson() });
		expect(changes.encoding).toBe('gzip');
		expect(changes.wire).toBeLessThan(JSON.stringify(changes.json).length / 2);
		const docs = FIXTURE.public.map((d) => ({ id: d._id }));
		const body = JSON.stringify({ docs });
		const bulk = await raw('/db/elbasar/_bulk_get?revs=true', { method: 'POST', headers: asJson(), body });
		expect(bulk.encoding).toBe('gzip');
		expect(bulk.json.results).toHaveLength(docs.length);
		expect(bulk.wire).toBeLessThan(JSON.stringify(bulk.json).length / 2);
	});

	it('a gzip-compressed push is accepted', async () => {
		const fresh = listing('compressee', 'structure:la-pioche', { title: 'Envoyée compressée' });
		const pushed = await call(server, '/db/elbasar/_bulk_docs', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
			body: new Uint8Array(gzipSync(JSON.stringify({ docs: [fresh] }))),
			as: PEOPLE.lea,
		});
		expect(pushed.status).toBe(201);
		expect(pushed.body[0]).toMatchObject({ ok: true });
		expect(await exists(fresh._id)).toBe(true);
	});
});

describe('an unexpected error', () => {
	it('answers 500 with a generic reason and keeps its details in the server log', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const app = new Hono();
		app.onError(onError);
		app.get('/boom', () => {
			throw new Error('store exploded at /var/lib/elbasar');
		});
		const res = await app.request('/boom');
		expect(res.status).toBe(500);
		const text = await res.text();
		expect(JSON.parse(text)).toEqual({ error: 'internal_error', reason: 'Erreur interne du serveur.' });
		expect(text).not.toMatch(/exploded|\/var\/lib/);
		expect(String(logged.mock.calls[0]?.[1])).toMatch(/store exploded/);
		logged.mockRestore();
	});
});
