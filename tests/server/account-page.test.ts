// The account page's routes over real HTTP, mails through a real SMTP conversation: signed-in only,
// name and preferences, an e-mail change confirmed from the new address (the account id stays), a
// password change that needs the current one and ends the other sessions, the sessions listed and
// ended one by one.
import { describe, expect, it } from 'vitest';
import { NEW_EMAIL_PAGE, RESET_PAGE } from '../../server/auth/account-mails';
import { accountId, createAccount, findAccount } from '../../server/auth/accounts';
import { NEW_PASSWORD, send, signedIn, tokenIn, useFlow, whoIs } from './account-flows';
import { PASSWORD, PEOPLE } from './helpers';

const flow = useFlow();
const lea = PEOPLE.lea.email;
const LAPTOP = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('the account page’s routes', () => {
	it('answer only a signed-in person, never cached', async () => {
		for (const [method, path, body] of [
			['GET', '/api/account'],
			['PUT', '/api/account/name', { name: 'X' }],
			['GET', '/api/account/sessions'],
			['POST', '/api/account/password', { current: PASSWORD, password: NEW_PASSWORD }],
		] as const) {
			const answer = await send(flow.server, method, path, body);
			expect(answer.status, path).toBe(401);
			expect(answer.body.reason).toBe('Connectez-vous pour voir votre compte.');
			expect(answer.res.headers.get('cache-control')).toBe('no-store');
		}
	});

	it('change the name and the notification preferences, and refuse bad input in French', async () => {
		const me = await signedIn(flow.server, lea);
		const start = await send(flow.server, 'GET', '/api/account', undefined, me);
		expect(start.body).toMatchObject({
			email: lea,
			name: 'Léa',
			locale: 'fr',
			notifications: { digest: true, newsletter: false },
		});
		const named = await send(flow.server, 'PUT', '/api/account/name', { name: '  Léa Martin ' }, me);
		expect(named.body.name).toBe('Léa Martin');
		const empty = await send(flow.server, 'PUT', '/api/account/name', { name: '  ' }, me);
		expect(empty.status).toBe(400);
		expect(empty.body.reason).toBe('Nom : le nom est obligatoire.');
		const prefs = await send(
			flow.server,
			'PUT',
			'/api/account/notifications',
			{ digest: false, newsletter: true },
			me,
		);
		expect(prefs.body.notifications).toEqual({ digest: false, newsletter: true });
		const bad = await send(flow.server, 'PUT', '/api/account/notifications', { digest: 'oui' }, me);
		expect(bad.status).toBe(400);
		const stored = await findAccount(flow.server.stores.accounts, accountId(lea));
		expect(stored).toMatchObject({ name: 'Léa Martin', notifications: { digest: false, newsletter: true } });
	});
});

