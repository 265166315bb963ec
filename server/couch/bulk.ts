// The batch calls of replication: `_revs_diff` (what is missing), `_bulk_get` (fetch it, filtered
// per viewer) and `_bulk_docs` (write, checked per document).
/// <reference types="pouchdb-core" />
import { Hono } from 'hono';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { flag, isRecord } from './params';
import { latestSafe, revisionReadable } from './read-access';
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

	// A document the viewer may not read is missing, all its revisions with it: whether it exists,
	// and at which revision, is none of the viewer's business.
	routes.post('/_revs_diff', async (c) => {
		const viewer = c.get('viewer');
		const body = await readJson(c);
		if (!isRecord(body) || !Object.values(body).every((revs) => Array.isArray(revs) && revs.every(isRev)))
			throw new HttpError(400, 'bad_request', '_revs_diff attend {identifiant: [révisions]}.');
		const asked = body as Record<string, string[]>;
		await couch.index.catchUpFor(Object.keys(asked));
		const readable = Object.fromEntries(
			Object.entries(asked).filter(([id]) => couch.index.readable(viewer, id)),
		);
		const known = await couch.db.revsDiff(readable);
		const answer: Record<string, unknown> = {};
		for (const [id, revs] of Object.entries(asked)) {
			if (!couch.index.readable(viewer, id)) answer[id] = { missing: revs };
			else if (known[id]) answer[id] = known[id];
		}
		return c.json(answer);
	});

	routes.post('/_bulk_get', async (c) => {
		const viewer = c.get('viewer');
		const requests = bulkGetRequests(await readJson(c));
		await couch.index.catchUpFor(requests.map((r) => r.id));
		const byId = new Map<string, BulkGetRequest[]>();
		for (const r of requests) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
		const allowed = requests.filter((r) => couch.index.readable(viewer, r.id));
		const found = await fetchAllowed(couch.db, allowed, {
			revs: flag(c, 'revs'),
			latest: flag(c, 'latest'),
			attachments: flag(c, 'attachments'),
		});
		// In the order PouchDB answers: one result per revision, documents by first appearance.
		const results: BulkGetResults['results'] = [];
		for (const [id, asked] of byId) {
			const docs = couch.index.readable(viewer, id)
				? (found.get(id) ?? [])
						.map((d) => normalise(id, d))
						// A conflicting revision may have a narrower audience than the winner: it is left out
						// (an error entry would make PouchDB fail the whole batch).
						.filter((d) => !('ok' in d) || revisionReadable(viewer, d.ok))
				: asMissing(id, asked);
			for (const doc of docs) results.push({ id, docs: [doc] });
		}
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

/** What the store answers for a document it does not have: each revision asked missing, or not found. */
function asMissing(id: string, asked: BulkGetRequest[]): BulkGetDoc[] {
	const revs = asked.flatMap((r) => (r.rev ? [r.rev] : []));
	return revs.length > 0 ? revs.map((rev) => missing(id, rev)) : [missing(id)];
}

interface FetchOptions {
	revs: boolean;
	latest: boolean;
	attachments: boolean;
}

/**
 * The store's answers for readable requests, by id. With `latest`, documents asked at a revision
 * they never had are fetched without it (see latestSafe): they answer `missing` all the same.
 */
async function fetchAllowed(
	db: PouchDB.Database,
	requests: BulkGetRequest[],
	options: FetchOptions,
): Promise<Map<string, unknown[]>> {
	const found = new Map<string, unknown[]>();
	if (requests.length === 0) return found;
	let groups = [{ docs: requests, latest: options.latest }];
	if (options.latest) {
		const wanted = new Map<string, string[]>();
		for (const r of requests) if (r.rev) wanted.set(r.id, [...(wanted.get(r.id) ?? []), r.rev]);
		const safe = await latestSafe(db, wanted);
		const followed = (r: BulkGetRequest) => !wanted.has(r.id) || safe.has(r.id);
		groups = [
			{ docs: requests.filter(followed), latest: true },
			{ docs: requests.filter((r) => !followed(r)), latest: false },
		];
	}
	for (const group of groups) {
		if (group.docs.length === 0) continue;
		const answer = (await db.bulkGet({
			...options,
			docs: group.docs,
			latest: group.latest,
		} as PouchDB.Core.BulkGetOptions)) as BulkGetResults;
		for (const { id, docs } of answer.results) found.set(id, [...(found.get(id) ?? []), ...docs]);
	}
	return found;
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
