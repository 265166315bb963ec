// Requests no client of ours sends, and a crowd of devices syncing at once: OPTIONS with a body,
// methods the server does not serve and CONNECT get a clean answer on a connection that stays
// usable; 70 devices polling `_changes` while they write raise no listener-leak warning.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { basicHeader, listing, PEOPLE, PIOCHE, RELAIS, useTestServer, type Who } from './helpers';

const server = useTestServer();

/**
 * Writes `requests` on one connection (one after the other, each as its own packet) and reads
 * until the server has answered `answers` times or closed; the status lines it answered with.
 */
function onOneConnection(
	requests: string[],
	answers: number,
): Promise<{ statuses: number[]; reset: boolean }> {
	const { hostname, port } = new URL(server.url);
	return new Promise((resolve) => {
		const socket = connect(Number(port), hostname);
		let received = '';
		let reset = false;
		const statuses = () => [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
		const done = () => {
			socket.destroy();
			resolve({ statuses: statuses(), reset });
		};
		socket.on('data', (chunk) => {
			received += chunk;
			if (statuses().length >= answers) done();
		});
		socket.on('error', () => {
			reset = true;
		});
		socket.on('close', done);
		socket.on('connect', async () => {
			for (const text of requests) await new Promise((written) => socket.write(text, written));
		});
	});
}

const HEALTH = 'GET /api/health HTTP/1.1\r\nHost: elbasar\r\n\r\n';
const body = JSON.stringify({ docs: [{ _id: 'listing:options' }] });

describe('methods the server does not serve', () => {
	it('OPTIONS with a body gets 204 and the methods served, and the connection carries on', async () => {
		for (const path of [
			'/db/elbasar/_bulk_docs',
			'/db/elbasar/',
			'/api/session',
			'/api/directory/import',
			'/',
		]) {
			const head = `OPTIONS ${path} HTTP/1.1\r\nHost: elbasar\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
			const answer = await onOneConnection([head, body, HEALTH], 2);
			expect(answer, path).toEqual({ statuses: [204, 200], reset: false });
		}
		const res = await fetch(`${server.dbUrl}/_bulk_docs`, { method: 'OPTIONS', body });
		expect(res.status).toBe(204);
		expect(res.headers.get('allow')).toBe('GET, HEAD, POST, PUT, DELETE, OPTIONS');
	});

	it('so does a chunked OPTIONS body', async () => {
		const head = 'OPTIONS /db/elbasar/ HTTP/1.1\r\nHost: elbasar\r\nTransfer-Encoding: chunked\r\n\r\n';
		const chunk = `${body.length.toString(16)}\r\n${body}\r\n`;
		const answer = await onOneConnection([head, chunk, '0\r\n\r\n', HEALTH], 2);
		expect(answer).toEqual({ statuses: [204, 200], reset: false });
	});

	it('PATCH, PROPFIND, QUERY, TRACE and COPY get 405 with a reason, and nothing is written', async () => {
		const before = (await server.stores.db.info()).update_seq;
		for (const method of ['PATCH', 'PROPFIND', 'QUERY', 'TRACE', 'COPY', 'M-SEARCH']) {
			const head = `${method} /db/elbasar/listing%3Apioche-velo HTTP/1.1\r\nHost: elbasar\r\nAuthorization: ${basicHeader(PEOPLE.lea)}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
			const answer = await onOneConnection([head, body, HEALTH], 2);
			expect(answer, method).toEqual({ statuses: [405, 200], reset: false });
		}
		const res = await fetch(`${server.dbUrl}/listing%3Apioche-velo`, { method: 'PATCH', body });
		expect(res.status).toBe(405);
		expect(await res.json()).toEqual({
			error: 'method_not_allowed',
			reason: 'Méthode PATCH non prise en charge.',
		});
		expect((await server.stores.db.info()).update_seq).toBe(before);
	});

	it('a body too big for an unserved method gets 413 and the connection is closed', async () => {
		const big = 'x'.repeat(100 * 1024);
		const head = `OPTIONS /db/elbasar/ HTTP/1.1\r\nHost: elbasar\r\nContent-Length: ${big.length}\r\n\r\n`;
		const answer = await onOneConnection([head, big], 1);
		expect(answer.statuses).toEqual([413]);
	});

	it('CONNECT gets 405 rather than a silent hang-up', async () => {
		const answer = await onOneConnection(
			['CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n'],
			1,
		);
		expect(answer.statuses).toEqual([405]);
	});

	it('a lower-case or malformed method gets 400', async () => {
		expect(
			(await onOneConnection(['get /api/health HTTP/1.1\r\nHost: elbasar\r\n\r\n'], 1)).statuses,
		).toEqual([400]);
		expect(
			(await onOneConnection(['G(T /api/health HTTP/1.1\r\nHost: elbasar\r\n\r\n'], 1)).statuses,
		).toEqual([400]);
	});
});

describe('70 devices syncing at once', () => {
	const warnings: Error[] = [];
	const onWarning = (warning: Error) => warnings.push(warning);
	afterEach(() => {
		process.off('warning', onWarning);
	});

	// A generous budget: 70 clients and their server share two busy cores.
	it('poll `_changes` and write without a listener-leak warning, and every listener is let go', {
		timeout: 120_000,
	}, async () => {
		process.on('warning', onWarning);
		const db = server.stores.db as unknown as NodeJS.EventEmitter;
		const listenersAtRest = db.eventNames().map((name) => [name, db.listenerCount(name)]);
		const writers: (Who | undefined)[] = [PEOPLE.lea, PEOPLE.marc, undefined];
		const headersOf = (who?: Who): Record<string, string> => (who ? { authorization: basicHeader(who) } : {});
		const { update_seq: since } = await server.stores.db.info();

		// Every device waits on a longpoll from the same point while the writers among them push a
		// listing each: every push wakes every poll, dozens of feeds reading the store together.
		const polls = Array.from({ length: 70 }, (_, n) =>
			fetch(`${server.dbUrl}/_changes?feed=longpoll&since=${since}&style=all_docs&timeout=60000`, {
				headers: headersOf(writers[n % 3]),
			}).then((res) => res.json() as Promise<{ results: unknown[] }>),
		);
		const pushes = Array.from({ length: 70 }, async (_, n) => {
			const who = writers[n % 3];
			if (!who) return;
			const doc = listing(`foule-${n}`, who === PEOPLE.lea ? PIOCHE : RELAIS);
			const res = await fetch(`${server.dbUrl}/_bulk_docs`, {
				method: 'POST',
				headers: { ...headersOf(who), 'content-type': 'application/json' },
				body: JSON.stringify({ docs: [doc] }),
			});
			expect(res.status).toBe(201);
		});
		await Promise.all(pushes);
		for (const answer of await Promise.all(polls)) expect(answer.results.length).toBeGreaterThan(0);

		expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
		expect(db.eventNames().map((name) => [name, db.listenerCount(name)])).toEqual(listenersAtRest);
	});
});
