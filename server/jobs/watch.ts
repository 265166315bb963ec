// What the jobs need to know of the store, kept up to date from its changes feed (read from where
// the last run stopped, so a run costs the changes since, not a scan of 50,000 listings): the
// listings still running, the notices not yet e-mailed, and the e-mail addresses of each structure's contacts.
/// <reference types="pouchdb-core" />
import { type Contact, isRunning, type Listing, type Notice } from '../../src/lib/domain';

export type RunningListing = Pick<Listing, '_id' | 'owner' | 'title' | 'validUntil' | 'status'>;

const PAGE = 2_000;

export class StoreWatch {
	readonly running = new Map<string, RunningListing>();
	readonly unmailed = new Map<string, Notice>();
	/** contact id → its structure and e-mail. */
	readonly contacts = new Map<string, { owner: string; email: string }>();
	#since: string | number = 0;
	#reading: Promise<void> = Promise.resolve();

	constructor(readonly db: PouchDB.Database) {}

	/** Takes in every change since the last call (jobs running side by side share one reading). */
	catchUp(): Promise<void> {
		this.#reading = this.#reading.catch(() => {}).then(() => this.#read());
		return this.#reading;
	}

	async #read(): Promise<void> {
		for (;;) {
			const page = await this.db.changes({ since: this.#since, limit: PAGE, include_docs: true });
			for (const change of page.results) this.#take(change.id, change.deleted ? undefined : change.doc);
			this.#since = page.last_seq;
			if (page.results.length < PAGE) return;
		}
	}

	/** The e-mail addresses of a structure's people, as its contact documents give them. */
	contactEmails(structure: string): string[] {
		return [...this.contacts.values()].filter((c) => c.owner === structure).map((c) => c.email);
	}

	#take(id: string, doc: object | undefined): void {
		const type = id.slice(0, id.indexOf(':'));
		if (type === 'listing') {
			const l = doc as Listing | undefined;
			if (l && isRunning(l))
				this.running.set(id, {
					_id: id,
					owner: l.owner,
					title: l.title,
					validUntil: l.validUntil,
					status: l.status,
				});
			else this.running.delete(id);
		} else if (type === 'notice') {
			const n = doc as Notice | undefined;
			if (n && !n.mailedAt) this.unmailed.set(id, n);
			else this.unmailed.delete(id);
		} else if (type === 'contact') {
			const c = doc as Contact | undefined;
			if (c?.email) this.contacts.set(id, { owner: c.owner, email: c.email });
			else this.contacts.delete(id);
		}
	}
}
