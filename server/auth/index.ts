// Who is asking: resolves the viewer of a request from its session cookie or HTTP Basic
// credentials, and serves the sign-in routes. Accounts and sessions never leave the server.
/// <reference types="pouchdb-core" />
import { setTimeout } from 'node:timers/promises';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { VISITOR, type Viewer } from '../../src/lib/domain';
import { HttpError } from '../errors';
import type { Mailer } from '../mail';
import { accountRoutes } from './account-page';
import { type Account, findAccount, normaliseEmail, verifyCredentials } from './accounts';
import { BasicCache, parseBasic } from './basic';
import { canonicalAddress, clientAddress, networkOf } from './client-ip';
import { type SignInAttempt, SignInLimiter } from './rate-limit';
import { resetRoutes } from './reset';
import { withRetryAfter } from './retry-later';
import { RoleResolver } from './roles';
import { type Caller, sessionRoutes } from './routes';
import { SESSION_COOKIE, SESSION_DAYS, sessionAccount, sha256 } from './sessions';

export { createAccount } from './accounts';

export interface Auth {
	viewerOf(c: Context): Promise<Viewer>;
	routes: Hono;
	/** How the session cookie is set (another route that opens a session sets it the same way). */
	cookieOptions: CookieOptions;
	/** Stops the membership changes feed; call it before closing the stores. */
	close(): void;
}

export const WRONG_CREDENTIALS = 'E-mail ou mot de passe incorrect.';
/**
 * A refused attempt (429) is answered after this long: a client looping on sign-ins meets its limit
 * and then waits a second per request instead of costing the server a request per millisecond.
 */
const REFUSAL_DELAY_MS = 1000;

export interface AuthOptions {
	accounts: PouchDB.Database;
	db: PouchDB.Database;
	secureCookies?: boolean;
	/** Proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES): IP addresses. */
	trustedProxies?: readonly string[];
	/** The clock of the sign-in limits, sessions and links (tests move it instead of waiting). */
	now?: () => number;
	/** Sends the reset and address-change links; without it, no link leaves (nothing is pretended sent). */
	mailer?: Pick<Mailer, 'send'>;
	/** PUBLIC_URL, for absolute links in e-mails; else the request's own origin. */
	publicUrl?: string;
	/** Where a mail that could not leave is told (the server's log). */
	warn?: (message: string) => void;
}

/** An operator disabled it (`npm run accounts -- disable`): it opens nothing any more. */
const isDisabled = (account: Account) => account.disabled === true;

export function createAuth(opts: AuthOptions): Auth {
	const { accounts } = opts;
	const roles = new RoleResolver(opts.db);
	const basicCache = new BasicCache();
	/** Basic checks under way, by header hash: PouchDB sends several requests at once with one header. */
	const basicChecks = new Map<string, Promise<Account>>();
	const limiter = new SignInLimiter({ now: opts.now });
	const now = opts.now ?? Date.now;
	const trusted = new Set((opts.trustedProxies ?? []).map((ip) => canonicalAddress(ip) ?? ip));
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

	/**
	 * Checks e-mail and password within the sign-in limits (rate-limit.ts); throws 401, 429 or 503.
	 * The attempt is counted before the first await, so parallel attempts see each other.
	 */
	async function check(address: string, email: string, password: string): Promise<Account> {
		const key = normaliseEmail(email);
		let attempt: SignInAttempt;
		try {
			// No account has a longer e-mail; a Basic header may carry kilobytes the limits would keep.
			attempt = limiter.begin(networkOf(address), key.slice(0, 254));
		} catch (err) {
			await setTimeout(REFUSAL_DELAY_MS);
			throw err;
		}
		let account: Account | null;
		try {
			account = await verifyCredentials(accounts, key, password);
		} catch (err) {
			attempt.cancelled();
			throw err;
		}
		if (!account || isDisabled(account)) {
			attempt.failed();
			throw new HttpError(401, 'unauthorized', WRONG_CREDENTIALS);
		}
		attempt.succeeded();
		return account;
	}

	const signIn = (c: Context, email: string, password: string) =>
		withRetryAfter(c, check(clientAddress(c, trusted), email, password));

	async function fromBasic(c: Context, header: string, email: string, password: string): Promise<Caller> {
		const cached = basicCache.get(header);
		if (cached) {
			const account = await findAccount(accounts, cached);
			if (!account || isDisabled(account)) throw new HttpError(401, 'unauthorized', WRONG_CREDENTIALS);
			return callerOf(account);
		}
		const key = sha256(header);
		let checking = basicChecks.get(key);
		if (!checking) {
			checking = check(clientAddress(c, trusted), email, password).finally(() => basicChecks.delete(key));
			basicChecks.set(key, checking);
		}
		const account = await withRetryAfter(c, checking);
		basicCache.remember(header, account._id);
		return callerOf(account);
	}

	async function callerOfRequest(c: Context): Promise<Caller> {
		const header = c.req.header('authorization');
		const basic = parseBasic(header);
		if (header && basic) return fromBasic(c, header, basic.email, basic.password);
		const token = getCookie(c, SESSION_COOKIE);
		if (!token) return { viewer: VISITOR, account: null };
		const session = await sessionAccount(accounts, token, now());
		const account = session && (await findAccount(accounts, session.account));
		if (!account || isDisabled(account)) return { viewer: VISITOR, account: null };
		if (session.refreshed) setCookie(c, SESSION_COOKIE, token, cookieOptions);
		return callerOf(account);
	}

	const deps = {
		accounts,
		now,
		callerOf: callerOfRequest,
		signIn,
		signedIn: callerOf,
		cookieOptions,
		mailer: opts.mailer,
		publicUrl: opts.publicUrl,
		addressOf: (c: Context) => clientAddress(c, trusted),
		forgetCredentials: () => basicCache.clear(),
		warn: opts.warn ?? ((message: string) => console.warn(message)),
	};
	const routes = sessionRoutes(deps);
	routes.route('/', resetRoutes(deps));
	routes.route('/', accountRoutes(deps));

	return {
		viewerOf: async (c) => (await callerOfRequest(c)).viewer,
		cookieOptions,
		routes,
		close: () => {
			roles.close();
			basicCache.clear();
		},
	};
}
