// `POST /db/elbasar/_drops`: which documents a device holds that its user may no longer read, so it
// drops them at the next sync (a listing made members-only, a lapsed membership, a changed audience).
//
// The device sends the scope and sequence of its last check. When the scope is the same and the
// journal covers that sequence, the answer comes from the journal alone: a few bytes. Otherwise the
// server answers `held: 'needed'` and the device sends the ids it holds (gzip): a full check, made
// after a change of rights or a server restart. `dropped` are ids the device let go of earlier:
// those readable again are answered in `back`, so the device can take them in again.
import { Hono } from 'hono';
import { canRead } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { isRecord } from './params';
import { type Seq, scopeKey } from './seq';

export interface DropAnswer {
	/** The viewer's reading scope and the store sequence this answer is true at: the next `since`. */
	scope: string;
	through: Seq;
	/** Ids the device holds that its user may no longer read: it drops them. */
	drop?: string[];
	back?: string[];
	held?: 'needed';
}

export function dropRoutes(couch: Couch): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	routes.post('/_drops', async (c) => {
		const viewer = c.get('viewer');
		const ask = parse(await readJson(c));
		await couch.index.ready;
		const scope = scopeKey(viewer);
		const through = couch.index.seq;
		await couch.erased.ready;
		// An erased document (RGPD) is dropped by every device holding it, its content with it.
		const readable = (id: string) => couch.index.readable(viewer, id) && !couch.erased.deleted(id);
		if (ask.held) {
			// Unknown ids are dropped too, so the answer tells nothing of what exists: the device
			// keeps what it wrote and has not pushed yet.
			await couch.index.catchUpFor(ask.held);
			const drop = ask.held.filter((id) => !readable(id));
			const back = (ask.dropped ?? []).filter((id) => readable(id) && !couch.index.entry(id)?.deleted);
			return c.json({ scope, through, drop, back } satisfies DropAnswer);
		}
		if (ask.scope !== scope || ask.since === undefined || !couch.index.drops.covers(ask.since))
			return c.json({ scope, through, held: 'needed' } satisfies DropAnswer);
		// Only what this viewer could read before and cannot now: other ids are none of its business.
		const drop = new Set<string>();
		for (const { id, before } of couch.index.drops.after(ask.since))
			if (canRead(viewer, before) && !readable(id)) drop.add(id);
		return c.json({ scope, through, drop: [...drop] } satisfies DropAnswer);
	});
	return routes;
}

interface Ask {
	scope?: string;
	since?: Seq;
	held?: string[];
	dropped?: string[];
}

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((id) => typeof id === 'string');

function parse(body: unknown): Ask {
	const invalid = () => new HttpError(400, 'bad_request', 'Demande de vérification invalide.');
	if (!isRecord(body)) throw invalid();
	const { scope, since, held, dropped } = body;
	if (scope !== undefined && typeof scope !== 'string') throw invalid();
	if (since !== undefined && typeof since !== 'string' && typeof since !== 'number') throw invalid();
	if ((held !== undefined && !isIdList(held)) || (dropped !== undefined && !isIdList(dropped)))
		throw invalid();
	return { scope, since, held, dropped };
}
