// Who may read each document, kept in memory and always ready: built from the store's changes at
// start, then following them live, so filtering `_changes` never loads a document.
/// <reference types="pouchdb-core" />
import { EventEmitter } from 'node:events';
import { canRead, type Scoped, type Viewer } from '../../src/lib/domain';
import { DropJournal } from './drop-journal';
import { recoverMissed, scopedOf } from './drop-journal-recovery';
import { type Seq, seqNumber } from './seq';

/** The fields of a document's winning revision that reading rights depend on. */
export interface AudienceEntry extends Scoped {
	deleted: boolean;
}

type Change = PouchDB.Core.ChangesResponseChange<object>;

const CATCH_UP_BATCH = 2_000;
const SETTLE_TIMEOUT_MS = 2_000;
const RETRY_MS = 1_000;

export class AudienceIndex {
	readonly ready: Promise<void>;
	#db: PouchDB.Database;
	#entries = new Map<string, AudienceEntry>();
	#seq: Seq = 0;
	#events = new EventEmitter();
	#feed: PouchDB.Core.Changes<object> | null = null;
	#queue: Promise<void> = Promise.resolve();
	#closed = false;
	#counts = new Map<string, number>();
	/** Documents whose audience changed, saved with the store: what devices must drop. */
	readonly drops: DropJournal;

	constructor(db: PouchDB.Database) {
		this.#db = db;
		this.drops = new DropJournal(db);
		this.#events.setMaxListeners(0);
		this.ready = this.#start();
		this.ready.catch((err) => console.error('audience index: could not read the store', err));
	}

	async #start(): Promise<void> {
		const saved = await this.drops.load();
		await this.#catchUp();
		// No journal, or one ahead of this store (a store restored from an older backup): from now.
		if (saved === null || seqNumber(saved) > seqNumber(this.#seq)) this.drops.startAt(this.#seq);
		else await recoverMissed(this.#db, this.drops, saved, this.#seq, (id) => this.#entries.get(id));
		this.drops.examined(this.#seq);
		this.#follow();
	}

	entry(id: string): AudienceEntry | undefined {
		return this.#entries.get(id);
	}

	/** May the viewer read this document (its winning revision, or for a tombstone its last live one)? */
	readable(viewer: Viewer, id: string): boolean {
		const entry = this.#entries.get(id);
		return !!entry && canRead(viewer, entry);
	}

	/** Live documents this viewer may read: the `doc_count` a device would end up with. */
	countReadable(viewer: Viewer): number {
		// Counting walks the whole index: remember it per reading scope until the next change.
		const scope = `${viewer.role}|${viewer.role === 'animator' ? '' : (viewer.structureId ?? '')}`;
		const cached = this.#counts.get(scope);
		if (cached !== undefined) return cached;
		let count = 0;
		for (const entry of this.#entries.values()) if (!entry.deleted && canRead(viewer, entry)) count++;
		this.#counts.set(scope, count);
		return count;
	}

	/** The last store sequence the index has taken in. */
	get seq(): Seq {
		return this.#seq;
	}

	/** Calls `listener` after each change the index has taken in; returns the unsubscribe function. */
	onChange(listener: () => void): () => void {
		this.#events.on('change', listener);
		return () => this.#events.off('change', listener);
	}

	/**
	 * Waits until the index has taken in every change up to `seq`, so a write is visible to the
	 * next read. Gives up after a moment rather than hang a request if the feed is late.
	 */
	async settle(seq: Seq): Promise<void> {
		await this.ready;
		const target = seqNumber(seq);
		if (seqNumber(this.#seq) >= target) return;
		await new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				off();
				resolve();
			};
			const off = this.onChange(() => {
				if (seqNumber(this.#seq) >= target) done();
			});
			const timer = setTimeout(done, SETTLE_TIMEOUT_MS);
		});
	}

	/**
	 * Before answering about ids the index has never seen: a document written to the store by
	 * someone else (seeding, another server) may be a few milliseconds ahead of the index.
	 */
	async catchUpFor(ids: string[]): Promise<void> {
		await this.ready;
		if (ids.every((id) => this.#entries.has(id))) return;
		await this.settle((await this.#db.info()).update_seq);
	}

	/** Stops following the store and saves the journal: the store must stay open until this resolves. */
	async close(): Promise<void> {
		this.#closed = true;
		this.#feed?.cancel();
		this.#events.removeAllListeners();
		await this.ready.catch(() => {});
		await this.#queue;
		await this.drops.close();
	}

	async #catchUp(): Promise<void> {
		for (;;) {
			const page = await this.#db.changes({ since: this.#seq, limit: CATCH_UP_BATCH, include_docs: true });
			for (const change of page.results) await this.#apply(change);
			this.#seq = page.last_seq;
			if (page.results.length < CATCH_UP_BATCH) return;
		}
	}

	#follow(): void {
		if (this.#closed) return;
		const feed = this.#db.changes({ live: true, since: this.#seq, include_docs: true });
		this.#feed = feed;
		// Changes are taken in one after the other: a tombstone may need a read, and `#seq` must only grow.
		feed.on('change', (change) => {
			this.#queue = this.#queue.then(() => this.#take(change));
		});
		feed.on('error', (err) => {
			if (this.#closed) return;
			console.error('audience index: changes feed broke, following again', err);
			setTimeout(() => this.#queue.then(() => this.#follow()), RETRY_MS).unref();
		});
	}

	async #take(change: Change): Promise<void> {
		if (this.#closed) return;
		const known = this.#entries.get(change.id);
		const before = known && !known.deleted ? { ...known } : undefined;
		try {
			await this.#apply(change);
			const after = this.#entries.get(change.id);
			if (before && after && !after.deleted) this.drops.record(change.seq, before, after);
		} catch (err) {
			console.error(`audience index: could not index ${change.id}`, err);
		}
		if (seqNumber(change.seq) > seqNumber(this.#seq)) this.#seq = change.seq;
		this.drops.examined(this.#seq);
		this.#counts.clear();
		this.#events.emit('change');
	}

	async #apply(change: Change): Promise<void> {
		const doc = change.doc as (Scoped & { _rev: string }) | undefined;
		if (!change.deleted && doc) {
			this.#entries.set(change.id, entryOf(doc, false));
			return;
		}
		const known = this.#entries.get(change.id);
		if (known) {
			known.deleted = true;
			return;
		}
		this.#entries.set(change.id, await this.#lastLive(change.id, change.changes[0].rev));
	}

	/**
	 * A tombstone keeps the audience of the revision it deleted, so the deletion reaches exactly
	 * the devices that could hold the document, and its type and owner, so its id is not free to
	 * take. When that revision is gone (compacted, or a document created deleted), the tombstone is
	 * shown to all (it carries nothing but its id, and the type and owner it was written with).
	 */
	async #lastLive(id: string, deletedRev: string): Promise<AudienceEntry> {
		let stamped: Scoped | undefined;
		try {
			const tombstone = await this.#db.get(id, { rev: deletedRev, revs: true });
			stamped = tombstone as unknown as Scoped;
			const { start, ids } = tombstone._revisions!;
			if (ids.length > 1) {
				const parent = await this.#db.get(id, { rev: `${start - 1}-${ids[1]}` });
				return entryOf(parent as Scoped, true);
			}
		} catch {
			// fall through: no live revision left to read
		}
		return { _id: id, type: stamped?.type, owner: stamped?.owner, audience: 'public', deleted: true };
	}
}

function entryOf(doc: Scoped, deleted: boolean): AudienceEntry {
	return { ...scopedOf(doc), deleted };
}
