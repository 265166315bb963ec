// SECURE_COOKIES and PUBLIC_URL, from the environment to the Set-Cookie header: behind HTTPS the
// session cookie must say Secure (never sent over plain HTTP), and without it the cookie still works
// on http://. An https PUBLIC_URL means Secure unless SECURE_COOKIES says otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type RunningServer, startServer } from '../../server/app';
import { createAccount, createAuth } from '../../server/auth';
import { loadConfig } from '../../server/config';
import { createLog } from '../../server/log';
import { openStores } from '../../server/store';
import { PASSWORD, PEOPLE } from './helpers';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
	await stop?.();
	stop = undefined;
});

/** A server built as main.ts builds it from these environment variables, on an ephemeral port. */
async function serverWith(env: Record<string, string>): Promise<RunningServer> {
	const config = loadConfig(env);
	const stores = openStores({ memory: true });
	await createAccount(stores.accounts, { ...PEOPLE.lea, password: PASSWORD });
	const auth = createAuth({ accounts: stores.accounts, db: stores.db, secureCookies: config.secureCookies });
	const server = await startServer(
		createApp({ stores, auth, log: createLog(config.logLevel) }),
		0,
		'127.0.0.1',
	);
	stop = async () => {
		await server.close();
		auth.close();
		await stores.close();
	};
	return server;
}

/** Signs Léa in and returns the attributes of the session cookie, lower-cased, without values. */
async function sessionCookieAttributes(server: RunningServer): Promise<string[]> {
	const res = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: PEOPLE.lea.email, password: PASSWORD }),
	});
	expect(res.status).toBe(200);
	const cookies = res.headers.getSetCookie();
	const session = cookies.find((c) => c.startsWith('elbasar_session='));
	expect(session, cookies.join('\n')).toBeDefined();
	const [nameValue, ...attributes] = (session ?? '').split(';').map((part) => part.trim());
	expect(nameValue.length).toBeGreaterThan('elbasar_session='.length);
	return attributes.map((a) => a.toLowerCase());
}

describe('the session cookie', () => {
	it('carries Secure, HttpOnly and SameSite=Lax when SECURE_COOKIES=true', async () => {
		const attributes = await sessionCookieAttributes(await serverWith({ SECURE_COOKIES: 'true' }));
		expect(attributes).toContain('secure');
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
	});

	it('is HttpOnly and SameSite=Lax but not Secure when SECURE_COOKIES is unset, so plain http:// works', async () => {
		const attributes = await sessionCookieAttributes(await serverWith({}));
		expect(attributes).not.toContain('secure');
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
	});

	it('carries Secure when PUBLIC_URL is https and SECURE_COOKIES is unset', async () => {
		const attributes = await sessionCookieAttributes(
			await serverWith({ PUBLIC_URL: 'https://elbasar.example.org' }),
		);
		expect(attributes).toContain('secure');
		expect(attributes).toContain('httponly');
	});

	it('follows SECURE_COOKIES when it is set, whatever PUBLIC_URL says', async () => {
		const off = await serverWith({ PUBLIC_URL: 'https://elbasar.example.org', SECURE_COOKIES: 'false' });
		expect(await sessionCookieAttributes(off)).not.toContain('secure');
		await stop?.();
		const on = await serverWith({ PUBLIC_URL: 'http://elbasar.example.org', SECURE_COOKIES: 'true' });
		expect(await sessionCookieAttributes(on)).toContain('secure');
	});

	it('is not Secure when PUBLIC_URL is plain http', async () => {
		const attributes = await sessionCookieAttributes(
			await serverWith({ PUBLIC_URL: 'http://localhost:8080' }),
		);
		expect(attributes).not.toContain('secure');
	});
});
