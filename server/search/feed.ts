// Keeps a search engine in step with the store: every document read once at start (in pages), then
// each change as it happens. Tombstones and documents of other types leave the index.
/// <reference types="pouchdb-core" />
import { SearchEngine } from '../../src/lib/domain/search';

const PAGE = 2_000;
const RETRY_MS = 1_000;

type Change = PouchDB.Core.ChangesResponseChange<object>;

export class SearchFeed {
	readonly engine = new SearchEngine();
	readonly ready: Promise<void>;
	#db: PouchDB.Database;
	#since: string | number = 0;
	#feed: PouchDB.Core.Changes<object> | null = null;
	#closed = false;

	constructor(db: PouchDB.Database) {
		this.#db = db;
		this.ready = this.#catchUp().then(() => this.#follow());
		this.ready.catch((err) => console.error('search: could not read the store', err));
	}

	close(): void {
		this.#closed = true;
		this.#feed?.cancel();
	}

	#take(change: Change): void {
		const doc = change.doc as { _id: string; type?: string; _deleted?: boolean } | undefined;
		this.engine.put(doc ?? { _id: change.id, _deleted: true });
	}

	async #catchUp(): Promise<void> {
		for (;;) {
			const page = await this.#db.changes({ since: this.#since, limit: PAGE, include_docs: true });
			for (const change of page.results) this.#take(change);
			this.#since = page.last_seq;
			if (page.results.length < PAGE || this.#closed) return;
		}
	}

	#follow(): void {
		if (this.#closed) return;
		const feed = this.#db.changes({ live: true, since: this.#since, include_docs: true });
		this.#feed = feed;
		feed.on('change', (change) => {
			this.#take(change);
			this.#since = change.seq;
		});
		feed.on('error', (err) => {
			if (this.#closed) return;
			console.error('search: changes feed broke, following again', err);
			setTimeout(() => this.#follow(), RETRY_MS).unref();
		});
	}

	/** Waits until the index has taken in every change the store had when called (a write just made, say). */
	async settle(): Promise<void> {
		await this.ready;
		const target = seqNumber((await this.#db.info()).update_seq);
		for (let i = 0; i < 100 && seqNumber(this.#since) < target; i++)
			await new Promise((r) => setTimeout(r, 10));
	}
}

function seqNumber(seq: string | number): number {
	return typeof seq === 'number' ? seq : Number.parseInt(seq, 10) || 0;
}
