// At start, the changes the saved journal had not examined yet (written just before the process
// died, or by a tool while the server was down): each changed document's earlier audiences are read
// back from its revision history, so the journal covers them as if it had followed them live.
//
// The store does not say which revision was current at the saved sequence, so every earlier
// revision still held counts (and every other leaf, since a conflict may have been the winner):
// telling a device to drop what it can no longer read is never wrong, only missing a drop is. Where
// that history is not there any more (compacted, cut by the revision limit, or too long to read),
// the journal stops covering the sequences before that change: devices that checked earlier make a
// full check instead of being told too little.
/// <reference types="pouchdb-core" />
import type { Audience, Scoped } from '../../src/lib/domain';
import { type DropJournal, readersChanged } from './drop-journal';
import { type Seq, seqNumber } from './seq';

const PAGE = 2_000;
/** Earlier revisions read per leaf; past this the history counts as lost. */
const MAX_WALK = 20;
/** Documents whose history is read; past this the journal restarts after them (a big import while down). */
const MAX_DOCS = 5_000;

type Doc = PouchDB.Core.Document<Scoped> & PouchDB.Core.GetMeta & { _deleted?: boolean };

/** The reading-rights fields of a document. */
export function scopedOf(doc: Scoped): Scoped {
	const scoped: Scoped = {
		_id: doc._id,
		type: doc.type,
		owner: doc.owner,
		audience: doc.audience as Audience | undefined,
	};
	if (Array.isArray(doc.participants)) scoped.participants = doc.participants;
	return scoped;
}

/**
 * Records in `journal` the audience changes of the store's changes after `saved` up to `through`
 * (what the index has taken in); `current` is what the index holds now for an id.
 */
export async function recoverMissed(
	db: PouchDB.Database,
	journal: DropJournal,
	saved: Seq,
	through: Seq,
	current: (id: string) => (Scoped & { deleted: boolean }) | undefined,
): Promise<void> {
	const end = seqNumber(through);
	let since = saved;
	let read = 0;
	for (;;) {
		const page = await db.changes({ since, limit: PAGE, style: 'all_docs' });
		for (const change of page.results) {
			if (seqNumber(change.seq) > end) return;
			// Created after the saved sequence, never in conflict: there was no earlier audience.
			if (change.changes.every(({ rev }) => rev.startsWith('1-'))) continue;
			const now = current(change.id);
			if (!now) continue;
			const befores = read++ < MAX_DOCS ? await earlierAudiences(db, change.id) : null;
			if (!befores) {
				journal.forgetBefore(change.seq);
				continue;
			}
			// A deletion keeps every earlier audience: an erasure (RGPD) must reach every device that
			// held the document, and for a plain deletion the drop check skips what is still readable.
			for (const before of befores)
				if (now.deleted || readersChanged(before, now)) journal.recordBefore(change.seq, before);
		}
		if (page.results.length < PAGE) return;
		since = page.last_seq;
	}
}

/** The distinct audiences of every revision of the document still held, or null if some are gone. */
async function earlierAudiences(db: PouchDB.Database, id: string): Promise<Scoped[] | null> {
	const seen = new Map<string, Scoped>();
	const note = (doc: Doc) => {
		if (doc._deleted) return;
		const scoped = scopedOf(doc);
		seen.set(JSON.stringify([scoped.audience, scoped.owner, scoped.participants ?? []]), scoped);
	};
	const leaves = (await db.get(id, { open_revs: 'all', revs: true })) as { ok?: Doc }[];
	for (const { ok: leaf } of leaves) {
		if (!leaf) continue;
		note(leaf);
		const { start, ids } = leaf._revisions as { start: number; ids: string[] };
		// The revision limit cut the history: the revision current then may be one no longer listed.
		if (start - ids.length + 1 !== 1 || ids.length - 1 > MAX_WALK) return null;
		for (let i = 1; i < ids.length; i++) {
			const body = await db.get<Scoped>(id, { rev: `${start - i}-${ids[i]}` }).catch(() => null);
			if (!body) return null;
			note(body as Doc);
		}
	}
	return [...seen.values()];
}
