// Who is asking: resolves the viewer of a request from its session cookie or HTTP Basic
// credentials, and serves the sign-in routes. Accounts and sessions never leave the server.
/// <reference types="pouchdb-core" />
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { VISITOR, type Viewer } from '../../src/lib/domain';
import { HttpError } from '../errors';
import { type Account, findAccount, normaliseEmail, verifyCredentials } from './accounts';
import { BasicCache, parseBasic } from './basic';
import { SignInLimiter } from './rate-limit';
import { RoleResolver } from './roles';
import { type Caller, sessionRoutes } from './routes';
import { SESSION_COOKIE, SESSION_DAYS, sessionAccount } from './sessions';

export { createAccount } from './accounts';

export interface Auth {
	viewerOf(c: Context): Promise<Viewer>;
	routes: Hono;
	/** Stops the membership changes feed; call it before closing the stores. */
	close(): void;
}

export const WRONG_CREDENTIALS = 'E-mail ou mot de passe incorrect.';

export function createAuth(opts: {
	accounts: PouchDB.Database;
	db: PouchDB.Database;
	secureCookies?: boolean;
}): Auth {
	const { accounts } = opts;
	const roles = new RoleResolver(opts.db);
	const basicCache = new BasicCache();
	const limiter = new SignInLimiter();
	const cookieOptions = {
		httpOnly: true,
		sameSite: 'Lax',
		path: '/',
		secure: opts.secureCookies ?? false,
		maxAge: SESSION_DAYS * 24 * 3600,
	} as const;

	async function callerOf(account: Account): Promise<Caller> {
		const viewer: Viewer = { role: await roles.roleOf(account), accountId: account._id };
		if (account.structureId) viewer.structureId = account.structureId;
		return { viewer, account };
	}

	/** Checks e-mail and password, counting failures; throws 401 or 429. */
	async function signIn(email: string, password: string): Promise<Account> {
		const key = normaliseEmail(email);
		limiter.check(key);
		const account = await verifyCredentials(accounts, key, password);
		if (!account) {
			limiter.fail(key);
			throw new HttpError(401, 'unauthorized', WRONG_CREDENTIALS);
		}
		limiter.succeed(key);
		return account;
	}

	async function fromBasic(header: string, email: string, password: string): Promise<Caller> {
		const cached = basicCache.get(header);
		const account = cached ? await findAccount(accounts, cached) : await signIn(email, password);
		if (!account) throw new HttpError(401, 'unauthorized', WRONG_CREDENTIALS);
		if (!cached) basicCache.remember(header, account._id);
		return callerOf(account);
	}

	async function callerOfRequest(c: Context): Promise<Caller> {
		const header = c.req.header('authorization');
		const basic = parseBasic(header);
		if (header && basic) return fromBasic(header, basic.email, basic.password);
		const token = getCookie(c, SESSION_COOKIE);
		if (!token) return { viewer: VISITOR, account: null };
		const session = await sessionAccount(accounts, token);
		const account = session && (await findAccount(accounts, session.account));
		if (!account) return { viewer: VISITOR, account: null };
		if (session.refreshed) setCookie(c, SESSION_COOKIE, token, cookieOptions);
		return callerOf(account);
	}

	return {
		viewerOf: async (c) => (await callerOfRequest(c)).viewer,
		routes: sessionRoutes({ accounts, callerOf: callerOfRequest, signIn, signedIn: callerOf, cookieOptions }),
		close: () => {
			roles.close();
			basicCache.clear();
		},
	};
}
