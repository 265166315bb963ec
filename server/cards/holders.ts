// Who a card is for: an account is linked to the person of the directory whose contact details
// carry the account's e-mail (contact:<key> belongs to person:<key>), within the same structure.
/// <reference types="pouchdb-core" />
import type { Contact, Person } from '../../src/lib/domain';

const REFRESH_MS = 60_000;

/** E-mail → person id, read from the contact documents; rebuilt at most once a minute on a miss. */
export class CardHolders {
	#byEmail = new Map<string, string>();
	#builtAt = 0;
	#building: Promise<void> | null = null;

	constructor(readonly db: PouchDB.Database) {}

	async personOf(email: string, structureId: string | undefined): Promise<Person | null> {
		const key = email.trim().toLowerCase();
		if (!this.#byEmail.has(key) && Date.now() - this.#builtAt > REFRESH_MS) await this.#rebuild();
		const id = this.#byEmail.get(key);
		const person = id ? await this.person(id) : null;
		return person && (!structureId || person.structure === structureId) ? person : null;
	}

	async person(id: string): Promise<Person | null> {
		if (!id.startsWith('person:')) return null;
		try {
			const doc = (await this.db.get(id)) as unknown as Person;
			return doc.type === 'person' ? doc : null;
		} catch {
			return null;
		}
	}

	#rebuild(): Promise<void> {
		this.#building ??= (async () => {
			const rows = await this.db.allDocs({
				startkey: 'contact:',
				endkey: 'contact:\ufff0',
				include_docs: true,
			});
			const map = new Map<string, string>();
			for (const row of rows.rows) {
				const contact = row.doc as unknown as Contact | undefined;
				if (contact?.email) map.set(contact.email.trim().toLowerCase(), contact.person);
			}
			this.#byEmail = map;
			this.#builtAt = Date.now();
		})().finally(() => {
			this.#building = null;
		});
		return this.#building;
	}
}