describe('an e-mail change', () => {
	it('is confirmed from the new address; the account keeps its id, sessions and password', async () => {
		const me = await signedIn(flow.server, lea);
		const other = await signedIn(flow.server, lea, PASSWORD, LAPTOP);
		const wrong = await send(
			flow.server,
			'POST',
			'/api/account/email',
			{ email: 'lea@nouvelle.test', password: 'pas-le-bon' },
			me,
		);
		expect(wrong.status).toBe(403);
		expect(wrong.body.reason).toBe('Mot de passe actuel incorrect.');

		// An address already taken: the same answer, and no mail leaves.
		const taken = await send(
			flow.server,
			'POST',
			'/api/account/email',
			{ email: PEOPLE.marc.email, password: PASSWORD },
			me,
		);
		const free = await send(
			flow.server,
			'POST',
			'/api/account/email',
			{ email: 'Lea@Nouvelle.test', password: PASSWORD },
			me,
		);
		expect(taken.status).toBe(200);
		expect(free.status).toBe(200);
		expect(Object.keys(taken.body)).toEqual(Object.keys(free.body));
		const [confirm] = await flow.smtp.waitFor(1);
		expect(confirm.to).toEqual(['lea@nouvelle.test']);
		expect(confirm.parsed.subject).toBe('Confirmer votre nouvelle adresse elBasar');
		// Nothing changed until the link is opened.
		expect(await whoIs(flow.server, me)).toBe(lea);

		const token = tokenIn(confirm.parsed.text, NEW_EMAIL_PAGE);
		const done = await send(flow.server, 'POST', '/api/account/email/confirm', { token });
		expect(done.status).toBe(200);
		expect(done.body.email).toBe('lea@nouvelle.test');
		const [, notice] = await flow.smtp.waitFor(2);
		expect(notice.to).toEqual([lea]);
		expect(notice.parsed.text).toContain('lea@nouvelle.test');

		// Both sessions go on, under the same account id, now with the new address.
		expect(await whoIs(flow.server, me)).toBe('lea@nouvelle.test');
		expect(await whoIs(flow.server, other)).toBe('lea@nouvelle.test');
		const session = await send(flow.server, 'GET', '/api/session', undefined, me);
		expect((session.body.user as { accountId: string }).accountId).toBe(accountId(lea));
		// The new address signs in (JSON and Basic), the old one no longer does.
		await signedIn(flow.server, 'lea@nouvelle.test');
		const basic = `Basic ${Buffer.from(`lea@nouvelle.test:${PASSWORD}`).toString('base64')}`;
		const viaBasic = await fetch(`${flow.server.url}/api/session`, { headers: { authorization: basic } });
		expect(((await viaBasic.json()) as { user: { accountId: string } }).user.accountId).toBe(accountId(lea));
		const old = await send(flow.server, 'POST', '/api/session', { email: lea, password: PASSWORD });
		expect(old.status).toBe(401);
		// Neither address can be given to a new account; a reset link goes to the new one.
		for (const email of [lea, 'lea@nouvelle.test'])
			await expect(
				createAccount(flow.server.stores.accounts, { email, password: PASSWORD, name: 'Autre' }),
			).rejects.toMatchObject({ status: 409 });
		await send(flow.server, 'POST', '/api/password-reset', { email: 'lea@nouvelle.test' });
		const [, , reset] = await flow.smtp.waitFor(3);
		expect(reset.to).toEqual(['lea@nouvelle.test']);
		tokenIn(reset.parsed.text, RESET_PAGE);
		// The link served once.
		const again = await send(flow.server, 'POST', '/api/account/email/confirm', { token });
		expect(again.status).toBe(410);
	});

	it('is refused when the address became someone else’s meanwhile, and after 24 hours', async () => {
		const me = await signedIn(flow.server, lea);
		await send(
			flow.server,
			'POST',
			'/api/account/email',
			{ email: 'pris@nouvelle.test', password: PASSWORD },
			me,
		);
		await send(
			flow.server,
			'POST',
			'/api/account/email',
			{ email: 'tard@nouvelle.test', password: PASSWORD },
			me,
		);
		const [first, second] = await flow.smtp.waitFor(2);
		// A second request revoked the first link.
		const revoked = await send(flow.server, 'POST', '/api/account/email/confirm', {
			token: tokenIn(first.parsed.text, NEW_EMAIL_PAGE),
		});
		expect(revoked.body.error).toBe('token_revoked');
		await createAccount(flow.server.stores.accounts, {
			email: 'tard@nouvelle.test',
			password: PASSWORD,
			name: 'Tard',
		});
		const token = tokenIn(second.parsed.text, NEW_EMAIL_PAGE);
		const taken = await send(flow.server, 'POST', '/api/account/email/confirm', { token });
		expect(taken.status).toBe(409);
		expect(taken.body.reason).toBe('Cette adresse est entre-temps devenue celle d’un autre compte.');
		await send(
			flow.server,
			'POST',
			'/api/account/email',
			{ email: 'libre@nouvelle.test', password: PASSWORD },
			me,
		);
		const [, , third] = await flow.smtp.waitFor(3);
		flow.clock.now += 24 * 3600 * 1000 + 1;
		const late = await send(flow.server, 'POST', '/api/account/email/confirm', {
			token: tokenIn(third.parsed.text, NEW_EMAIL_PAGE),
		});
		expect(late.body.error).toBe('token_expired');
		expect(await whoIs(flow.server, me)).toBe(lea);
	});
});

