// Drops from the replica the documents its user may no longer read (listing made members-only,
// membership lapsed…): asks the server's `_drops` once per sync session, deletes them locally with a
// tombstone the push never sends, and compacts away their content. See server/couch/drops.ts.
//
// PouchDB on IndexedDB cannot purge, so a dropped revision stays in the document's history: when
// the same revision becomes readable again (membership active again), the server answers it in
// `back` and the replica must be rebuilt without those tombstones (`rebuildReplica`).

/** Named when the drop check was called a sweep: devices keep their state under this id. */
const STATE_ID = '_local/elbasar-sweep';
/** Marks a tombstone written by the drop check: never pushed, left out when the replica is rebuilt. */
export const DROPPED = 'elbasarDropped';

interface DropState {
	_id: string;
	_rev?: string;
	scope?: string;
	through?: number | string;
	/** Dropped ids and the revision each had: the ids the server is asked about after a change of rights. */
	dropped: Record<string, string>;
	/** Dropped ids whose content is not compacted away yet (the app may close in between). */
	compact?: string[];
}

interface DropAnswer {
	scope: string;
	through: number | string;
	drop?: string[];
	back?: string[];
	held?: 'needed';
}

export interface DropOptions {
	/** The replication endpoint (…/db/elbasar). */
	url: string;
	/** Headers and credentials of the requests (the cookie on the web, Basic auth in tests). */
	init?: RequestInit;
	/** Ids written on this device and not on the server yet: never dropped. */
	keep?: (id: string) => boolean;
}

export interface DropResult {
	dropped: string[];
	/** Dropped earlier and readable again: rebuild the replica to take them in. */
	back: string[];
	/** Bytes sent with the ids the device holds (0 when the journal answered). */
	sent: number;
}

type Db = PouchDB.Database;

const COMPACT_BATCH = 50;

export async function checkDrops(db: Db, opts: DropOptions): Promise<DropResult> {
	const state = await readState(db);
	await compactDropped(db, state);
	let sent = 0;
	let answer = await ask(opts, { scope: state.scope, since: state.through });
	if (answer.held === 'needed') {
		const held = (await db.allDocs()).rows.map((row) => row.id).filter((id) => !id.startsWith('_'));
		const live = new Set(held);
		// A dropped document that came back with a newer revision is held again, not dropped.
		for (const id of Object.keys(state.dropped)) if (live.has(id)) delete state.dropped[id];
		const body = await encode({ held, dropped: Object.keys(state.dropped) });
		sent = body.size;
		answer = await ask(opts, body);
	}
	const dropped = await drop(
		db,
		(answer.drop ?? []).filter((id) => !opts.keep?.(id)),
		state,
	);
	// Only once the tombstones are written: a drop check cut short asks again from the same point.
	state.scope = answer.scope;
	state.through = answer.through;
	await save(db, state);
	await compactDropped(db, state);
	return { dropped, back: answer.back ?? [], sent };
}

/** Copies `old` into `fresh` without the drop check's tombstones, the `_local` documents `localIds` too. */
export async function rebuildReplica(old: Db, fresh: Db, localIds: string[]): Promise<void> {
	const notDropped = (doc: Record<string, unknown>) => doc[DROPPED] !== true;
	await old.replicate.to(fresh, {
		filter: notDropped,
		batch_size: 1000,
	} as PouchDB.Replication.ReplicateOptions);
	for (const id of [...localIds, STATE_ID]) {
		const doc = await old.get<Record<string, unknown>>(id).catch(() => null);
		if (!doc) continue;
		// Local sequences of the old replica mean nothing in the new one (the outbox's push start).
		const { _rev, pushedThrough, ...body } = doc;
		// The dropped documents are gone from the new replica: nothing left to ask about.
		await fresh.put(id === STATE_ID ? { ...body, dropped: {} } : body);
	}
}

/**
 * Tombstones on every leaf of the documents still held. They are noted as dropped first: a device
 * that holds a tombstone must always know the server may give it back.
 */
async function drop(db: Db, ids: string[], state: DropState): Promise<string[]> {
	if (ids.length === 0) return [];
	const rows = (await db.allDocs({ keys: ids, include_docs: true, conflicts: true })).rows;
	const tombstones: object[] = [];
	const dropped: string[] = [];
	const compactOnly: string[] = [];
	for (const row of rows) {
		// Deleted on the server already (an erasure, RGPD): the tombstone is here, the content of the
		// revisions before it must go too.
		if ('value' in row && row.value?.deleted) compactOnly.push(row.id);
		const doc =
			'doc' in row
				? (row.doc as (PouchDB.Core.ExistingDocument<object> & { _conflicts?: string[] }) | null)
				: null;
		if (!doc) continue;
		for (const rev of [doc._rev, ...(doc._conflicts ?? [])])
			tombstones.push({ _id: doc._id, _rev: rev, _deleted: true, [DROPPED]: true });
		state.dropped[doc._id] = doc._rev;
		dropped.push(doc._id);
	}
	if (dropped.length === 0 && compactOnly.length === 0) return [];
	state.compact = [...(state.compact ?? []), ...dropped, ...compactOnly];
	await save(db, state);
	if (tombstones.length > 0) await db.bulkDocs(tombstones);
	return dropped;
}

/** Removes the content of the dropped documents' revisions, a few documents at a time. */
async function compactDropped(db: Db, state: DropState): Promise<void> {
	const ids = state.compact ?? [];
	if (ids.length === 0) return;
	const compactable = db as Db & { compactDocument(id: string, maxHeight: number): Promise<unknown> };
	for (let i = 0; i < ids.length; i += COMPACT_BATCH)
		await Promise.all(ids.slice(i, i + COMPACT_BATCH).map((id) => compactable.compactDocument(id, 0)));
	state.compact = [];
	await save(db, state);
}

async function save(db: Db, state: DropState): Promise<void> {
	state._rev = (await db.put(state)).rev;
}

async function readState(db: Db): Promise<DropState> {
	const stored = await db.get<DropState>(STATE_ID).catch(() => null);
	return stored ?? { _id: STATE_ID, dropped: {} };
}

/** The ids as gzip JSON where the platform compresses (60,000 ids: see the report's figures). */
async function encode(body: object): Promise<Blob> {
	const json = new Blob([JSON.stringify(body)], { type: 'application/json' });
	if (typeof CompressionStream === 'undefined') return json;
	const zipped = await new Response(json.stream().pipeThrough(new CompressionStream('gzip'))).blob();
	return new Blob([zipped], { type: 'application/gzip' });
}

async function ask(opts: DropOptions, body: object | Blob): Promise<DropAnswer> {
	const headers = new Headers(opts.init?.headers);
	headers.set('content-type', 'application/json');
	headers.set('accept', 'application/json');
	if (body instanceof Blob && body.type === 'application/gzip') headers.set('content-encoding', 'gzip');
	const response = await fetch(`${opts.url}/_drops`, {
		...opts.init,
		method: 'POST',
		headers,
		body: body instanceof Blob ? body : JSON.stringify(body),
	});
	if (!response.ok) throw Object.assign(new Error(`_drops: ${response.status}`), { status: response.status });
	return (await response.json()) as DropAnswer;
}
