// Keeps the query tables in step with the replica: reads its changes feed in batches from a
// checkpoint stored in the same transaction as the rows (a crash never leaves them apart), then
// follows live changes. Tables of another replica or another TABLES_VERSION are rebuilt.
import { typeOfId } from '../domain';
import type { Replica } from '../sync/replica';
import { type MetaRow, type Row, TABLE_OF, TABLES_VERSION, type Tables } from './db';

type TableName = NonNullable<(typeof TABLE_OF)[keyof typeof TABLE_OF]>;

const CHECKPOINT = 'checkpoint';

interface Checkpoint extends MetaRow {
	key: typeof CHECKPOINT;
	/** The replica the rows come from (its PouchDB instance id): a new replica means new rows. */
	replica: string;
	version: number;
	seq: number | string;
}

type Change = PouchDB.Core.ChangesResponseChange<object>;

/** Empties every table, checkpoint included. */
export async function clearTables(tables: Tables): Promise<void> {
	await tables.transaction('rw', tables.tables, () => Promise.all(tables.tables.map((t) => t.clear())));
}

export class Indexer {
	#running: Promise<void> | null = null;
	#again = false;
	#feed: PouchDB.Core.Changes<object> | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#replicaId: string | null = null;

	constructor(
		readonly replica: Replica,
		readonly tables: Tables,
		readonly batchSize = 1000,
	) {}

	/** Indexes every change the tables miss; resolves when they have caught up with the replica. */
	catchUp(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = (async () => {
			try {
				do {
					this.#again = false;
					await this.#indexPending().catch((err) => this.#reopenIfDeleted(err));
				} while (this.#again);
			} finally {
				this.#running = null;
			}
		})();
		return this.#running;
	}

	/** Catches up, then follows the replica's changes (grouped: replication writes in bursts). */
	start(): Promise<void> {
		this.#feed ??= this.replica
			.changes({ live: true, since: 'now', return_docs: false })
			.on('change', () => this.#schedule())
			.on('error', (err) => console.error('indexer feed', err));
		return this.catchUp().catch((err) => console.error('indexer', err));
	}

	async stop(): Promise<void> {
		this.#feed?.cancel();
		this.#feed = null;
		clearTimeout(this.#timer);
		await this.#running?.catch(() => undefined);
	}

	/** The tables were deleted under us (another tab, or by hand): open them again and rebuild. */
	async #reopenIfDeleted(err: unknown): Promise<void> {
		if ((err as Error)?.name !== 'DatabaseClosedError') throw err;
		await this.tables.open();
		await this.#indexPending();
	}

	#schedule(): void {
		if (this.#timer !== undefined) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.catchUp().catch((err) => console.error('indexer', err));
		}, 50);
	}

	async #checkpoint(): Promise<Checkpoint> {
		// PouchDB's instance id: new for every database created under the name (its types omit it).
		this.#replicaId ??= await (this.replica as Replica & { id(): Promise<string> }).id();
		const replicaId = this.#replicaId;
		const stored = (await this.tables.meta.get(CHECKPOINT)) as Checkpoint | undefined;
		if (stored && stored.replica === replicaId && stored.version === TABLES_VERSION) return stored;
		// First run, tables deleted, new replica or new table format: rebuild from the start.
		await clearTables(this.tables);
		return { key: CHECKPOINT, replica: replicaId, version: TABLES_VERSION, seq: 0 };
	}

	async #indexPending(): Promise<void> {
		let checkpoint = await this.#checkpoint();
		for (;;) {
			const batch = await this.replica.changes({
				since: checkpoint.seq,
				limit: this.batchSize,
				include_docs: true,
				conflicts: true,
				return_docs: true,
			});
			if (batch.results.length === 0) return;
			checkpoint = { ...checkpoint, seq: batch.last_seq };
			await this.#apply(batch.results, checkpoint);
			if (batch.results.length < this.batchSize) return;
		}
	}

	/** Writes one batch of changes and the checkpoint after it, all or nothing. */
	async #apply(changes: Change[], checkpoint: Checkpoint): Promise<void> {
		const puts = new Map<TableName, object[]>();
		const deletes = new Map<TableName, string[]>();
		for (const change of changes) {
			const type = typeOfId(change.id);
			const table = type && TABLE_OF[type];
			if (!table) continue;
			if (change.deleted || !change.doc) push(deletes, table, change.id);
			else push(puts, table, change.doc as Row<object>);
		}
		const t = this.tables;
		await t.transaction('rw', t.tables, async () => {
			for (const [table, rows] of puts) await t.table(table).bulkPut(rows);
			for (const [table, ids] of deletes) await t.table(table).bulkDelete(ids);
			await t.meta.put(checkpoint);
		});
	}
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}
