// One document at a time: GET (with rev, revs, open_revs, conflicts…), PUT, DELETE, and its
// attachments. A document the viewer may not read answers 404, as if it did not exist.
/// <reference types="pouchdb-core" />
import type { Context } from 'hono';
import { Hono } from 'hono';
import { checkDocSize, type Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { flag, isRecord, json } from './params';
import { latestSafe, revisionReadable } from './read-access';
import { logRefusals, type RefusalLog } from './refusals';
import { checkId, isRev } from './write-checks';
import { type WriteOutcome, writeDocs } from './writes';

const notFound = () => new HttpError(404, 'not_found', 'missing');

const WRITE_STATUS: Record<string, 400 | 403 | 409 | 412> = {
	forbidden: 403,
	conflict: 409,
	bad_request: 400,
	missing_stub: 412,
};

export function docRoutes(couch: Couch, log: RefusalLog): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	routes.get('/:docid', (c) => getDoc(couch, c));
	routes.put('/:docid', (c) => putDoc(couch, log, c));
	routes.delete('/:docid', (c) => deleteDoc(couch, log, c));
	routes.get('/:docid/:attachment{.+}', (c) => getAttachment(couch, c));
	return routes;
}

async function readableOrThrow(couch: Couch, c: Context<ViewerEnv>): Promise<{ viewer: Viewer; id: string }> {
	const viewer = c.get('viewer');
	const id = c.req.param('docid') as string;
	await couch.index.catchUpFor([id]);
	if (!couch.index.readable(viewer, id)) throw notFound();
	return { viewer, id };
}

async function getDoc(couch: Couch, c: Context<ViewerEnv>): Promise<Response> {
	const { viewer, id } = await readableOrThrow(couch, c);
	const rev = c.req.query('rev');
	if (rev !== undefined && !isRev(rev)) throw new HttpError(400, 'bad_request', 'Révision invalide.');
	const options = {
		revs: flag(c, 'revs'),
		revs_info: flag(c, 'revs_info'),
		conflicts: flag(c, 'conflicts'),
		deleted_conflicts: flag(c, 'deleted_conflicts'),
		attachments: flag(c, 'attachments'),
		latest: flag(c, 'latest'),
		...(rev ? { rev } : {}),
	};
	const openRevs = openRevsOf(c);
	const asked = rev ? [rev] : Array.isArray(openRevs) ? openRevs : [];
	// A revision the document never had is simply missing (following it would crash the store).
	if (options.latest && asked.length > 0 && !(await latestSafe(couch.db, new Map([[id, asked]]))).has(id))
		options.latest = false;
	if (openRevs) {
		const found = (await couch.db.get(id, { ...options, open_revs: openRevs })) as unknown as {
			ok?: Record<string, unknown>;
			missing?: string;
		}[];
		// A revision the viewer may not read is not there: left out of `all`, missing when asked by name.
		const shown = found.flatMap((entry) => {
			if (!entry.ok || revisionReadable(viewer, entry.ok)) return [entry];
			return openRevs === 'all' ? [] : [{ missing: entry.ok._rev as string }];
		});
		// PouchDB 9 asks for JSON (Accept: application/json); multipart is not served.
		return c.json(shown);
	}
	const doc = (await couch.db.get(id, options)) as unknown as Record<string, unknown>;
	if (!revisionReadable(viewer, doc)) throw notFound();
	return c.json(doc);
}

function openRevsOf(c: Context): 'all' | string[] | undefined {
	const raw = c.req.query('open_revs');
	if (raw === undefined) return undefined;
	if (raw === 'all') return 'all';
	const revs = json(c, 'open_revs');
	if (!Array.isArray(revs) || !revs.every(isRev))
		throw new HttpError(400, 'bad_request', 'Paramètre open_revs invalide.');
	return revs;
}

async function putDoc(couch: Couch, log: RefusalLog, c: Context<ViewerEnv>): Promise<Response> {
	const viewer = c.get('viewer');
	const id = writableId(c);
	const body = await readJson(c);
	if (!isRecord(body)) throw new HttpError(400, 'bad_request', 'Le document doit être un objet JSON.');
	if (body._id !== undefined && body._id !== id)
		throw new HttpError(400, 'bad_request', 'Le _id du document ne correspond pas à son adresse.');
	const rev = c.req.query('rev') ?? body._rev;
	if (rev !== undefined && !isRev(rev)) throw new HttpError(400, 'bad_request', 'Révision invalide.');
	const newEdits = c.req.query('new_edits') !== 'false';
	if (!newEdits && rev === undefined)
		throw new HttpError(400, 'bad_request', 'Avec new_edits=false, la révision est requise.');
	const doc = { ...body, _id: id, ...(rev ? { _rev: rev } : {}) };
	// One document: its size is the request's, refused as such (in a batch it is refused alone).
	const size = checkDocSize(doc);
	if (!size.ok) throw new HttpError(413, 'too_large', size.reason);
	const outcomes = await writeDocs(couch, viewer, [doc], newEdits);
	logRefusals(log, viewer, outcomes);
	const [outcome] = outcomes;
	if (!newEdits && !outcome) return c.json({ ok: true, id, rev }, 201);
	return answer(c, outcome, 201);
}

async function deleteDoc(couch: Couch, log: RefusalLog, c: Context<ViewerEnv>): Promise<Response> {
	const viewer = c.get('viewer');
	const id = writableId(c);
	const rev = c.req.query('rev');
	if (!isRev(rev)) throw new HttpError(400, 'bad_request', 'Paramètre rev manquant ou invalide.');
	const outcomes = await writeDocs(couch, viewer, [{ _id: id, _rev: rev, _deleted: true }], true);
	logRefusals(log, viewer, outcomes);
	const [outcome] = outcomes;
	return answer(c, outcome, 200);
}

/** The id of a PUT or DELETE: one of ours, or a 400 (403 for design documents, as CouchDB). */
function writableId(c: Context): string {
	const id = c.req.param('docid') as string;
	const valid = checkId(id);
	if (valid.ok) return id;
	throw new HttpError(
		id.startsWith('_design/') ? 403 : 400,
		id.startsWith('_design/') ? 'forbidden' : 'bad_request',
		valid.reason,
	);
}

function answer(c: Context, outcome: WriteOutcome | undefined, status: 200 | 201): Response {
	if (outcome?.ok) return c.json({ ok: true, id: outcome.id, rev: outcome.rev }, status);
	const error = outcome?.error ?? 'unknown_error';
	const failure = WRITE_STATUS[error];
	if (!failure) throw new Error(`write failed: ${error} ${outcome?.reason}`);
	return c.json({ error, reason: outcome?.reason }, failure);
}

async function getAttachment(couch: Couch, c: Context<ViewerEnv>): Promise<Response> {
	const { viewer, id } = await readableOrThrow(couch, c);
	const name = c.req.param('attachment') as string;
	const rev = c.req.query('rev');
	if (rev !== undefined && !isRev(rev)) throw new HttpError(400, 'bad_request', 'Révision invalide.');
	const doc = (await couch.db.get(id, rev ? { rev } : {})) as unknown as Record<string, unknown> & {
		_attachments?: Record<string, { content_type?: string; digest?: string }>;
	};
	const meta = doc._attachments?.[name];
	if (!meta || !revisionReadable(viewer, doc)) throw notFound();
	const data = (await couch.db.getAttachment(id, name, rev ? { rev } : {})) as Buffer;
	const headers: Record<string, string> = { 'content-type': meta.content_type ?? 'application/octet-stream' };
	if (meta.digest) headers.etag = `"${meta.digest}"`;
	return c.body(new Uint8Array(data), 200, headers);
}
