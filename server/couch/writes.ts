// Every write of /db goes through here (`_bulk_docs`, PUT, DELETE): each document is checked on
// its own and refused with `forbidden` and a reason, while the rest of the batch is saved.
/// <reference types="pouchdb-core" />
import { decideWrite, referencesOf, type Scoped, type Viewer, type Written } from '../../src/lib/domain';
import type { Couch } from './context';
import { checkId, checkSpecialFields, checkStubs, type Incoming } from './write-checks';

/** One line of a `_bulk_docs` answer, in CouchDB's words. */
export interface WriteOutcome {
	id: string;
	ok?: true;
	rev?: string;
	error?: string;
	reason?: string;
}

type Stored = Scoped & Record<string, unknown>;

const CONFLICT = 'Conflit : le document a changé entre-temps, rechargez-le.';

/**
 * Checks and saves `docs` for `viewer`. With `newEdits` false (replication) the revisions are the
 * client's and, as CouchDB does, only failures are reported.
 */
export function writeDocs(
	couch: Couch,
	viewer: Viewer,
	docs: Incoming[],
	newEdits: boolean,
): Promise<WriteOutcome[]> {
	return couch.exclusive(async () => {
		await couch.index.ready;
		await couch.erased.ready;
		const { current, deleted } = await winners(couch.db, docs);
		// A document deleted through another server may not be in the index yet: its owner must be.
		await couch.index.catchUpFor(deleted);
		const outcomes: (WriteOutcome | undefined)[] = [];
		const accepted: Incoming[] = [];
		const positions: number[] = [];
		// A message may come in the same batch as its conversation: earlier accepted documents count.
		const inBatch = new Map<string, Scoped>();
		const lookup = (id: string) => inBatch.get(id) ?? current.get(id);
		const now = Date.now();
		docs.forEach((doc, i) => {
			const id = typeof doc._id === 'string' ? doc._id : '';
			const shape = [
				checkId(doc._id),
				couch.erased.check(doc),
				checkSpecialFields(doc),
				checkStubs(doc, current.get(id)),
			];
			const live = current.get(id);
			// A tombstone of a document already deleted is weighed against its last live revision.
			const lastLive = live ? undefined : couch.index.entry(id);
			const before = live ?? (doc._deleted === true ? (lastLive ?? null) : null);
			const decision =
				shape.find((d) => !d.ok) ??
				decideWrite({ viewer, before, deleted: lastLive, doc: doc as Written, lookup, now });
			if (decision.ok) {
				if (newEdits && live && doc._deleted === true) keepScope(doc, live);
				if (doc._deleted !== true) inBatch.set(id, doc as Scoped);
				accepted.push(doc);
				positions.push(i);
			} else outcomes[i] = { id, error: 'forbidden', reason: decision.reason };
		});
		if (accepted.length > 0) {
			const saved = await couch.db.bulkDocs(accepted as PouchDB.Core.PutDocument<object>[], {
				new_edits: newEdits,
			});
			if (newEdits)
				saved.forEach((result, k) => {
					outcomes[positions[k]] = outcomeOf(result);
				});
			else for (const failure of saved) outcomes.push(outcomeOf(failure));
			await couch.index.settle((await couch.db.info()).update_seq);
		}
		return outcomes.filter((o): o is WriteOutcome => o !== undefined);
	});
}

/**
 * A tombstone the server writes keeps its document's type and owner: once the last live revision is
 * compacted away (CouchDB does it on its own), they still say whose id it was.
 */
function keepScope(tombstone: Incoming, live: Stored): void {
	tombstone.type ??= live.type;
	tombstone.owner ??= live.owner;
}

/**
 * The live winning revision of each document of the batch and of each document they refer to (what
 * the write gate reads); a deleted one counts as absent, and is listed in `deleted`.
 */
async function winners(
	db: PouchDB.Database,
	docs: Incoming[],
): Promise<{ current: Map<string, Stored>; deleted: string[] }> {
	const ids = new Set<string>();
	for (const doc of docs) {
		if (typeof doc._id === 'string' && doc._id !== '') ids.add(doc._id);
		for (const ref of referencesOf(doc)) ids.add(ref);
	}
	const keys = [...ids];
	const found = new Map<string, Stored>();
	const deleted: string[] = [];
	if (keys.length === 0) return { current: found, deleted };
	const rows = await db.allDocs({ keys, include_docs: true });
	for (const row of rows.rows) {
		if ('doc' in row && row.doc) found.set(row.id, row.doc as unknown as Stored);
		else if ('value' in row && row.value.deleted) deleted.push(row.id);
	}
	return { current: found, deleted };
}

function outcomeOf(result: PouchDB.Core.Response | PouchDB.Core.Error): WriteOutcome {
	if ('ok' in result && result.ok) return { id: result.id, ok: true, rev: result.rev };
	const error = result as PouchDB.Core.Error & { id?: string };
	const name = error.name ?? 'unknown_error';
	return {
		id: error.id ?? '',
		error: name,
		reason: name === 'conflict' ? CONFLICT : (error.message ?? name),
	};
}
