// `_local` documents: the replication checkpoints a CouchDB client may keep on the server. Each
// account has its own bucket, so two people cannot move each other's checkpoints, and the bucket is
// bounded: MAX_LOCAL_BYTES per document, MAX_LOCAL_DOCS per account (the least recently written one
// goes when a new one comes: its device replicates again from the start, nobody is refused).
//
// Visitors keep none here: they share one identity, so a bucket of theirs would be everyone's to
// fill and to move. PouchDB takes a 4xx on a checkpoint it writes to the source of a pull as "keep
// it on my side" (the app keeps all its checkpoints on the device anyway, see sync/replication.ts).
/// <reference types="pouchdb-core" />
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { isRecord } from './params';
import { isRev } from './write-checks';

/** A PouchDB checkpoint is under 2 kB (five sessions of history). */
export const MAX_LOCAL_BYTES = 64 * 1024;
/** PouchDB writes one checkpoint per replication (per device and direction): ten devices' worth. */
export const MAX_LOCAL_DOCS = 20;

const LOCAL = '_local/';
const MAX_ID = 300;
const INDEX_RETRIES = 5;

const tooLarge = () =>
	new HttpError(413, 'too_large', `Document _local trop gros : ${MAX_LOCAL_BYTES / 1024} ko au plus.`);

/** The account's bucket, or null for a visitor. */
function bucketOf(viewer: Viewer): string | null {
	if (!viewer.accountId) return null;
	return `${LOCAL}${createHash('sha256').update(viewer.accountId).digest('hex').slice(0, 16)}`;
}

function localId(c: Context): string {
	const id = c.req.param('localid') as string;
	if (id === '' || id.length > MAX_ID)
		throw new HttpError(400, 'bad_request', 'Identifiant _local invalide.');
	return id;
}

/** The bucket of a signed-in writer; visitors are told to keep their checkpoints on their side. */
function writableBucket(viewer: Viewer): string {
	const bucket = bucketOf(viewer);
	if (!bucket)
		throw new HttpError(
			403,
			'forbidden',
			'Un visiteur garde ses points de reprise sur son appareil : connectez-vous pour en garder ici.',
		);
	return bucket;
}

export function localRoutes(couch: Couch): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	// One write at a time per bucket on this server (a flood of PUTs waits in line instead of
	// fighting over the bucket's list); between servers the list's revisions decide.
	const queues = new Map<string, Promise<unknown>>();
	const inTurn = <T>(bucket: string, task: () => Promise<T>): Promise<T> => {
		const run = (queues.get(bucket) ?? Promise.resolve()).then(task, task);
		const settled = run.catch(() => undefined);
		queues.set(bucket, settled);
		settled.then(() => queues.get(bucket) === settled && queues.delete(bucket));
		return run;
	};

	routes.get('/_local/:localid{.+}', async (c) => {
		const id = localId(c);
		const bucket = bucketOf(c.get('viewer'));
		if (!bucket) throw new HttpError(404, 'not_found', 'missing');
		const doc = await couch.db.get(`${bucket}/${id}`);
		return c.json({ ...doc, _id: LOCAL + id });
	});

	routes.put('/_local/:localid{.+}', async (c) => {
		const id = localId(c);
		// Told by its length, a big body is refused before it is read.
		if (Number(c.req.header('content-length') ?? 0) > MAX_LOCAL_BYTES) throw tooLarge();
		const bucket = writableBucket(c.get('viewer'));
		const body = await readJson(c);
		if (!isRecord(body)) throw new HttpError(400, 'bad_request', 'Le document doit être un objet JSON.');
		if (Buffer.byteLength(JSON.stringify(body)) > MAX_LOCAL_BYTES) throw tooLarge();
		if (body._rev !== undefined && !(typeof body._rev === 'string' && /^0-\d+$/.test(body._rev)))
			throw new HttpError(400, 'bad_request', 'Révision _local invalide.');
		if (Object.keys(body).some((k) => k.startsWith('_') && k !== '_id' && k !== '_rev'))
			throw new HttpError(400, 'bad_request', 'Champ réservé non accepté dans un document _local.');
		const rev = await inTurn(bucket, () => save(couch.db, bucket, id, body));
		return c.json({ ok: true, id: LOCAL + id, rev }, 201);
	});

	routes.delete('/_local/:localid{.+}', async (c) => {
		const id = localId(c);
		const bucket = writableBucket(c.get('viewer'));
		const rev = c.req.query('rev');
		if (!isRev(rev) && !/^0-\d+$/.test(rev ?? ''))
			throw new HttpError(400, 'bad_request', 'Paramètre rev manquant.');
		const removed = await inTurn(bucket, async () => {
			const done = await couch.db.remove(`${bucket}/${id}`, rev as string);
			await forget(couch.db, bucket, id);
			return done;
		});
		return c.json({ ok: true, id: LOCAL + id, rev: removed.rev });
	});

	return routes;
}

/** The bucket's list: each id with when it was last written. */
type BucketIndex = { _id: string; _rev?: string; written: Record<string, number> };

/**
 * Counts the document before writing it, so the bucket never holds more than its list says; a
 * write another server let go of meanwhile goes too, as if evicted at once.
 */
async function save(
	db: PouchDB.Database,
	bucket: string,
	id: string,
	body: Record<string, unknown>,
): Promise<string> {
	await record(db, bucket, id);
	const saved = await db.put({ ...body, _id: `${bucket}/${id}` });
	const index = await db.get<BucketIndex>(bucket).catch(() => null);
	if (!index?.written || !(id in index.written))
		await db.remove(`${bucket}/${id}`, saved.rev).catch(() => {});
	return saved.rev;
}

/**
 * Notes `id` as written now and lets the least recently written ones go beyond MAX_LOCAL_DOCS.
 * The list is one document changed through the store's revisions, so concurrent writes (on this
 * server or another) never both take the last place.
 */
async function record(db: PouchDB.Database, bucket: string, id: string): Promise<void> {
	const evicted = await updateIndex(db, bucket, (written) => {
		// Later than every other, even within one millisecond: the order of writes is the order kept.
		written[id] = Math.max(Date.now(), ...Object.values(written).map((at) => at + 1));
		const oldest = Object.keys(written).sort((a, b) => written[a] - written[b]);
		return oldest.slice(0, Math.max(0, oldest.length - MAX_LOCAL_DOCS));
	});
	for (const gone of evicted) {
		const stored = await db.get(`${bucket}/${gone}`).catch(() => null);
		if (stored) await db.remove(stored).catch(() => undefined);
	}
}

async function forget(db: PouchDB.Database, bucket: string, id: string): Promise<void> {
	await updateIndex(db, bucket, (written) => {
		delete written[id];
		return [];
	});
}

/** Applies `change` to the bucket's list (it returns the ids it removed), retrying on a conflict. */
async function updateIndex(
	db: PouchDB.Database,
	bucket: string,
	change: (written: Record<string, number>) => string[],
): Promise<string[]> {
	for (let attempt = 1; ; attempt++) {
		const index = (await db.get<BucketIndex>(bucket).catch(() => null)) ?? { _id: bucket, written: {} };
		const written = isRecord(index.written) ? (index.written as Record<string, number>) : {};
		const removed = change(written);
		for (const id of removed) delete written[id];
		try {
			await db.put({ ...index, written });
			return removed;
		} catch (err) {
			if ((err as { status?: number }).status !== 409 || attempt >= INDEX_RETRIES) throw err;
		}
	}
}
