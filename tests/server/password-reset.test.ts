// « Mot de passe oublié ? » over real HTTP, the link read from a real SMTP conversation: the same
// answer for a known and an unknown address, a link that sets a new password once, within 30
// minutes (injected clock), ends every session of the account and signs this device in.
import { describe, expect, it } from 'vitest';
import { RESET_PAGE } from '../../server/auth/account-mails';
import { RESET_PER_EMAIL } from '../../server/auth/reset';
import { NEW_PASSWORD, PUBLIC_URL, send, signedIn, tokenIn, useFlow, whoIs } from './account-flows';
import { PASSWORD, PEOPLE } from './helpers';

const flow = useFlow();
const lea = PEOPLE.lea.email;

async function requestReset(email: string) {
	const started = performance.now();
	const answer = await send(flow.server, 'POST', '/api/password-reset', { email });
	return { ...answer, ms: performance.now() - started };
}

async function resetLink(): Promise<string> {
	const before = flow.smtp.messages.length;
	expect((await requestReset(lea)).status).toBe(200);
	const [mail] = (await flow.smtp.waitFor(before + 1)).slice(before);
	expect(mail.to).toEqual([lea]);
	return tokenIn(mail.parsed.text, RESET_PAGE);
}

describe('a password reset request', () => {
	it('gets the same status, body and headers for a known and an unknown address; only the known one gets a mail', async () => {
		// A first request warms the route up, so the measured ones compare like with like; each known
		// request's mail is awaited before the next measure, so no background work overlaps it.
		await requestReset('echauffement@nulle-part.test');
		const timings = { known: [] as number[], unknown: [] as number[] };
		for (let round = 1; round <= 2; round++) {
			const unknown = await requestReset(`personne-${round}@nulle-part.test`);
			const known = await requestReset(lea);
			await flow.smtp.waitFor(round);
			timings.known.push(known.ms);
			timings.unknown.push(unknown.ms);
			expect(known.status).toBe(200);
			expect(unknown.status).toBe(known.status);
			expect(unknown.body).toEqual(known.body);
			expect(unknown.res.headers.get('cache-control')).toBe('no-store');
			expect(known.res.headers.get('cache-control')).toBe('no-store');
		}
		const ms = (list: number[]) => list.map((t) => `${t.toFixed(1)} ms`).join(', ');
		console.log(
			`password reset request timings: known address ${ms(timings.known)}; unknown address ${ms(timings.unknown)}`,
		);
		// Two mails, both to the known address: the unknown ones made none.
		const mails = await flow.smtp.waitFor(2);
		expect(mails.map((m) => m.to[0])).toEqual([lea, lea]);
		const [mail] = mails;
		expect(mail.parsed.subject).toBe('Choisir un nouveau mot de passe elBasar');
		expect(mail.parsed.text).toContain('30 minutes');
		expect(mail.parsed.html).toContain(`${PUBLIC_URL}${RESET_PAGE}#`);
	});

	it('is limited per address, known or not, with the same French answer', async () => {
		for (const email of [lea, 'personne@nulle-part.test']) {
			for (let i = 0; i < RESET_PER_EMAIL; i++) expect((await requestReset(email)).status).toBe(200);
			const refused = await requestReset(email);
			expect(refused.status).toBe(429);
			expect(refused.res.headers.get('retry-after')).toMatch(/^\d+$/);
			expect(refused.body.reason).toMatch(/^Plusieurs liens ont déjà été demandés pour cette adresse/);
		}
		// A quarter of an hour later, the address may ask again.
		flow.clock.now += 15 * 60 * 1000;
		expect((await requestReset(lea)).status).toBe(200);
	});

	it('is limited per network over all addresses', async () => {
		const answers = [];
		for (let i = 0; i < 11; i++) answers.push((await requestReset(`quelquun-${i}@nulle-part.test`)).status);
		expect(answers).toEqual([...Array(10).fill(200), 429]);
	});

	it('refuses a malformed address in French, and a body that is not JSON', async () => {
		const bad = await send(flow.server, 'POST', '/api/password-reset', { email: 'pas-une-adresse' });
		expect(bad.status).toBe(400);
		expect(bad.body.reason).toBe('Adresse : adresse e-mail invalide.');
		const form = await flow.server.app.request('/api/password-reset', {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: JSON.stringify({ email: lea }),
		});
		expect(form.status).toBe(415);
	});
});

