// The replication's gzipped request bodies, against the real server over HTTP: the bulky bodies
// leave the device gzipped, the server reads them, and a pull and a push still carry every document.
import '../../device-globals';
import PouchDB from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { gzipFetch } from '../../../src/lib/sync/gzip-fetch';
import { listing } from '../../unit/sync-fixtures';
import { ALL_FIXTURE_DOCS, PASSWORD, PEOPLE, startTestServer, type TestServer } from '../helpers';

interface Sent {
	method: string;
	path: string;
	encoding: string | null;
	/** The body's first two bytes: 1f 8b for gzip. */
	magic: string;
	status: number;
}

let server: TestServer;
const sent: Sent[] = [];
const MANY = Array.from({ length: 60 }, (_, i) => listing(`serveur-${i}`));

beforeAll(async () => {
	server = await startTestServer({ docs: [...ALL_FIXTURE_DOCS, ...MANY] });
});
afterAll(async () => {
	await server?.close();
});
afterEach(() => {
	sent.length = 0;
	vi.unstubAllGlobals();
});

/** What reaches the network: the request as gzipFetch hands it on, and the server's answer. */
async function recording(url: string | Request, init: RequestInit = {}): Promise<Response> {
	const body = init.body;
	const bytes =
		typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body as ArrayBuffer);
	// Plain answers: the in-process server would compress them with the CompressionStream a test removes.
	const headers = new Headers(init.headers);
	headers.set('accept-encoding', 'identity');
	const response = await PouchDB.fetch(url, { ...init, headers });
	sent.push({
		method: init.method ?? 'GET',
		path: new URL(String(url)).pathname.replace('/db/elbasar', ''),
		encoding: headers.get('content-encoding'),
		magic: Array.from(bytes.slice(0, 2), (b) => b.toString(16)).join(' '),
		status: response.status,
	});
	return response;
}

function remote(): PouchDB.Database {
	return new PouchDB(server.dbUrl, {
		skip_setup: true,
		auth: { username: PEOPLE.lea.email, password: PASSWORD },
		fetch: gzipFetch(recording),
	});
}

let n = 0;
const device = () => new PouchDB(`gzip-device-${n++}`);
const posts = (path: string) => sent.filter((s) => s.method === 'POST' && s.path === path);

// Over real HTTP: the server tests' budget, not a pure unit test's 5 s.
describe('gzipped request bodies', { timeout: 30_000 }, () => {
	test('a pull sends its _bulk_get gzipped, and brings every readable document', async () => {
		const replica = device();
		const done = await replica.replicate.from(remote(), { batch_size: 1000 });
		expect(done.docs_written).toBeGreaterThanOrEqual(MANY.length);
		const held = new Set((await replica.allDocs()).rows.map((r) => r.id));
		for (const doc of MANY) expect(held.has(doc._id)).toBe(true);
		const bulky = posts('/_bulk_get');
		expect(bulky.length).toBeGreaterThan(0);
		for (const request of bulky)
			expect(request).toMatchObject({ encoding: 'gzip', magic: '1f 8b', status: 200 });
		await replica.destroy();
	});

	test('a push sends _revs_diff and _bulk_docs gzipped, and the server stores the documents', async () => {
		const replica = device();
		const mine = Array.from({ length: 20 }, (_, i) => listing(`appareil-${i}`));
		await replica.bulkDocs(mine);
		const done = await replica.replicate.to(remote());
		expect(done.docs_written).toBe(mine.length);
		for (const path of ['/_revs_diff', '/_bulk_docs']) {
			expect(posts(path).length).toBeGreaterThan(0);
			for (const request of posts(path)) expect(request).toMatchObject({ encoding: 'gzip', magic: '1f 8b' });
		}
		const stored = await server.stores.db.allDocs({ keys: mine.map((d) => d._id) });
		expect(stored.rows.every((row) => 'value' in row && !row.value.deleted)).toBe(true);
		await replica.destroy();
	});

	test('small bodies, and every body where CompressionStream is missing, go plain', async () => {
		const one = device();
		await one.bulkDocs([listing('seul')]);
		await one.replicate.to(remote());
		const small = posts('/_bulk_docs');
		expect(small).toHaveLength(1);
		expect(small[0]).toMatchObject({ encoding: null, magic: '7b 22', status: 201 });

		sent.length = 0;
		vi.stubGlobal('CompressionStream', undefined);
		const old = device();
		const long = Array.from({ length: 5 }, (_, i) => ({
			...listing(`ancien-${i}`),
			text: 'Vélo. '.repeat(80),
		}));
		await old.bulkDocs(long);
		expect((await old.replicate.to(remote())).docs_written).toBe(long.length);
		const bulky = [...posts('/_revs_diff'), ...posts('/_bulk_docs')];
		expect(bulky.length).toBe(2);
		for (const request of bulky) expect(request).toMatchObject({ encoding: null, magic: '7b 22' });
		expect(posts('/_bulk_docs')[0].status).toBe(201);
		await Promise.all([one.destroy(), old.destroy()]);
	});
});
