// POST /password-reset {email}: a single-use link (30 minutes) by e-mail. The answer is the same,
// and as fast, whether an account has the address or not: it is given before anything is looked up,
// and the lookup, the token and the e-mail happen after it. Limited per network and per address.
// POST /password-reset/confirm {token, password}: a new password (passwordProblem), every session of
// the account ended, this device signed in. A used, expired or unknown link changes nothing.
/// <reference types="pouchdb-core" />
import type { Context } from 'hono';
import { Hono } from 'hono';
import * as v from 'valibot';
import { HttpError } from '../errors';
import type { Mailer } from '../mail';
import { linkTo, RESET_PAGE, RESET_TTL_MS, resetMail } from './account-mails';
import { accountLocale, findAccount, findAccountByEmail, normaliseEmail, setPassword } from './accounts';
import { networkOf } from './client-ip';
import { passwordProblem } from './password-policy';
import { RetryLater } from './retry-later';
import { type Caller, type Deps, readJson, signInDevice, userOf } from './routes';
import { closeSessionsOf } from './sessions';
import { issueToken, readToken, revokeTokens, useToken } from './tokens';

const WINDOW_MS = 15 * 60 * 1000;
/** Requests per network (IPv4 address, IPv6 /64) in a quarter of an hour, over all addresses. */
export const RESET_PER_NETWORK = 10;
/** Requests per e-mail address, from everywhere: a mailbox gets 3 links at most per quarter hour. */
export const RESET_PER_EMAIL = 3;

/**
 * Counts reset requests in a sliding quarter of an hour, per network and per address typed
 * (whether an account has it or not, so the limits tell nothing either). In memory, bounded.
 */
export class ResetLimiter {
	#now: () => number;
	#times = new Map<string, number[]>();
	constructor(now: () => number) {
		this.#now = now;
	}

	/** Counts the request, or throws 429 when the network or the address had its share. */
	take(network: string, email: string): void {
		const now = this.#now();
		const fresh = (key: string) => (this.#times.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
		const byNetwork = fresh(`n ${network}`);
		const byEmail = fresh(`e ${email}`);
		const refuse = (times: number[], reason: string) =>
			new RetryLater(
				429,
				'too_many_requests',
				reason,
				Math.max(1, Math.ceil((times[0] + WINDOW_MS - now) / 1000)),
			);
		if (byNetwork.length >= RESET_PER_NETWORK)
			throw refuse(byNetwork, 'Trop de demandes depuis votre réseau. Réessayez dans un quart d’heure.');
		if (byEmail.length >= RESET_PER_EMAIL)
			throw refuse(
				byEmail,
				'Plusieurs liens ont déjà été demandés pour cette adresse : regardez dans votre boîte (et les indésirables), ou réessayez dans un quart d’heure.',
			);
		for (const [key, times] of [
			[`n ${network}`, byNetwork],
			[`e ${email}`, byEmail],
		] as const) {
			this.#times.delete(key);
			this.#times.set(key, [...times, now]);
		}
		// Least recently touched first: drop the stale, and any beyond the bound.
		for (const [key, times] of this.#times) {
			if (this.#times.size <= 50_000 && now - times[times.length - 1] < WINDOW_MS) break;
			this.#times.delete(key);
		}
	}
}

export interface ResetDeps extends Deps {
	mailer?: Pick<Mailer, 'send'>;
	publicUrl?: string;
	/** The client's address as the sign-in limits see it. */
	addressOf(c: Context): string;
	/** Forgets remembered HTTP Basic checks: an old password must stop working at once. */
	forgetCredentials(): void;
	warn(message: string): void;
}

const Request = v.object({
	email: v.pipe(
		v.string('e-mail attendu'),
		v.trim(),
		v.maxLength(254, 'adresse e-mail trop longue'),
		v.email('adresse e-mail invalide'),
	),
});
const Confirm = v.object({
	token: v.string('lien attendu'),
	password: v.string('mot de passe attendu'),
});

/** The answer to every well-formed request, account or not. */
export const RESET_SENT = {
	ok: true,
	message:
		'Si un compte existe pour cette adresse, un e-mail vient de partir avec un lien pour choisir un nouveau mot de passe. Il est valable 30 minutes.',
} as const;

export function resetRoutes(deps: ResetDeps): Hono {
	const routes = new Hono();
	const limiter = new ResetLimiter(deps.now);
	routes.use('/password-reset/*', noStore);
	routes.use('/password-reset', noStore);

	routes.post('/password-reset', async (c) => {
		const parsed = v.safeParse(Request, await readJson(c, '{email}'));
		if (!parsed.success) throw new HttpError(400, 'bad_request', `Adresse : ${parsed.issues[0].message}.`);
		const email = normaliseEmail(parsed.output.email);
		try {
			limiter.take(networkOf(deps.addressOf(c)), email);
		} catch (err) {
			if (err instanceof RetryLater) c.header('Retry-After', String(err.retryAfter));
			throw err;
		}
		// After the answer: whether an account exists costs the same time to both.
		const base = deps.publicUrl ?? new URL(c.req.url).origin;
		setImmediate(() => {
			sendResetLink(deps, email, base).catch((err) =>
				deps.warn(`Mot de passe oublié : envoi impossible (${(err as Error).message})`),
			);
		});
		return c.json(RESET_SENT);
	});

	routes.post('/password-reset/confirm', async (c) => {
		const parsed = v.safeParse(Confirm, await readJson(c, '{token, password}'));
		if (!parsed.success)
			throw new HttpError(400, 'bad_request', `Nouveau mot de passe : ${parsed.issues[0].message}.`);
		const { token, password } = parsed.output;
		const doc = await readToken(deps.accounts, { token, purpose: 'reset', now: deps.now() });
		const account = await findAccount(deps.accounts, doc.account);
		if (!account || account.disabled) throw new HttpError(410, 'token_revoked', 'Ce compte n’existe plus.');
		// The password is checked before the link is used: a refused one leaves the link valid.
		const problem = passwordProblem(password, [account.name, account.email]);
		if (problem) throw new HttpError(400, 'weak_password', problem);
		await useToken(deps.accounts, { token, purpose: 'reset', now: deps.now() });
		const updated = await setPassword(deps.accounts, account._id, password);
		// Whoever had the old password, on any device, is out; other reset links are void.
		await closeSessionsOf(deps.accounts, account._id, undefined, deps.now());
		await revokeTokens(deps.accounts, account._id, 'reset', deps.now());
		deps.forgetCredentials();
		await signInDevice(c, deps, updated);
		const caller: Caller = await deps.signedIn(updated);
		return c.json({ user: userOf(caller) });
	});
	return routes;
}

async function noStore(c: Context, next: () => Promise<void>) {
	await next();
	c.header('Cache-Control', 'no-store');
}

async function sendResetLink(deps: ResetDeps, email: string, base: string): Promise<void> {
	const account = await findAccountByEmail(deps.accounts, email);
	if (!account || account.disabled || !deps.mailer) return;
	const now = deps.now();
	const token = await issueToken(deps.accounts, {
		purpose: 'reset',
		account: account._id,
		ttlMs: RESET_TTL_MS,
		now,
	});
	const url = linkTo(base, RESET_PAGE, token);
	await deps.mailer.send(resetMail(account.email, account.name, url, accountLocale(account)));
}
