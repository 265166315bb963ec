// PUT /api/account/locale: a signed-in device tells the language chosen there, so the server
// writes that account's e-mails in it; bad input and visitors are refused in French.
import { describe, expect, it } from 'vitest';
import { accountId, findAccount } from '../../server/auth/accounts';
import { call, PASSWORD, PEOPLE, postJson, useTestServer } from './helpers';

const server = useTestServer({ each: true });

async function sessionCookie(email: string): Promise<string> {
	const { res } = await call(server, '/api/session', postJson({ email, password: PASSWORD }));
	expect(res.status).toBe(200);
	return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

const put = (body: string, cookie?: string): RequestInit => ({
	method: 'PUT',
	headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
	body,
});

const localeOf = async (email: string) =>
	(await findAccount(server.stores.accounts, accountId(email)))?.locale;

describe('the language of an account’s e-mails', () => {
	it('is French until the device says otherwise, then the one chosen', async () => {
		expect(await localeOf(PEOPLE.lea.email)).toBeUndefined();
		const cookie = await sessionCookie(PEOPLE.lea.email);
		const answer = await call(server, '/api/account/locale', put(JSON.stringify({ locale: 'en' }), cookie));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ locale: 'en' });
		expect(await localeOf(PEOPLE.lea.email)).toBe('en');
		// Back to French, and the same choice twice is no error.
		for (let i = 0; i < 2; i++) {
			const again = await call(server, '/api/account/locale', put(JSON.stringify({ locale: 'fr' }), cookie));
			expect(again.body).toEqual({ locale: 'fr' });
		}
		expect(await localeOf(PEOPLE.lea.email)).toBe('fr');
		// Only Léa's account changed.
		expect(await localeOf(PEOPLE.marc.email)).toBeUndefined();
	});

	it('refuses a language the app does not have, and a body that is not JSON, with a French reason', async () => {
		const cookie = await sessionCookie(PEOPLE.lea.email);
		for (const body of [
			JSON.stringify({ locale: 'de' }),
			JSON.stringify({ locale: 1 }),
			'{}',
			'null',
			'["en"]',
			'en',
		]) {
			const answer = await call(server, '/api/account/locale', put(body, cookie));
			expect(answer.status, body).toBe(400);
			expect(answer.body.error).toBe('bad_request');
			expect(answer.body.reason, body).toMatch(
				/^(Langue : langue attendue : « fr » ou « en »\.|Corps JSON \{locale\} attendu\.)$/,
			);
		}
		expect(await localeOf(PEOPLE.lea.email)).toBeUndefined();
	});

	it('needs a signed-in account', async () => {
		const answer = await call(server, '/api/account/locale', put(JSON.stringify({ locale: 'en' })));
		expect(answer.status).toBe(401);
		expect(answer.body.reason).toBe('Connectez-vous pour choisir la langue de vos e-mails.');
		const stale = await call(
			server,
			'/api/account/locale',
			put(JSON.stringify({ locale: 'en' }), 'elbasar_session=not-a-session'),
		);
		expect(stale.status).toBe(401);
	});
});
