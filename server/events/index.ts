// The agenda's HTTP routes: .ics of one event and the subscribable feed, the places left and the
// caller's standing on the waiting list, and guest registration (rate-limited) and cancellation.
/// <reference types="pouchdb-core" />
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { canRead, type ElbEvent, placesOf, type Structure, type Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import type { Stores } from '../store';
import { feedToken, viewerOfToken } from './feed-tokens';
import { cancelGuest, parseGuest, registerGuest, registrationsOf } from './guests';
import { buildCalendar } from './ics';
import { RequestLimiter } from './limiter';

export interface EventRoutesOptions {
	stores: Stores;
	/** Guest registrations allowed per address and quarter of an hour. */
	guestBudget?: number;
}

/** Past events stay in the feed for this long, so a calendar keeps recent history. */
const FEED_HISTORY_DAYS = 180;
const ICS_TYPE = 'text/calendar; charset=utf-8';

export function eventRoutes(opts: EventRoutesOptions): Hono<ViewerEnv> {
	const { db, accounts } = opts.stores;
	const limiter = new RequestLimiter(
		opts.guestBudget ?? 10,
		15 * 60_000,
		'Trop d’inscriptions depuis cette adresse. Réessayez dans un quart d’heure.',
	);
	const routes = new Hono<ViewerEnv>();

	async function readableEvent(key: string, viewer: Viewer): Promise<ElbEvent> {
		const event = (await db.get(`event:${key}`).catch(() => null)) as ElbEvent | null;
		if (event?.type !== 'event') throw new HttpError(404, 'not_found', 'Événement introuvable.');
		if (!canRead(viewer, event))
			throw new HttpError(
				viewer.role === 'visitor' ? 401 : 403,
				viewer.role === 'visitor' ? 'unauthorized' : 'forbidden',
				'Cet événement est réservé aux adhérents du réseau : connectez-vous.',
			);
		return event;
	}

	async function hostNames(events: ElbEvent[]): Promise<Map<string, string>> {
		const ids = [...new Set(events.flatMap((e) => (e.host ? [e.host] : [])))];
		const rows = ids.length ? await db.allDocs({ keys: ids, include_docs: true }) : { rows: [] };
		const names = new Map<string, string>();
		for (const row of rows.rows)
			if ('doc' in row && row.doc) names.set(row.id, (row.doc as unknown as Structure).name);
		return names;
	}

	const calendar = async (c: Context, events: ElbEvent[], filename: string) => {
		const origin = new URL(c.req.url).origin;
		const body = buildCalendar(events, { origin, hostNames: await hostNames(events) });
		return c.body(body, 200, {
			'Content-Type': ICS_TYPE,
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'no-cache',
		});
	};

	routes.get('/events/:file{[^/]+\\.ics}', async (c) => {
		const key = c.req.param('file').replace(/\.ics$/, '');
		const event = await readableEvent(key, c.get('viewer'));
		return calendar(c, [event], `elbasar-${key}.ics`);
	});

	routes.get('/agenda.ics', async (c) => {
		const token = c.req.query('token');
		const viewer = token ? await viewerOfToken(accounts, db, token) : c.get('viewer');
		if (!viewer)
			throw new HttpError(401, 'unauthorized', 'Lien d’abonnement inconnu : recopiez-le depuis elBasar.');
		const since = new Date(Date.now() - FEED_HISTORY_DAYS * 86_400_000).toISOString();
		const rows = await db.allDocs({ startkey: 'event:', endkey: 'event:\ufff0', include_docs: true });
		const events = rows.rows
			.map((r) => r.doc as unknown as ElbEvent)
			.filter((e) => e?.type === 'event' && e.end >= since && canRead(viewer, e))
			.sort((a, b) => a.start.localeCompare(b.start));
		return calendar(c, events, 'agenda-elbasar.ics');
	});

	/** The subscription URL of the signed-in account (members-only events included when it may read them). */
	routes.get('/agenda/subscription', async (c) => {
		const viewer = c.get('viewer');
		if (!viewer.accountId)
			throw new HttpError(401, 'unauthorized', 'Connectez-vous pour obtenir votre lien personnel.');
		const token = await feedToken(accounts, viewer.accountId);
		c.header('Cache-Control', 'no-store');
		return c.json({ url: `${new URL(c.req.url).origin}/api/agenda.ics?token=${token}` });
	});

	/** Places taken and left, and where the caller's own registrations stand. */
	routes.get('/events/:key/places', async (c) => {
		const viewer = c.get('viewer');
		const event = await readableEvent(c.req.param('key'), viewer);
		const registrations = await registrationsOf(db, event._id);
		const places = placesOf(registrations, event.capacity);
		const mine = registrations
			.filter((r) => canRead(viewer, r))
			.map((r) => ({
				id: r._id,
				name: r.name,
				status: r.status,
				standing: places.standing.get(r._id) ?? null,
			}));
		c.header('Cache-Control', 'no-store');
		return c.json({
			capacity: event.capacity ?? null,
			confirmed: places.confirmed.length,
			waiting: places.waiting.length,
			free: places.free,
			mine,
		});
	});

	routes.post('/events/:key/guests', async (c) => {
		const body = await c.req.json().catch(() => {
			throw new HttpError(400, 'bad_request', 'Corps JSON {name, structureName, email} attendu.');
		});
		const guest = parseGuest(body);
		const event = await readableEvent(c.req.param('key'), c.get('viewer'));
		// Only attempts that would write count: a mistyped form costs the guest nothing.
		limiter.take(getConnInfo(c).remote.address ?? 'unknown');
		const outcome = await registerGuest(db, event, guest);
		return c.json(outcome, 201);
	});

	routes.post('/events/guests/cancel', async (c) => {
		const body = (await c.req.json().catch(() => null)) as { token?: unknown } | null;
		if (typeof body?.token !== 'string' || body.token.length > 200)
			throw new HttpError(400, 'bad_request', 'Corps JSON {token} attendu.');
		const cancelled = await cancelGuest(db, body.token);
		return c.json({ ok: true, id: cancelled._id, event: cancelled.event });
	});

	return routes;
}
