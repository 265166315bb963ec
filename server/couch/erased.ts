// The ids erased at a person's request (RGPD), kept in the server-only accounts store as
// `erased:<document id>` — the id alone, never the data. Every write of /db is checked against them
// (writes.ts): a device that was offline during the erasure and pushes its stale copy (a
// replication replays it with new_edits:false) is refused, so the data can never come back.
/// <reference types="pouchdb-core" />
import type { Decision } from '../../src/lib/domain';

/** How a message is signed once its author is erased. */
export const FORMER_MEMBER = 'ancien·ne membre';

/** `deleted`: the document is gone for good; `anonymised`: it stays, signed FORMER_MEMBER. */
export type ErasedKind = 'deleted' | 'anonymised';

export interface ErasedDoc {
	_id: string;
	_rev?: string;
	type: 'erased';
	kind: ErasedKind;
	at: string;
}

const PREFIX = 'erased:';

export const ERASED_REASON =
	'Ce document a été effacé à la demande de la personne concernée (RGPD) : il ne peut pas revenir.';
const ANONYMISED_REASON =
	'L’auteur de ce message a été effacé à sa demande (RGPD) : le message reste signé « ancien·ne membre ».';

export class ErasedIds {
	#kinds = new Map<string, ErasedKind>();
	#accounts: PouchDB.Database;
	readonly ready: Promise<void>;

	constructor(accounts: PouchDB.Database) {
		this.#accounts = accounts;
		this.ready = this.#load();
		this.ready.catch((err) => console.error('erased ids: could not read the store', err));
	}

	async #load(): Promise<void> {
		const { rows } = await this.#accounts.allDocs({
			startkey: PREFIX,
			endkey: `${PREFIX}\uffff`,
			include_docs: true,
		});
		for (const row of rows) {
			const doc = row.doc as unknown as ErasedDoc | undefined;
			if (doc) this.#kinds.set(doc._id.slice(PREFIX.length), doc.kind);
		}
	}

	has(id: string): boolean {
		return this.#kinds.has(id);
	}

	/** Erased for good (not a message kept anonymised): devices drop it. */
	deleted(id: string): boolean {
		return this.#kinds.get(id) === 'deleted';
	}

	/** Records erased ids (before the erasure's writes, so no write slips in between). */
	async add(ids: Map<string, ErasedKind>, now = new Date()): Promise<void> {
		const at = now.toISOString();
		const existing = await this.#accounts.allDocs({ keys: [...ids.keys()].map((id) => PREFIX + id) });
		const revs = new Map<string, string>();
		for (const row of existing.rows)
			if ('value' in row && !row.value.deleted) revs.set(row.id, row.value.rev);
		const docs: ErasedDoc[] = [...ids].map(([id, kind]) => ({
			_id: PREFIX + id,
			...(revs.has(PREFIX + id) ? { _rev: revs.get(PREFIX + id) } : {}),
			type: 'erased',
			kind,
			at,
		}));
		const results = await this.#accounts.bulkDocs(docs);
		const failed = results.find((r) => !('ok' in r && r.ok));
		if (failed) throw new Error(`erased ids: could not record ${JSON.stringify(failed)}`);
		for (const [id, kind] of ids) this.#kinds.set(id, kind);
	}

	/**
	 * A write of an erased id: a deleted one only as a tombstone, an anonymised message only as it
	 * stays (signed FORMER_MEMBER). Staff too: nobody brings erased data back.
	 */
	check(doc: Record<string, unknown>): Decision {
		const id = typeof doc._id === 'string' ? doc._id : '';
		const kind = this.#kinds.get(id);
		if (!kind || doc._deleted === true) return { ok: true };
		if (kind === 'deleted') return { ok: false, reason: ERASED_REASON };
		return doc.authorName === FORMER_MEMBER ? { ok: true } : { ok: false, reason: ANONYMISED_REASON };
	}
}
