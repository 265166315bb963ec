// Cross-site request forgery: a browser sends the session cookie with a form posted from any site,
// so a write the cookie authenticates must show it comes from the app. It must name the app as its
// Origin (or be same-origin by Sec-Fetch-Site) and carry JSON, which a plain HTML form cannot send
// (multipart on routes that take files). Sign-in gets the same checks, cookie or not, so no site can
// sign a visitor into an account of its choosing. HTTP Basic (PouchDB, scripts) is never sent by a
// browser on its own: those requests pass as before.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { parseBasic } from '../auth/basic';
import { SESSION_COOKIE } from '../auth/sessions';
import { HttpError } from '../errors';

export interface CsrfOptions {
	/** PUBLIC_URL: the one origin writes may come from; without it, the request's own host. */
	publicUrl?: string;
	/** Paths that take a file as multipart/form-data (the directory import). */
	fileRoutes?: string[];
}

/** Methods that change nothing: never checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Routes that sign a device in or create an account, checked cookie or not: no site may sign a
 * visitor into an account of its choosing, nor fill the sign-up queue from someone's browser.
 */
const SIGN_IN = new Set([
	'/api/session',
	'/api/password-reset',
	'/api/password-reset/confirm',
	'/api/invitation/accept',
	'/api/signup',
	'/api/signup/confirm',
]);

export const FOREIGN_ORIGIN = 'Requête refusée : elle ne vient pas de l’application.';
const JSON_EXPECTED = 'Type de contenu non pris en charge : application/json attendu.';
const FILE_EXPECTED = 'Type de contenu non pris en charge : application/json ou multipart/form-data attendu.';

export function csrfGuard({ publicUrl, fileRoutes = [] }: CsrfOptions = {}) {
	const appOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
	const takesFiles = new Set(fileRoutes);
	return createMiddleware(async (c, next) => {
		if (SAFE_METHODS.has(c.req.method) || !needsCheck(c)) return next();
		if (!fromTheApp(c, appOrigin)) throw new HttpError(403, 'forbidden', FOREIGN_ORIGIN);
		const type = mediaType(c.req.header('content-type'));
		const files = takesFiles.has(trimmedPath(c));
		const allowed = type === 'application/json' || (files && type === 'multipart/form-data');
		if ((type !== undefined || hasBody(c)) && !allowed)
			throw new HttpError(415, 'bad_content_type', files ? FILE_EXPECTED : JSON_EXPECTED);
		return next();
	});
}

/** Writes the session cookie authenticates, and every sign-in; not HTTP Basic, which wins over it. */
function needsCheck(c: Context): boolean {
	if (parseBasic(c.req.header('authorization'))) return false;
	if (c.req.method === 'POST' && SIGN_IN.has(trimmedPath(c))) return true;
	return getCookie(c, SESSION_COOKIE) !== undefined;
}

/**
 * Browsers name the page's origin on every write (`Origin`), or at least say whether it is the
 * same site (`Sec-Fetch-Site`); a request with neither does not come from a browser's page.
 */
function fromTheApp(c: Context, appOrigin: string | undefined): boolean {
	const origin = c.req.header('origin');
	if (origin !== undefined) return origin === (appOrigin ?? ownOrigin(c, origin));
	const site = c.req.header('sec-fetch-site');
	return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * The origin this request was addressed to, in the scheme the browser names: a proxy that ends TLS
 * passes the Host on but not the scheme, and a page cannot choose the Host its browser sends.
 */
function ownOrigin(c: Context, origin: string): string | undefined {
	const host = c.req.header('host');
	if (!host) return undefined;
	try {
		return new URL(`${new URL(origin).protocol}//${host}`).origin;
	} catch {
		return undefined;
	}
}

function mediaType(header: string | undefined): string | undefined {
	if (header === undefined) return undefined;
	return header.split(';')[0].trim().toLowerCase();
}

function hasBody(c: Context): boolean {
	const length = c.req.header('content-length');
	return (length !== undefined && length.trim() !== '0') || c.req.header('transfer-encoding') !== undefined;
}

/** The path as routed: the app matches with or without a trailing slash. */
function trimmedPath(c: Context): string {
	return c.req.path.replace(/\/+$/, '');
}
