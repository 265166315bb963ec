// POST/GET/DELETE /session: sign in with e-mail and password, ask who is signed in, sign out.
// PUT /account/locale: the language the signed-in account's e-mails are written in.
// The password reset (reset.ts) and the account page (account-page.ts) are mounted beside them.
/// <reference types="pouchdb-core" />
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import * as v from 'valibot';
import type { Viewer } from '../../src/lib/domain';
import { HttpError } from '../errors';
import { type Account, setAccountLocale } from './accounts';
import { closeSession, deviceLabel, openSession, SESSION_COOKIE } from './sessions';

/** A request's viewer together with the account behind it (null for a visitor). */
export interface Caller {
	viewer: Viewer;
	account: Account | null;
}

export interface Deps {
	accounts: PouchDB.Database;
	/** The clock of sessions, tokens and limits (tests move it). */
	now(): number;
	callerOf(c: Context): Promise<Caller>;
	/** Checks the credentials within the sign-in limits of the request's client. */
	signIn(c: Context, email: string, password: string): Promise<Account>;
	signedIn(account: Account): Promise<Caller>;
	cookieOptions: CookieOptions;
}

const Credentials = v.object({
	email: v.pipe(v.string('e-mail attendu'), v.maxLength(254, 'adresse e-mail trop longue')),
	password: v.pipe(v.string('mot de passe attendu'), v.maxLength(1024, 'mot de passe trop long')),
});

/** What the app may know about the signed-in person: never the password hash. */
export function userOf({ viewer, account }: Caller) {
	if (!account) return null;
	return {
		// Stable across e-mail changes (accounts.ts, LoginDoc): the app writes it into documents.
		accountId: account._id,
		email: account.email,
		name: account.name,
		role: viewer.role,
		structureId: account.structureId ?? null,
	};
}

async function readCredentials(c: Context) {
	const body = await c.req.json().catch(() => {
		throw new HttpError(400, 'bad_request', 'Corps JSON {email, password} attendu.');
	});
	const parsed = v.safeParse(Credentials, body);
	if (!parsed.success) throw new HttpError(400, 'bad_request', `Connexion : ${parsed.issues[0].message}.`);
	return parsed.output;
}

/** A JSON body, or 400 with `expected` (`{token, password}`…) in the reason. */
export async function readJson(c: Context, expected: string): Promise<unknown> {
	// Only JSON: a form posted from another site (text/plain) is never read as one.
	const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json')
		throw new HttpError(
			415,
			'bad_content_type',
			'Type de contenu non pris en charge : application/json attendu.',
		);
	return c.req.json().catch(() => {
		throw new HttpError(400, 'bad_request', `Corps JSON ${expected} attendu.`);
	});
}

/** Opens a session for this device and sets its cookie. */
export async function signInDevice(
	c: Context,
	deps: Pick<Deps, 'accounts' | 'now' | 'cookieOptions'>,
	account: Account,
) {
	const token = await openSession(
		deps.accounts,
		account._id,
		deps.now(),
		deviceLabel(c.req.header('user-agent')),
	);
	setCookie(c, SESSION_COOKIE, token, deps.cookieOptions);
	return token;
}

export function sessionRoutes(deps: Deps): Hono {
	const routes = new Hono();
	routes.use('/session', async (c, next) => {
		await next();
		c.header('Cache-Control', 'no-store');
	});

	routes.post('/session', async (c) => {
		const { email, password } = await readCredentials(c);
		const account = await deps.signIn(c, email, password);
		await signInDevice(c, deps, account);
		return c.json({ user: userOf(await deps.signedIn(account)) });
	});

	routes.get('/session', async (c) => c.json({ user: userOf(await deps.callerOf(c)) }));

	routes.delete('/session', async (c) => {
		const token = getCookie(c, SESSION_COOKIE);
		if (token) await closeSession(deps.accounts, token);
		deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.cookieOptions.secure });
		return c.json({ ok: true });
	});

	// The device tells the language chosen there, so the server writes e-mails in it too.
	routes.put('/account/locale', async (c) => {
		const { account } = await deps.callerOf(c);
		if (!account)
			throw new HttpError(401, 'unauthorized', 'Connectez-vous pour choisir la langue de vos e-mails.');
		const body = await c.req.json().catch(() => {
			throw new HttpError(400, 'bad_request', 'Corps JSON {locale} attendu.');
		});
		return c.json({ locale: await setAccountLocale(deps.accounts, account._id, body) });
	});
	return routes;
}
