// `_changes`, filtered per viewer through the audience index: the normal feed PouchDB pages
// through on a pull, and the longpoll a live sync waits on.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { type FeedOptions, present, readableChanges } from './feed';
import { longpoll } from './longpoll';
import { flag, integer, isRecord } from './params';
import { parseSince, scopeKey } from './seq';

export function changesRoutes(couch: Couch): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	routes.get('/_changes', (c) => changes(couch, c));
	// CouchDB's POST form carries `doc_ids` for the `_doc_ids` filter.
	routes.post('/_changes', async (c) => {
		const body = await readJson(c);
		const ids = isRecord(body) ? body.doc_ids : undefined;
		if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string')))
			throw new HttpError(400, 'bad_request', 'doc_ids doit être une liste d’identifiants.');
		return changes(couch, c, ids);
	});
	return routes;
}

async function changes(couch: Couch, c: Context<ViewerEnv>, docIds?: string[]): Promise<Response> {
	const viewer = c.get('viewer');
	const scope = scopeKey(viewer);
	const opts = feedOptions(c, docIds);
	const since = parseSince(c.req.query('since'), scope);
	await couch.index.ready;
	const from = since === 'now' ? (await couch.db.info()).update_seq : since;
	const first = await readableChanges(couch, viewer, from, opts);
	const feed = c.req.query('feed') ?? 'normal';
	if (feed === 'normal' || first.results.length > 0) return c.json(present(scope, first));
	return longpoll(couch, c, { viewer, scope, opts, from: first.last_seq });
}

function feedOptions(c: Context, docIds: string[] | undefined): FeedOptions {
	const feed = c.req.query('feed');
	if (feed !== undefined && feed !== 'normal' && feed !== 'longpoll')
		throw new HttpError(400, 'bad_request', 'Seuls les flux normal et longpoll sont servis.');
	const filter = c.req.query('filter');
	if (filter !== undefined && !(filter === '_doc_ids' && docIds))
		throw new HttpError(
			400,
			'bad_request',
			'Filtre non pris en charge : le serveur filtre déjà par lecteur.',
		);
	if (flag(c, 'descending')) throw new HttpError(400, 'bad_request', 'Flux descendant non pris en charge.');
	const style = c.req.query('style') ?? 'main_only';
	if (style !== 'main_only' && style !== 'all_docs')
		throw new HttpError(400, 'bad_request', 'Paramètre style invalide.');
	const limit = integer(c, 'limit');
	return {
		limit: limit || undefined,
		style,
		include_docs: flag(c, 'include_docs'),
		conflicts: flag(c, 'conflicts'),
		attachments: flag(c, 'attachments'),
		doc_ids: docIds,
	};
}
