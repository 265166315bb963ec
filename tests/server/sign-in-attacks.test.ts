// Sign-in under attack, each test written as the attack: a flood of failed sign-ins, parallel
// guesses on one address, a stranger locking an owner out, one client trying every address, over
// JSON and HTTP Basic alike. 127.0.0.1 is a trusted proxy here, so X-Forwarded-For plays the
// attackers' addresses; the limits run on a clock the tests move.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../server/auth';
import { clientAddress, networkOf } from '../../server/auth/client-ip';
import { PasswordQueue, passwordQueue } from '../../server/auth/password-queue';
import {
	FREE_FAILURES_PER_EMAIL,
	LONGEST_WAIT_MS,
	MAX_FAILURES_PER_NETWORK,
	MAX_FAILURES_PER_PAIR,
	SignInLimiter,
} from '../../server/auth/rate-limit';
import { RetryLater } from '../../server/auth/retry-later';
import { ConfigError, loadConfig } from '../../server/config';
import { call, PASSWORD, PEOPLE, useTestServer } from './helpers';

const MINUTE = 60_000;
let now = Date.parse('2026-05-04T09:00:00Z');
const server = useTestServer({ auth: { trustedProxies: ['127.0.0.1'], now: () => now } });

// Every test starts a quarter of an hour after the last: the failures of the one before expired.
beforeEach(() => {
	now += 16 * MINUTE;
});

interface Answer {
	status: number;
	reason?: string;
	retryAfter: string | null;
}

async function answer(res: Response): Promise<Answer> {
	const body = (await res.json()) as { reason?: string };
	return { status: res.status, reason: body.reason, retryAfter: res.headers.get('retry-after') };
}

/** POST /api/session as the client at `from`. */
async function signIn(email: string, password: string, from: string): Promise<Answer> {
	const res = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
		body: JSON.stringify({ email, password }),
	});
	return answer(res);
}

