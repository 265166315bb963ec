// /api/structures/<key>/team…: a structure's accounts, invitations, removals and roles;
// /api/invitation/peek|accept: the invitation link's page reads who invites, then sets a password
// and is signed in. Tokens arrive in JSON bodies, never in a URL a log would keep.
/// <reference types="pouchdb-core" />
import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { openSession, SESSION_COOKIE } from '../auth/sessions';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import type { Invitations } from './service';

async function body(c: Context): Promise<Record<string, unknown>> {
	const parsed = await c.req.json().catch(() => null);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new HttpError(400, 'bad_request', 'Corps JSON attendu.');
	return parsed as Record<string, unknown>;
}

const origin = (c: Context) => new URL(c.req.url).origin;
const structureOf = (c: Context) => `structure:${c.req.param('key')}`;

export function invitationRoutes(
	invitations: Invitations,
	accounts: PouchDB.Database,
	cookieOptions: CookieOptions,
): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	routes.use('*', async (c, next) => {
		await next();
		c.header('Cache-Control', 'no-store');
	});

	routes.get('/structures/:key/team', async (c) =>
		c.json(await invitations.team(c.get('viewer'), structureOf(c))),
	);
	routes.post('/structures/:key/invitations', async (c) =>
		c.json(await invitations.invite(c.get('viewer'), structureOf(c), await body(c), origin(c)), 202),
	);
	routes.post('/structures/:key/team/resend', async (c) =>
		c.json(
			await invitations.resend(c.get('viewer'), structureOf(c), (await body(c)).email as string, origin(c)),
		),
	);
	routes.post('/structures/:key/team/revoke', async (c) =>
		c.json(await invitations.revoke(c.get('viewer'), structureOf(c), (await body(c)).email as string)),
	);
	routes.post('/structures/:key/team/remove', async (c) =>
		c.json(await invitations.remove(c.get('viewer'), structureOf(c), (await body(c)).email as string)),
	);
	routes.put('/structures/:key/team/role', async (c) => {
		const b = await body(c);
		return c.json(await invitations.setRole(c.get('viewer'), structureOf(c), b.email as string, b));
	});

	routes.post('/invitation/peek', async (c) => {
		const { invitation } = await invitations.peek((await body(c)).token);
		return c.json(invitation);
	});
	routes.post('/invitation/accept', async (c) => {
		const { token, password } = await body(c);
		const account = await invitations.accept(token, password);
		const session = await openSession(accounts, account._id);
		setCookie(c, SESSION_COOKIE, session, cookieOptions);
		return c.json({ ok: true, email: account.email, structureId: account.structureId ?? null });
	});
	return routes;
}
