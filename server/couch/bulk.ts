// The batch calls of replication: `_revs_diff` (what is missing), `_bulk_get` (fetch it, filtered
// per viewer) and `_bulk_docs` (write, checked per document).
/// <reference types="pouchdb-core" />
import { Hono } from 'hono';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { flag, isRecord } from './params';
import { revisionReadable } from './read-access';
import { logRefusals, type RefusalLog } from './refusals';
import { checkBatchShape, isRev } from './write-checks';
import { writeDocs } from './writes';

interface BulkGetRequest {
	id: string;
	rev?: string;
}
type BulkGetResults = { results: { id: string; docs: unknown[] }[] };
type BulkGetDoc = { ok: Record<string, unknown> } | { error: Record<string, unknown> };

const missing = (id: string, rev?: string) => ({ error: { id, rev, error: 'not_found', reason: 'missing' } });

export function bulkRoutes(couch: Couch, log: RefusalLog): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();

	routes.post('/_revs_diff', async (c) => {
		const body = await readJson(c);
		if (!isRecord(body) || !Object.values(body).every((revs) => Array.isArray(revs) && revs.every(isRev)))
			throw new HttpError(400, 'bad_request', '_revs_diff attend {identifiant: [révisions]}.');
		return c.json(await couch.db.revsDiff(body as PouchDB.Core.RevisionDiffOptions));
	});

	routes.post('/_bulk_get', async (c) => {
		const viewer = c.get('viewer');
		const requests = bulkGetRequests(await readJson(c));
		await couch.index.catchUpFor(requests.map((r) => r.id));
		const allowed = requests.filter((r) => couch.index.readable(viewer, r.id));
		const refused = requests.filter((r) => !couch.index.readable(viewer, r.id));
		const found: BulkGetResults = allowed.length
			? await couch.db.bulkGet({
					docs: allowed,
					revs: flag(c, 'revs'),
					latest: flag(c, 'latest'),
					attachments: flag(c, 'attachments'),
				} as PouchDB.Core.BulkGetOptions)
			: { results: [] };
		const results = found.results
			.map(({ id, docs }) => ({
				id,
				// A conflicting revision may have a narrower audience than the winner: it is withheld.
				docs: docs.map((d) => normalise(id, d)).filter((d) => !('ok' in d) || revisionReadable(viewer, d.ok)),
			}))
			.filter((result) => result.docs.length > 0);
		for (const r of refused) results.push({ id: r.id, docs: [missing(r.id, r.rev)] });
		return c.json({ results });
	});

	routes.post('/_bulk_docs', async (c) => {
		const viewer = c.get('viewer');
		const body = await readJson(c);
		if (!isRecord(body)) throw new HttpError(400, 'bad_request', '_bulk_docs attend {docs: [...]}.');
		const newEdits = body.new_edits ?? true;
		if (typeof newEdits !== 'boolean')
			throw new HttpError(400, 'bad_request', 'new_edits doit valoir true ou false.');
		checkBatchShape(body.docs, newEdits);
		const outcomes = await writeDocs(couch, viewer, body.docs, newEdits);
		logRefusals(log, viewer, outcomes);
		return c.json(outcomes, 201);
	});

	return routes;
}

function bulkGetRequests(body: unknown): BulkGetRequest[] {
	const docs = isRecord(body) ? body.docs : undefined;
	const valid =
		Array.isArray(docs) &&
		docs.every(
			(d) => isRecord(d) && typeof d.id === 'string' && d.id !== '' && (d.rev === undefined || isRev(d.rev)),
		);
	if (!valid) throw new HttpError(400, 'bad_request', '_bulk_get attend {docs: [{id, rev}]}.');
	return (docs as Record<string, unknown>[]).map((d) => ({
		id: d.id as string,
		...(d.rev ? { rev: d.rev as string } : {}),
	}));
}

/** PouchDB answers a missing revision as {missing} and a failed read as a raw error: say it as CouchDB does. */
function normalise(id: string, entry: unknown): BulkGetDoc {
	const e = entry as {
		ok?: Record<string, unknown>;
		missing?: string;
		error?: { name?: string; message?: string };
	};
	if (e.ok) return { ok: e.ok };
	if (e.missing) return missing(id, e.missing);
	return { error: { id, error: e.error?.name ?? 'not_found', reason: e.error?.message ?? 'missing' } };
}