/** A replication request with HTTP Basic credentials, as PouchDB sends them, from `from`. */
async function basic(email: string, password: string, from: string): Promise<Answer> {
	const authorization = `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
	const res = await fetch(`${server.url}/db/elbasar`, {
		headers: { authorization, 'x-forwarded-for': from },
	});
	return answer(res);
}

const statuses = (answers: Answer[]) => {
	const counts: Record<number, number> = {};
	for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
	return counts;
};
const hashed = () => passwordQueue.stats().completed;
const randomEmail = () => `${randomUUID()}@example.org`;

describe('a flood of failed sign-ins', () => {
	it('slows neither a visitor reading nor the health check: hashes wait in one line, one at a time', async () => {
		passwordQueue.resetPeak();
		const before = hashed();
		const flood = Array.from({ length: 16 }, (_, i) =>
			signIn(randomEmail(), 'not-the-password', `198.51.100.${i + 1}`),
		);
		await vi.waitFor(() => expect(passwordQueue.stats().waiting).toBeGreaterThanOrEqual(8), {
			timeout: 60_000,
			interval: 5,
		});
		const [page, health] = await Promise.all([
			call(server, '/db/elbasar/_all_docs?limit=5'),
			call(server, '/api/health'),
		]);
		// Answered while sign-ins still waited for their hash: the reads did not queue behind them.
		const during = passwordQueue.stats();
		expect(during.running + during.waiting).toBeGreaterThan(0);
		expect(page.status).toBe(200);
		expect(page.body.rows).toHaveLength(5);
		expect(health.body).toEqual({ ok: true });

		const answers = await Promise.all(flood);
		expect(statuses(answers)).toEqual({ 401: 16 });
		expect(hashed() - before).toBeGreaterThanOrEqual(16);
		expect(passwordQueue.stats().peak).toBeLessThanOrEqual(passwordQueue.concurrency);
	}, 180_000);

	it('is refused at once, with a French reason and Retry-After, when the waiting line is full', async () => {
		const queue = new PasswordQueue({ concurrency: 1, maxWaiting: 2 });
		const release: Array<() => void> = [];
		let ran = 0;
		const slowHash = () =>
			queue.run(() => {
				ran++;
				return new Promise<void>((resolve) => release.push(resolve));
			});
		const accepted = [slowHash(), slowHash(), slowHash()];
		const refused = await slowHash().catch((err: unknown) => err);
		expect(refused).toBeInstanceOf(RetryLater);
		expect(refused).toMatchObject({ status: 503, reason: expect.stringMatching(/réessayez/) });
		expect((refused as RetryLater).retryAfter).toBeGreaterThanOrEqual(1);
		expect(queue.stats()).toMatchObject({ running: 1, waiting: 2, refused: 1 });
		// One at a time: each accepted hash starts when the one before ends.
		for (let i = 0; i < 3; i++) {
			await vi.waitFor(() => expect(release).toHaveLength(1));
			release.shift()?.();
		}
		await Promise.all(accepted);
		expect(ran).toBe(3);
		expect(queue.stats()).toMatchObject({ running: 0, waiting: 0, peak: 1, completed: 3 });
	});
});

describe('guessing the password of one address', () => {
	it('24 guesses at once, over JSON and Basic, are 10 checked and 14 refused with 429, unhashed', async () => {
		const target = PEOPLE.animator.email;
		const from = '203.0.113.1';
		const before = hashed();
		const answers = await Promise.all(
			Array.from({ length: 24 }, (_, i) =>
				i % 2 ? signIn(target, `guess-${i}`, from) : basic(target, `guess-${i}`, from),
			),
		);
		expect(statuses(answers)).toEqual({ 401: MAX_FAILURES_PER_PAIR, 429: 24 - MAX_FAILURES_PER_PAIR });
		expect(hashed() - before).toBe(MAX_FAILURES_PER_PAIR);
		for (const refused of answers.filter((a) => a.status === 429)) {
			expect(refused.reason).toMatch(/^Trop de tentatives de connexion pour cette adresse e-mail/);
			expect(Number(refused.retryAfter)).toBeGreaterThan(0);
		}
		// Locked for the guesser, even with the right password…
		expect((await signIn(target, PASSWORD, from)).status).toBe(429);
		expect((await basic(target, PASSWORD, from)).status).toBe(429);
		// …and only for the guesser.
		expect((await basic(target, PASSWORD, '203.0.113.2')).status).toBe(200);
	}, 180_000);

	it('a successful sign-in clears the failures of its address and e-mail', async () => {
		const from = '203.0.113.3';
		const wrong = await Promise.all(
			Array.from({ length: MAX_FAILURES_PER_PAIR - 1 }, (_, i) =>
				signIn(PEOPLE.lea.email, `guess-${i}`, from),
			),
		);
		expect(statuses(wrong)).toEqual({ 401: MAX_FAILURES_PER_PAIR - 1 });
		expect((await signIn(PEOPLE.lea.email, PASSWORD, from)).status).toBe(200);
		// Without the clearing, the second of these would be the eleventh failure.
		const typos = await Promise.all([
			signIn(PEOPLE.lea.email, 'typo-1', from),
			signIn(PEOPLE.lea.email, 'typo-2', from),
		]);
		expect(statuses(typos)).toEqual({ 401: 2 });
	}, 180_000);
});

describe('a stranger cannot lock the owner out', () => {
	it('ten and more wrong passwords from one address leave the owner free to sign in from theirs', async () => {
		const owner = PEOPLE.nina.email;
		const stranger = '192.0.2.10';
		const answers = await Promise.all(
			Array.from({ length: 12 }, (_, i) => signIn(owner, `guess-${i}`, stranger)),
		);
		expect(statuses(answers)).toEqual({ 401: 10, 429: 2 });
		const home = await signIn(owner, PASSWORD, '192.0.2.20');
		expect(home.status).toBe(200);
	}, 180_000);

	it('strangers on many networks only make the account wait, never for the owner’s own network', async () => {
		const owner = PEOPLE.marc.email;
		const home = '192.0.2.30';
		expect((await signIn(owner, PASSWORD, home)).status).toBe(200);
		const strangers = ['192.0.2.31', '192.0.2.32'];
		const answers = await Promise.all(
			Array.from({ length: FREE_FAILURES_PER_EMAIL }, (_, i) =>
				signIn(owner, `guess-${i}`, strangers[i % strangers.length]),
			),
		);
		expect(statuses(answers)).toEqual({ 401: FREE_FAILURES_PER_EMAIL });
		// From now on the account waits between attempts, from any network…
		const third = await signIn(owner, 'guess', '192.0.2.33');
		expect(third).toMatchObject({ status: 429, retryAfter: '1' });
		expect(third.reason).toMatch(/Réessayez dans 1 s/);
		// …but the owner's own network does not wait,
		expect((await signIn(owner, PASSWORD, home)).status).toBe(200);
		// and from a new network the owner waits, then signs in: a delay, not a lockout.
		const away = '192.0.2.34';
		const waited = await signIn(owner, PASSWORD, away);
		expect(waited.status).toBe(429);
		now += Number(waited.retryAfter) * 1000;
		expect((await signIn(owner, PASSWORD, away)).status).toBe(200);
	}, 180_000);
});

describe('one client trying one password on many addresses', () => {
	it('is refused after 20 failures from its network, over JSON and Basic together', async () => {
		const from = '198.51.100.200';
		const answers = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				i % 2 ? signIn(randomEmail(), 'Printemps2026', from) : basic(randomEmail(), 'Printemps2026', from),
			),
		);
		expect(statuses(answers)).toEqual({
			401: MAX_FAILURES_PER_NETWORK,
			429: 50 - MAX_FAILURES_PER_NETWORK,
		});
		for (const refused of answers.filter((a) => a.status === 429)) {
			expect(refused.reason).toMatch(/^Trop de tentatives de connexion depuis votre réseau/);
			expect(Number(refused.retryAfter)).toBeGreaterThan(10 * 60);
		}
		// Another network is not concerned.
		expect((await signIn(randomEmail(), 'Printemps2026', '198.51.100.201')).status).toBe(401);
	}, 180_000);

	it('counts an IPv6 client by its /64, so changing address within it does not help', () => {
		expect(networkOf('2001:db8:1:2::1')).toBe(networkOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd'));
		expect(networkOf('2001:db8:1:2::1')).not.toBe(networkOf('2001:db8:1:3::1'));
		expect(networkOf('198.51.100.7')).toBe('198.51.100.7');
	});
});

describe('HTTP Basic, as PouchDB sends it', () => {
	it('checks one header once when a client sends several requests with it at once', async () => {
		const email = `pouchdb-${randomUUID()}@example.org`;
		await createAccount(server.stores.accounts, { email, password: PASSWORD, name: 'Appareil' });
		const before = hashed();
		const answers = await Promise.all(
			Array.from({ length: 8 }, () => basic(email, PASSWORD, '198.51.100.50')),
		);
		expect(statuses(answers)).toEqual({ 200: 8 });
		expect(hashed() - before).toBe(1);
	}, 60_000);
});

describe('the client address', () => {
	const trusted = new Set(['127.0.0.1', '::1']);
	const app = new Hono().get('/', (c) => c.text(clientAddress(c, trusted)));
	const from = async (peer: string, forwardedFor?: string) => {
		const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
		const res = await app.request('/', { headers }, { incoming: { socket: { remoteAddress: peer } } });
		return res.text();
	};

	it('is the peer, whose X-Forwarded-For is ignored unless it is a trusted proxy', async () => {
		expect(await from('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
		expect(await from('127.0.0.1')).toBe('127.0.0.1');
	});

	it('behind a trusted proxy, is the right-most address the proxy did not write itself', async () => {
		// What a client writes on the left is not believed.
		expect(await from('127.0.0.1', '10.0.0.1, 203.0.113.9')).toBe('203.0.113.9');
		expect(await from('::ffff:127.0.0.1', '203.0.113.9, ::1')).toBe('203.0.113.9');
		expect(await from('::1', '[2001:DB8::1]:443')).toBe('2001:db8::1');
		expect(await from('127.0.0.1', '127.0.0.1')).toBe('127.0.0.1');
	});

	it('TRUSTED_PROXIES is a list of IP addresses, empty by default, refused in French otherwise', () => {
		expect(loadConfig({}).trustedProxies).toEqual([]);
		expect(loadConfig({ TRUSTED_PROXIES: '127.0.0.1, ::1' }).trustedProxies).toEqual(['127.0.0.1', '::1']);
		for (const wrong of ['localhost', '127.0.0.1,', '10.0.0.0/8'])
			expect(() => loadConfig({ TRUSTED_PROXIES: wrong })).toThrow(ConfigError);
		expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.local' })).toThrow(
			/TRUSTED_PROXIES="proxy.local" : doit être une liste d’adresses IP/,
		);
	});
});

describe('the limits, on their own clock', () => {
	it('make one e-mail wait twice as long after each failure beyond 20, a minute at most', () => {
		let clock = 0;
		const limiter = new SignInLimiter({ now: () => clock });
		const waits: number[] = [];
		for (let i = 0; i < 40; i++) {
			try {
				limiter.begin(`network-${i}`, 'owner@example.org').failed();
				waits.push(0);
			} catch (err) {
				const { retryAfter } = err as RetryLater;
				waits.push(retryAfter);
				clock += retryAfter * 1000;
				limiter.begin(`network-${i}`, 'owner@example.org').failed();
			}
		}
		expect(waits.slice(0, FREE_FAILURES_PER_EMAIL)).toEqual(Array(FREE_FAILURES_PER_EMAIL).fill(0));
		expect(waits.slice(FREE_FAILURES_PER_EMAIL, FREE_FAILURES_PER_EMAIL + 6)).toEqual([1, 2, 4, 8, 16, 32]);
		expect(Math.max(...waits)).toBe(LONGEST_WAIT_MS / 1000);
	});

	it('give back the places of an attempt that was never checked (hashing queue full)', () => {
		const limiter = new SignInLimiter({ now: () => 0 });
		for (let i = 0; i < 100; i++) limiter.begin('192.0.2.1', 'a@example.org').cancelled();
		expect(() => limiter.begin('192.0.2.1', 'a@example.org')).not.toThrow();
	});

	it('forget failures after a quarter of an hour, and hold a bounded number of keys', () => {
		let clock = 0;
		const limiter = new SignInLimiter({ now: () => clock });
		for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++) limiter.begin('192.0.2.1', 'a@example.org').failed();
		expect(() => limiter.begin('192.0.2.1', 'a@example.org')).toThrow(RetryLater);
		clock += 15 * MINUTE;
		expect(() => limiter.begin('192.0.2.1', 'a@example.org').failed()).not.toThrow();
		for (let i = 0; i < 60_000; i++) limiter.begin(`10.0.${i >> 8}.${i & 255}`, `${i}@example.org`).failed();
		const { network, pair, email } = limiter.sizes;
		expect(Math.max(network, pair, email)).toBeLessThanOrEqual(50_000);
		clock += 16 * MINUTE;
		limiter.begin('192.0.2.2', 'b@example.org').failed();
		// The next failure drops the expired keys (the least recently touched come first).
		expect(limiter.sizes).toMatchObject({ network: 1, pair: 1, email: 1 });
	});
});