describe('the reset link', () => {
	it('sets the new password, ends every session of the account and signs this device in', async () => {
		const phone = await signedIn(flow.server, lea);
		const laptop = await signedIn(
			flow.server,
			lea,
			PASSWORD,
			'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
		);
		const marc = await signedIn(flow.server, PEOPLE.marc.email);
		const token = await resetLink();

		// A weak password is refused in French, and the link still holds.
		const weak = await send(flow.server, 'POST', '/api/password-reset/confirm', {
			token,
			password: 'azertyuiop',
		});
		expect(weak.status).toBe(400);
		expect(weak.body.error).toBe('weak_password');
		expect(weak.body.reason).toMatch(/^Mot de passe trop facile à deviner/);
		expect(await whoIs(flow.server, phone)).toBe(lea);

		const done = await send(flow.server, 'POST', '/api/password-reset/confirm', {
			token,
			password: NEW_PASSWORD,
		});
		expect(done.status).toBe(200);
		expect(done.res.headers.get('cache-control')).toBe('no-store');
		expect((done.body.user as { email: string }).email).toBe(lea);
		const fresh = (done.res.headers.get('set-cookie') ?? '').split(';')[0];
		expect(await whoIs(flow.server, fresh)).toBe(lea);
		// Both devices signed in before are out; someone else's session is untouched.
		expect(await whoIs(flow.server, phone)).toBeNull();
		expect(await whoIs(flow.server, laptop)).toBeNull();
		expect(await whoIs(flow.server, marc)).toBe(PEOPLE.marc.email);

		// The old password no longer opens the account, the new one does (JSON and HTTP Basic).
		const old = await send(flow.server, 'POST', '/api/session', { email: lea, password: PASSWORD });
		expect(old.status).toBe(401);
		await signedIn(flow.server, lea, NEW_PASSWORD);
		const basic = (password: string) => `Basic ${Buffer.from(`${lea}:${password}`).toString('base64')}`;
		const viaBasic = await fetch(`${flow.server.url}/api/session`, {
			headers: { authorization: basic(PASSWORD) },
		});
		expect(viaBasic.status).toBe(401);

		// The same link again: refused, nothing changed.
		const again = await send(flow.server, 'POST', '/api/password-reset/confirm', {
			token,
			password: 'autre-chose-tres-longue-91',
		});
		expect(again.status).toBe(410);
		expect(again.body.error).toBe('token_used');
		expect(again.body.reason).toBe(
			'Ce lien a déjà servi : il ne vaut qu’une fois. Demandez-en un nouveau si besoin.',
		);
		await signedIn(flow.server, lea, NEW_PASSWORD);
	});

	it('is refused 30 minutes later (injected clock), and the password stays the old one', async () => {
		const token = await resetLink();
		flow.clock.now += 30 * 60 * 1000 + 1;
		const late = await send(flow.server, 'POST', '/api/password-reset/confirm', {
			token,
			password: NEW_PASSWORD,
		});
		expect(late.status).toBe(410);
		expect(late.body.error).toBe('token_expired');
		expect(late.body.reason).toBe('Ce lien a expiré : demandez-en un nouveau.');
		await signedIn(flow.server, lea);
	});

	it('refuses a forged or truncated token, and a reset link used as another kind', async () => {
		const token = await resetLink();
		for (const forged of [`${token.slice(0, -2)}xx`, token.slice(0, 10), 'x'.repeat(43), 42]) {
			const answer = await send(flow.server, 'POST', '/api/password-reset/confirm', {
				token: forged,
				password: NEW_PASSWORD,
			});
			expect(answer.status).toBe(typeof forged === 'string' ? 404 : 400);
		}
		// The real link still works after the forgeries.
		const done = await send(flow.server, 'POST', '/api/password-reset/confirm', {
			token,
			password: NEW_PASSWORD,
		});
		expect(done.status).toBe(200);
		// A reset link is no address-change link: unknown as one.
		const other = await send(flow.server, 'POST', '/api/account/email/confirm', { token: await resetLink() });
		expect(other.status).toBe(404);
		expect(other.body.error).toBe('token_unknown');
	});
});
