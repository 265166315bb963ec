// Property-based fuzzing of the /db and /api routes (fast-check, fixed seed, bounded runs) against
// one real server: whatever arrives — odd methods, paths, parameters, bodies, content types,
// origins, as a visitor, a member or the animator — the answer is never a 5xx nor a cut connection;
// a refused request writes nothing (documents, sequence, `_local` checkpoints), an accepted one
// writes only what its answer says; a write forged with the session cookie from another site is 403.
import { request } from 'node:http';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardKeys } from '../../server/cards';
import { type FuzzRequest, fuzzRequest, type Sender } from './fuzz-requests';
import { basicHeader, PASSWORD, PEOPLE, useTestServer, type Who } from './helpers';

const server = useTestServer();
const FOREIGN = 'https://annuaire-gratuit.example';
// Fixed for `npm test`; FUZZ_SEED and FUZZ_RUNS explore further by hand.
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const cookies: Partial<Record<Sender, string>> = {};

async function signIn(who: Who): Promise<string> {
	const res = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: who.email, password: PASSWORD }),
	});
	expect(res.status).toBe(200);
	return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

beforeAll(async () => {
	// The card key is written once, before any card (main.ts makes it at start): not by a fuzzed GET.
	await cardKeys(server.stores);
	cookies['lea-cookie'] = await signIn(PEOPLE.lea);
	cookies['anne-cookie'] = await signIn(PEOPLE.animator);
});

let sent = 0;
/**
 * Each request comes from its own loopback address, and a stranger's Basic header names an address
 * of its own: the sign-in limits (sign-in-attacks.test.ts) would otherwise answer most of the run's
 * failed sign-ins with a 429 after a second's wait, and the run would test the waiting.
 */
const clientAddress = (n: number) => `127.${1 + (Math.floor(n / 250) % 250)}.0.${(n % 250) + 1}`;
const stranger = (n: number) =>
	`Basic ${Buffer.from(`personne-${n}@inconnu.test:mauvais`).toString('base64')}`;

function headersOf(req: FuzzRequest): Record<string, string> {
	const headers: Record<string, string> = { ...req.headers, connection: 'close' };
	if (req.sender === 'lea-basic') headers.authorization = basicHeader(PEOPLE.lea);
	if (req.sender === 'anne-basic') headers.authorization = basicHeader(PEOPLE.animator);
	if (req.sender === 'stranger-basic') headers.authorization = stranger(sent);
	const cookie = cookies[req.sender];
	if (cookie) headers.cookie = cookie;
	const origin = { none: undefined, app: server.url, foreign: FOREIGN, null: 'null' }[req.origin];
	if (origin) headers.origin = origin;
	if (req.site) headers['sec-fetch-site'] = req.site;
	if (req.body) headers['content-length'] = String(req.body.byteLength);
	return headers;
}

interface Answer {
	status: number;
	body: unknown;
}

/** Sends the request as it is (any method token, any bytes) on its own connection. */
function send(req: FuzzRequest, headers = headersOf(req)): Promise<Answer> {
	const { hostname, port } = new URL(server.url);
	return new Promise((resolve, reject) => {
		const outgoing = request(
			{
				hostname,
				port,
				method: req.method,
				path: req.path,
				headers,
				agent: false,
				localAddress: clientAddress(sent++),
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					text += chunk;
				});
				res.on('error', reject);
				res.on('end', () => {
					let body: unknown = text;
					try {
						body = text ? JSON.parse(text) : null;
					} catch {}
					resolve({ status: res.statusCode ?? 0, body });
				});
			},
		);
		outgoing.on('error', (err) => reject(new Error(`connection failed: ${err.message}`)));
		// A guard, not a measure: a request left unanswered must fail the run, not hang it.
		outgoing.setTimeout(20_000, () => outgoing.destroy(new Error('no answer in 20 s')));
		outgoing.end(req.body);
	});
}

/** What the store holds, as far as any request could change it. */
async function snapshot(req: FuzzRequest): Promise<string> {
	const info = await server.stores.db.info();
	const raw = await server.stores.db.get('_local/fuzz').then(
		(doc) => doc._rev,
		() => null,
	);
	// The sender's own checkpoint at this path, read back through the server as that sender.
	const local = /^\/db\/elbasar\/_local\//.test(req.path)
		? await send({ ...req, method: 'GET', origin: 'none', body: undefined, headers: {} }).then((a) =>
				a.status === 200 ? (a.body as { _rev?: string })._rev : null,
			)
		: null;
	return JSON.stringify([info.update_seq, info.doc_count, raw, local]);
}

/** How many writes an accepted answer says it made. */
function claimedWrites({ body }: Answer): number {
	if (Array.isArray(body)) return body.filter((row) => row && typeof row === 'object' && 'rev' in row).length;
	if (!body || typeof body !== 'object') return 0;
	const answer = body as Record<string, unknown>;
	if (answer.ok === true && (answer.rev || answer.id)) return 1;
	if (typeof answer.created === 'number' && answer.dryRun === false)
		return answer.created + (answer.updated as number);
	if (typeof answer.cancelToken === 'string') return 1;
	return 0;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE']);

/** A request another site could make a signed-in browser send, or a sign-in it could force. */
function forged(req: FuzzRequest): boolean {
	// The path as routed: `/api/..` is `/`, which is not the API.
	const routed = new URL(req.path, server.url).pathname;
	if (!STATE_CHANGING.has(req.method) || req.sender.endsWith('-basic') || !/^\/(api|db)\//.test(routed))
		return false;
	const signIn = req.method === 'POST' && /^\/api\/session\/?$/.test(routed);
	if (!(req.sender.endsWith('-cookie') || signIn)) return false;
	if (req.origin === 'foreign' || req.origin === 'null') return true;
	return req.origin === 'none' && (req.site === 'cross-site' || req.site === 'same-site');
}

const describeRequest = (req: FuzzRequest) =>
	`${req.method} ${req.path} as ${req.sender}, origin ${req.origin}, site ${req.site ?? '-'}, ` +
	`${JSON.stringify(req.headers)} ${req.body ? Buffer.from(req.body).toString('utf8').slice(0, 300) : ''}`;

describe('fuzzed requests over /db and /api', () => {
	it(`${RUNS} requests: no 5xx, nothing written when refused, forged writes refused`, {
		timeout: 180_000,
	}, async () => {
		const seen = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(fuzzRequest, async (req) => {
				const before = await snapshot(req);
				const answer = await send(req);
				const after = await snapshot(req);
				seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
				const what = `${describeRequest(req)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
				expect(answer.status, what).toBeLessThan(500);
				if (answer.status >= 300 || claimedWrites(answer) === 0) expect(after, what).toBe(before);
				if (forged(req)) expect(answer.status, what).toBe(403);
				// A sign-out with a session cookie: sign in again so that the cookie senders stay signed in.
				if (req.method === 'DELETE' && req.path.startsWith('/api/session') && answer.status === 200) {
					if (req.sender === 'lea-cookie') cookies['lea-cookie'] = await signIn(PEOPLE.lea);
					if (req.sender === 'anne-cookie') cookies['anne-cookie'] = await signIn(PEOPLE.animator);
				}
			}),
			{ seed: SEED, numRuns: RUNS },
		);
		if (process.env.FUZZ_RUNS) console.info(Object.fromEntries([...seen].sort()));
		// The generators reach past the first refusals: the runs got answers of many kinds.
		const statuses = [...seen.keys()];
		for (const status of [200, 201, 400, 403, 404, 405, 415]) expect(statuses).toContain(status);
	});
});
