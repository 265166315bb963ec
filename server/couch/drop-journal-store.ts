// Where the drop journal is kept: `_local` documents of the shared database, one head naming the
// chunks in order and the sequence examined through, and one document per chunk of entries.
//
// Why `_local` documents in the database rather than a file beside it: they live with the data
// (a backup, a restore, a CouchDB cluster behind several servers all see the same journal), they
// are never replicated nor listed in `_changes` (no device ever receives them, and saving one moves
// no store sequence, so the journal does not feed itself), they keep no revision history to compact,
// and they behave alike on the embedded store and on CouchDB 3. Devices cannot reach them: the
// `_local` route keeps each account to its own hashed bucket (local.ts).
//
// Several servers on one CouchDB follow the same feed and would save the same journal: a write
// refused as a conflict takes the stored revision and writes again (the later save wins, and any
// save is a true journal of the store it examined).
/// <reference types="pouchdb-core" />
import type { JournalEntry } from './drop-journal';
import type { Seq } from './seq';

const HEAD = '_local/elbasar-drop-journal';
const chunkId = (n: number) => `${HEAD}/${n}`;

export interface SavedJournal {
	/** The journal covers the changes after this sequence… */
	from: Seq;
	/** …up to this one: every change up to it was examined and, if it mattered, saved. */
	through: Seq;
	/** The number the next chunk takes. */
	next: number;
	chunks: { n: number; entries: JournalEntry[] }[];
}

interface HeadDoc {
	_id: string;
	_rev?: string;
	from: Seq;
	through: Seq;
	next: number;
	chunks: number[];
}

interface ChunkDoc {
	_id: string;
	_rev?: string;
	entries: JournalEntry[];
}

export class JournalStore {
	#db: PouchDB.Database;
	#revs = new Map<string, string>();

	constructor(db: PouchDB.Database) {
		this.#db = db;
	}

	/** The saved journal, or null when there is none or a chunk it names is missing. */
	async load(): Promise<SavedJournal | null> {
		const head = await this.#get<HeadDoc>(HEAD);
		if (!head) return null;
		const chunks: SavedJournal['chunks'] = [];
		for (const n of head.chunks) {
			const chunk = await this.#get<ChunkDoc>(chunkId(n));
			if (!chunk) {
				console.error(`drop journal: chunk ${n} missing, starting a new journal`);
				return null;
			}
			chunks.push({ n, entries: chunk.entries });
		}
		return { from: head.from, through: head.through, next: head.next, chunks };
	}

	putHead(head: SavedJournal): Promise<void> {
		const { from, through, next } = head;
		return this.#put({ _id: HEAD, from, through, next, chunks: head.chunks.map(({ n }) => n) });
	}

	putChunk(n: number, entries: JournalEntry[]): Promise<void> {
		return this.#put({ _id: chunkId(n), entries });
	}

	async removeChunk(n: number): Promise<void> {
		const id = chunkId(n);
		const rev = this.#revs.get(id) ?? (await this.#get(id))?._rev;
		if (!rev) return;
		await this.#db.remove(id, rev).catch(() => {});
		this.#revs.delete(id);
	}

	async #get<T extends { _rev?: string }>(id: string): Promise<T | null> {
		const doc = await this.#db.get<T>(id).catch((err: { status?: number }) => {
			if (err.status === 404) return null;
			throw err;
		});
		if (doc?._rev) this.#revs.set(id, doc._rev);
		return doc as T | null;
	}

	async #put(doc: { _id: string } & Record<string, unknown>): Promise<void> {
		for (let attempt = 0; ; attempt++) {
			const rev = this.#revs.get(doc._id);
			try {
				const saved = await this.#db.put({ ...doc, ...(rev ? { _rev: rev } : {}) });
				this.#revs.set(doc._id, saved.rev);
				return;
			} catch (err) {
				if ((err as { status?: number }).status !== 409 || attempt > 0) throw err;
				// Written by another server, or by this one before a restart: write over its revision.
				this.#revs.delete(doc._id);
				await this.#get(doc._id);
			}
		}
	}
}
