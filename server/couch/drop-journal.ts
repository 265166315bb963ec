// The journal of audience changes: documents whose readers changed, with who could read them
// before, so a device learns cheaply which of its documents left its audience since its last check.
// Questions older than what the journal covers get "send your ids" (a full check).
//
// It survives restarts: kept in the store as `_local` documents (drop-journal-store.ts) together
// with the store sequence it has examined through; changes after that sequence (written while the
// process died before saving) are recovered at start (drop-journal-recovery.ts) or, where they
// cannot be, the journal stops covering the sequences before them.
import type { Scoped } from '../../src/lib/domain';
import { JournalStore, type SavedJournal } from './drop-journal-store';
import { type Seq, seqNumber } from './seq';

export interface JournalEntry {
	seq: Seq;
	id: string;
	before: Scoped;
}

/** Beyond this many entries the oldest are forgotten and older checks fall back to a full one. */
const MAX_ENTRIES = 100_000;
/** Entries per stored chunk: a save rewrites the newest chunk only (~150 B an entry). */
export const CHUNK_ENTRIES = 500;
/** A save waits this long after a change, so a burst of writes costs one save. */
const SAVE_DELAY_MS = 200;

interface Chunk {
	n: number;
	entries: JournalEntry[];
	/** Changed since it was last saved. */
	dirty: boolean;
}

export class DropJournal {
	#chunks: Chunk[] = [];
	#next = 0;
	#count = 0;
	/** Changes after this sequence are all in the journal; null until the index follows the store. */
	#from: Seq | null = null;
	/** Every store change up to this sequence has been looked at (and recorded if it mattered). */
	#examined: Seq | null = null;
	#saved: Seq | null = null;
	#removed: number[] = [];
	#store: JournalStore | null;
	#timer: NodeJS.Timeout | null = null;
	#saving: Promise<void> = Promise.resolve();

	#max: number;

	/** Without a database the journal lives in memory only. */
	constructor(db?: PouchDB.Database, opts: { maxEntries?: number } = {}) {
		this.#store = db ? new JournalStore(db) : null;
		this.#max = opts.maxEntries ?? MAX_ENTRIES;
	}

	/** Reads the saved journal; what it says it examined through, or null when there is none. */
	async load(): Promise<Seq | null> {
		const saved = await this.#store?.load();
		if (!saved) return null;
		const through = seqNumber(saved.through);
		this.#from = saved.from;
		this.#next = saved.next;
		for (const { n, entries } of saved.chunks) {
			// Entries saved past `through` (a save cut between a chunk and the head) are recovered anew.
			const kept = entries.filter((e) => seqNumber(e.seq) <= through);
			this.#chunks.push({ n, entries: kept, dirty: kept.length !== entries.length });
			this.#count += kept.length;
		}
		this.#examined = this.#saved = saved.through;
		return saved.through;
	}

	/** No journal to go on: it covers from now. */
	startAt(seq: Seq): void {
		this.#removed.push(...this.#chunks.map(({ n }) => n));
		this.#chunks = [];
		this.#count = 0;
		this.#from = seq;
		this.examined(seq);
	}

	/** Changes from `seq` on may be missing (not recoverable after a crash): questions older get a full check. */
	forgetBefore(seq: Seq): void {
		if (this.#from === null || seqNumber(seq) > seqNumber(this.#from)) this.#from = seq;
	}

	/** The index has taken in every change up to `seq`: saved soon. */
	examined(seq: Seq): void {
		this.#examined = seq;
		if (this.#store && !this.#timer) {
			this.#timer = setTimeout(() => {
				this.#timer = null;
				void this.save();
			}, SAVE_DELAY_MS);
			this.#timer.unref();
		}
	}

	/** Takes in a live document's change; only a change of who may read it is kept. */
	record(seq: Seq, before: Scoped, after: Scoped): void {
		if (readersChanged(before, after)) this.#push({ seq, id: before._id, before });
	}

	/**
	 * Takes in a document erased at a person's request (RGPD): its readers did not change, yet every
	 * device that could read it must drop what it holds of it (its content too).
	 */
	recordErased(seq: Seq, before: Scoped): void {
		this.recordBefore(seq, before);
	}

	/** Takes in an audience the document had before `seq`, whatever it has now (recovery at start). */
	recordBefore(seq: Seq, before: Scoped): void {
		this.#push({ seq, id: before._id, before });
	}

	/** How many entries it holds (bounded: the oldest go first). */
	get size(): number {
		return this.#count;
	}

	/** Whether every audience change after `since` is known here. */
	covers(since: Seq): boolean {
		return this.#from !== null && seqNumber(since) >= seqNumber(this.#from);
	}

	/** The changes after `since`, newest first, with the audience each document had before. */
	*after(since: Seq): Iterable<JournalEntry> {
		const from = seqNumber(since);
		for (let c = this.#chunks.length - 1; c >= 0; c--) {
			const { entries } = this.#chunks[c];
			for (let i = entries.length - 1; i >= 0; i--) {
				if (seqNumber(entries[i].seq) <= from) return;
				yield entries[i];
			}
		}
	}

	/** Writes what changed since the last save; one save at a time. */
	save(): Promise<void> {
		this.#saving = this.#saving
			.then(() => this.#write())
			.catch((err) => {
				console.error('drop journal: could not save', err);
			});
		return this.#saving;
	}

	/** Saves what is pending and stops the timer (the store must stay open until this resolves). */
	async close(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#store) await this.save();
	}

	async #write(): Promise<void> {
		const store = this.#store;
		const through = this.#examined;
		const from = this.#from;
		if (!store || through === null || from === null) return;
		// What this save writes is taken now: changes taken in meanwhile go to the next save.
		const dirty = this.#chunks.filter((chunk) => chunk.dirty);
		const removed = this.#removed.splice(0);
		if (dirty.length === 0 && removed.length === 0 && through === this.#saved) return;
		const head: SavedJournal = {
			from,
			through,
			next: this.#next,
			chunks: this.#chunks.map(({ n }) => ({ n, entries: [] })),
		};
		// Chunks before the head: the head never names a sequence whose entries are not saved
		// (entries past `through` a chunk may hold already are left out when it is read).
		for (const chunk of dirty) {
			chunk.dirty = false;
			await store.putChunk(chunk.n, chunk.entries.slice());
		}
		await store.putHead(head);
		this.#saved = through;
		// Forgotten chunks go once the head no longer names them.
		for (const n of removed) await store.removeChunk(n);
	}

	#push(entry: JournalEntry): void {
		let last = this.#chunks[this.#chunks.length - 1];
		if (!last || last.entries.length >= CHUNK_ENTRIES) {
			last = { n: this.#next++, entries: [], dirty: true };
			this.#chunks.push(last);
		}
		last.entries.push(entry);
		last.dirty = true;
		this.#count++;
		// Whole chunks go, oldest first: the journal then covers from the last one forgotten.
		while (this.#count > this.#max && this.#chunks.length > 1) {
			const oldest = this.#chunks.shift() as Chunk;
			this.#count -= oldest.entries.length;
			if (oldest.entries.length > 0) this.forgetBefore(oldest.entries[oldest.entries.length - 1].seq);
			this.#removed.push(oldest.n);
		}
	}
}

export function readersChanged(before: Scoped, after: Scoped): boolean {
	return (
		before.audience !== after.audience ||
		before.owner !== after.owner ||
		(before.participants ?? []).join('\n') !== (after.participants ?? []).join('\n')
	);
}