describe('a password change', () => {
	it('needs the current password and a good new one; the other sessions end, this one stays', async () => {
		const me = await signedIn(flow.server, lea);
		const other = await signedIn(flow.server, lea, PASSWORD, LAPTOP);
		const wrong = await send(
			flow.server,
			'POST',
			'/api/account/password',
			{ current: 'pas-le-bon', password: NEW_PASSWORD },
			me,
		);
		expect(wrong.status).toBe(403);
		expect(wrong.body.reason).toBe('Mot de passe actuel incorrect.');
		const weak = await send(
			flow.server,
			'POST',
			'/api/account/password',
			{ current: PASSWORD, password: 'court' },
			me,
		);
		expect(weak.status).toBe(400);
		expect(weak.body.reason).toBe('Mot de passe trop court : 10 caractères au moins.');
		expect(await whoIs(flow.server, other)).toBe(lea);

		const done = await send(
			flow.server,
			'POST',
			'/api/account/password',
			{ current: PASSWORD, password: NEW_PASSWORD },
			me,
		);
		expect(done.status).toBe(200);
		expect(done.body.endedSessions).toBe(1);
		expect(await whoIs(flow.server, me)).toBe(lea);
		expect(await whoIs(flow.server, other)).toBeNull();
		expect((await send(flow.server, 'POST', '/api/session', { email: lea, password: PASSWORD })).status).toBe(
			401,
		);
		await signedIn(flow.server, lea, NEW_PASSWORD);
	});
});

describe('the list of sessions', () => {
	it('shows each device with its label and last activity, and ends one or all the others', async () => {
		const me = await signedIn(flow.server, lea);
		const laptop = await signedIn(flow.server, lea, PASSWORD, LAPTOP);
		const third = await signedIn(flow.server, lea, PASSWORD, 'curl/8.5.0');
		const marc = await signedIn(flow.server, PEOPLE.marc.email);
		const listed = await send(flow.server, 'GET', '/api/account/sessions', undefined, me);
		const sessions = listed.body.sessions as {
			id: string;
			device: string;
			current: boolean;
			lastSeen: string;
			createdAt: string;
		}[];
		expect(sessions).toHaveLength(3);
		expect(sessions[0]).toMatchObject({ current: true, device: 'Chrome · Android' });
		expect(sessions.map((s) => s.device).sort()).toEqual(['Chrome · Android', 'Firefox · Linux', 'curl']);
		for (const s of sessions) expect(Date.parse(s.lastSeen)).toBe(flow.clock.now);

		// lastSeen moves with requests, at most every few minutes.
		flow.clock.now += 10 * 60 * 1000;
		expect(await whoIs(flow.server, laptop)).toBe(lea);
		const later = (await send(flow.server, 'GET', '/api/account/sessions', undefined, me)).body
			.sessions as typeof sessions;
		const laptopSession = later.find((s) => s.device === 'Firefox · Linux')!;
		expect(Date.parse(laptopSession.lastSeen)).toBe(flow.clock.now);

		// Marc cannot end Léa's session; Léa ends her laptop's.
		expect(
			(await send(flow.server, 'DELETE', `/api/account/sessions/${laptopSession.id}`, undefined, marc))
				.status,
		).toBe(404);
		const ended = await send(
			flow.server,
			'DELETE',
			`/api/account/sessions/${laptopSession.id}`,
			undefined,
			me,
		);
		expect(ended.status).toBe(200);
		expect(await whoIs(flow.server, laptop)).toBeNull();
		expect(await whoIs(flow.server, third)).toBe(lea);
		const twice = await send(
			flow.server,
			'DELETE',
			`/api/account/sessions/${laptopSession.id}`,
			undefined,
			me,
		);
		expect(twice.status).toBe(404);
		expect(twice.body.reason).toBe('Cette session est déjà terminée.');

		const others = await send(flow.server, 'DELETE', '/api/account/sessions', undefined, me);
		expect(others.body.endedSessions).toBe(1);
		expect(await whoIs(flow.server, third)).toBeNull();
		expect(await whoIs(flow.server, me)).toBe(lea);
		expect(await whoIs(flow.server, marc)).toBe(PEOPLE.marc.email);
		const alone = (await send(flow.server, 'GET', '/api/account/sessions', undefined, me)).body
			.sessions as typeof sessions;
		expect(alone.map((s) => s.current)).toEqual([true]);
	});
});
