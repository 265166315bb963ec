// Writing documents on the device: decided by the domain's write gate (the same function the server
// runs), stamped, stored in the replica, pushed by replication later. Conflicting revisions are
// listed and resolved here, never dropped. The one place that stamps `schema` and timestamps.
import {
	type Doc,
	decideWrite,
	referencesOf,
	SCHEMA_VERSION,
	type Scoped,
	VISITOR,
	type Viewer,
	validateDoc,
	type Written,
} from '../domain';
import { m } from '../i18n';
import { loadReplica } from './lazy-replica';
import { outbox } from './outbox';

/** A write the app refuses before it reaches the replica; `reason` is French, for the user. */
export class DocError extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'DocError';
	}
}

/** Every revision still competing for a document: the one shown today first, then the others. */
export interface Conflict<T extends Doc = Doc> {
	id: string;
	current: T;
	others: T[];
}

const STALE = () => m.common_doc_stale();

let writer: () => Viewer = () => VISITOR;

/** Who writes from this device: wired once to the session by app.ts (a test sets its own). */
export function writeAs(viewerOf: () => Viewer): void {
	writer = viewerOf;
}

/**
 * Runs the write gate on the device, with the replica's current revision (or what a deleted one
 * was) and the documents the rules read: a write the server would refuse is refused here, before
 * anything is queued. Returns the current revision.
 */
async function gate(doc: Written): Promise<Scoped | null> {
	const rows = await (await loadReplica()).allDocs({
		keys: [doc._id, ...referencesOf(doc)],
		include_docs: true,
	});
	const known = new Map<string, Scoped>();
	let deletedRev: string | undefined;
	for (const row of rows.rows) {
		if ('doc' in row && row.doc) known.set(row.id, row.doc as unknown as Scoped);
		else if ('value' in row && row.id === doc._id && row.value.deleted) deletedRev = row.value.rev;
	}
	const before = known.get(doc._id) ?? null;
	const decision = decideWrite({
		viewer: writer(),
		before,
		deleted: deletedRev ? await deletedScope(doc._id, deletedRev) : undefined,
		doc,
		lookup: (id) => known.get(id),
		now: Date.now(),
	});
	if (!decision.ok) throw new DocError(decision.reason);
	return before;
}

/** What a deleted document was (its type and owner): its tombstone says so, or its last live revision. */
async function deletedScope(id: string, rev: string): Promise<Scoped | undefined> {
	try {
		const tombstone = (await (await loadReplica()).get(id, { rev, revs: true })) as unknown as Scoped &
			PouchDB.Core.GetMeta;
		if (tombstone.owner !== undefined) return tombstone;
		const history = tombstone._revisions;
		if (!history || history.ids.length < 2) return undefined;
		return (await (
			await loadReplica()
		).get(id, { rev: `${history.start - 1}-${history.ids[1]}` })) as unknown as Scoped;
	} catch {
		return undefined;
	}
}

/** Fields PouchDB adds when reading (or the query tables carry) that must not be written back. */
function stripMeta<T extends object>(doc: T): T {
	const { _conflicts, _revisions, _revs_info, _deleted_conflicts, ...rest } = doc as Record<string, unknown>;
	return rest as T;
}

function isStatus(err: unknown, status: number): boolean {
	return typeof err === 'object' && err !== null && (err as { status?: number }).status === status;
}

/** Validates and stores `doc` (new, or an edit carrying its `_rev`); returns it with its new `_rev`. */
export async function saveDoc<T extends Doc>(doc: T): Promise<T> {
	const now = new Date().toISOString();
	const draft = {
		...stripMeta(doc),
		schema: SCHEMA_VERSION,
		createdAt: doc.createdAt || now,
		updatedAt: now,
	};
	const checked = validateDoc(draft);
	if (!checked.ok) throw new DocError(checked.reason);
	const valid = checked.doc as T;
	await gate(valid as unknown as Written);
	const db = await loadReplica();
	outbox.willWrite(valid._id);
	try {
		const { rev } = await db.put(valid);
		outbox.wrote(valid._id, rev);
		return { ...valid, _rev: rev };
	} catch (err) {
		outbox.writeFailed();
		if (isStatus(err, 409)) throw new DocError(STALE());
		throw err;
	}
}

/** The document as the device has it (with `_conflicts` when revisions compete), or null. */
export async function getDoc<T extends Doc = Doc>(
	id: string,
): Promise<(T & { _conflicts?: string[] }) | null> {
	try {
		return (await (await loadReplica()).get(id, { conflicts: true })) as unknown as T & {
			_conflicts?: string[];
		};
	} catch (err) {
		if (isStatus(err, 404)) return null;
		throw err;
	}
}

export async function removeDoc(doc: Pick<Doc, '_id' | '_rev'>): Promise<void> {
	if (!doc._rev) throw new DocError(m.common_doc_not_saved_yet());
	const before = await gate({ _id: doc._id, _deleted: true });
	// The tombstone keeps the type and owner: the id stays its structure's (see write-gate.ts).
	const scope = before ? { type: before.type, owner: before.owner } : {};
	const db = await loadReplica();
	outbox.willWrite(doc._id);
	try {
		const { rev } = await db.put({ ...scope, _id: doc._id, _rev: doc._rev, _deleted: true });
		outbox.wrote(doc._id, rev);
	} catch (err) {
		outbox.writeFailed();
		if (isStatus(err, 409)) throw new DocError(STALE());
		throw err;
	}
}

/** The competing revisions of `id`, or null when there is no conflict. */
export async function conflictsOf<T extends Doc = Doc>(id: string): Promise<Conflict<T> | null> {
	const current = await getDoc<T>(id);
	if (!current?._conflicts?.length) return null;
	const db = await loadReplica();
	const others = await Promise.all(current._conflicts.map((rev) => db.get(id, { rev })));
	return { id, current: stripMeta(current), others: others as unknown as T[] };
}

/**
 * Ends a conflict. `keep` is the revision to keep (a `_rev`), or a merged document whose `_rev` is
 * one of the competing revisions: it is validated and written on top of it. The other revisions
 * become deleted branches, which replication carries to the server and to the other devices.
 */
export async function resolveConflict<T extends Doc>(id: string, keep: string | T): Promise<T> {
	const db = await loadReplica();
	const current = await db.get(id, { conflicts: true });
	const leaves = [current._rev, ...(current._conflicts ?? [])];
	const keepRev = typeof keep === 'string' ? keep : keep._rev;
	if (!keepRev || !leaves.includes(keepRev)) throw new DocError(m.common_doc_version_gone());
	const kept = typeof keep === 'string' ? null : await saveDoc({ ...keep, _id: id, _rev: keepRev });
	const losers = leaves
		.filter((rev) => rev !== keepRev)
		.map((rev) => ({ _id: id, _rev: rev, _deleted: true }));
	if (!kept && losers.length > 0) await gate({ _id: id, _deleted: true });
	outbox.willWrite(id);
	const results = await db.bulkDocs(losers).catch((err) => {
		outbox.writeFailed();
		throw err;
	});
	const written = results.filter((r): r is PouchDB.Core.Response => 'ok' in r && r.ok);
	if (written.length === 0) outbox.writeFailed();
	else outbox.wrote(id, written[written.length - 1].rev);
	if (written.length < losers.length) throw new DocError(STALE());
	return kept ?? ((await db.get(id)) as unknown as T);
}
