// What the password-reset and account-page tests share: a server whose auth sends its links to a
// real SMTP server on loopback, a clock the test moves, and sign-ins that keep each device's cookie.
import { afterEach, beforeEach, expect } from 'vitest';
import { loadConfig } from '../../server/config';
import { createMailer, type Mailer } from '../../server/mail';
import { call, PASSWORD, postJson, startTestServer, type TestServer } from './helpers';
import { startSmtp, type TestSmtp } from './smtp';

export const PUBLIC_URL = 'https://elbasar.example.org';
/** Passes the password policy (zxcvbn score 3 or more). */
export const NEW_PASSWORD = 'girafe-piano-brumeux-47';

export interface Flow {
	server: TestServer;
	smtp: TestSmtp;
	clock: { now: number };
}

/** A fresh server and SMTP sink per test (passwords and sessions change). */
export function useFlow(): Flow {
	const flow = { clock: { now: Date.parse('2026-12-02T09:00:00Z') } } as Flow;
	let mailer: Mailer;
	beforeEach(async () => {
		flow.smtp = await startSmtp();
		mailer = createMailer(loadConfig({ DATA_DIR: '/nonexistent', SMTP_URL: flow.smtp.url }).mail);
		flow.server = await startTestServer({
			auth: { mailer, publicUrl: PUBLIC_URL, now: () => flow.clock.now, warn: () => {} },
		});
	});
	afterEach(async () => {
		await flow.server.close();
		mailer.close();
		await flow.smtp.close();
	});
	return flow;
}

/** Signs in as a device with this User-Agent; returns its cookie. */
export async function signedIn(
	server: TestServer,
	email: string,
	password = PASSWORD,
	userAgent = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36',
): Promise<string> {
	const init = postJson({ email, password });
	const { res } = await call(server, '/api/session', {
		...init,
		headers: { ...(init.headers as Record<string, string>), 'user-agent': userAgent },
	});
	expect(res.status).toBe(200);
	return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** A JSON call as the device holding `cookie` (or none), from the app's own origin. */
export function send(server: TestServer, method: string, path: string, body?: unknown, cookie?: string) {
	const headers: Record<string, string> = { origin: server.url };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	return call(server, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Who the device holding `cookie` is signed in as (null: nobody). */
export async function whoIs(server: TestServer, cookie: string): Promise<string | null> {
	const { body } = await send(server, 'GET', '/api/session', undefined, cookie);
	return (body.user as { email?: string } | null)?.email ?? null;
}

/** The token of the link to `page` in a received mail's text. */
export function tokenIn(text: string, page: string): string {
	const match = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}${page}#([A-Za-z0-9_-]+)`).exec(text);
	expect(match, text).not.toBeNull();
	return match![1];
}
