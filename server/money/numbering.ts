// Gap-free chronological numbering of invoices, credit notes and receipts, decided by the store's own
// conflict detection: an invoice's id is its number, and creating a document whose id exists fails
// with 409 — in PouchDB as in CouchDB, whichever server process asks. A writer only ever tries the
// number after one it has seen exist, so no number is skipped; it takes its date at each try, so a
// later number never carries an earlier date. No lock in memory: several servers may issue at once.
/// <reference types="pouchdb-core" />
import {
	DEFAULT_SERIES,
	type Invoice,
	type InvoiceDraft,
	invoiceNumber,
	numberedInvoice,
	sequenceOf,
	seriesOf,
	seriesRange,
	validateDoc,
} from '../../src/lib/domain';

export interface Numbering {
	/** Prefix of each kind's series (F, A, R by default). */
	prefixes?: Partial<typeof DEFAULT_SERIES>;
	/** The clock; tests inject theirs. */
	now?: () => Date;
}

/** Beyond this many lost races in a row something is wrong with the store: say so. */
const MAX_TRIES = 10_000;

export class NumberingError extends Error {}

/** Issues `draft` under the next free number of its series, and returns it as stored. */
export async function issueInvoice(
	db: PouchDB.Database,
	draft: InvoiceDraft,
	{ prefixes = {}, now = () => new Date() }: Numbering = {},
): Promise<Invoice> {
	const prefix = prefixes[draft.kind] ?? DEFAULT_SERIES[draft.kind];
	let at = now();
	let series = seriesOf(prefix, at.getUTCFullYear());
	let next = (await highest(db, series)) + 1;
	for (let tries = 0; tries < MAX_TRIES; tries++) {
		const invoice = numberedInvoice(draft, invoiceNumber(series, next), at);
		const valid = validateDoc(invoice);
		if (!valid.ok) throw new NumberingError(`facture invalide : ${valid.reason}`);
		try {
			const { rev } = await db.put(invoice);
			return { ...invoice, _rev: rev };
		} catch (err) {
			if ((err as { status?: number }).status !== 409) throw err;
		}
		// Someone took that number: it exists, so the next one may be tried — after a look at how far
		// the others went, which saves trying each number they took.
		// A new year starts a new series, from its own highest number.
		at = now();
		const current = seriesOf(prefix, at.getUTCFullYear());
		const taken = current === series ? next : 0;
		series = current;
		next = Math.max(taken + 1, (await highest(db, series)) + 1);
	}
	throw new NumberingError(`aucun numéro libre trouvé dans la série ${series}`);
}

/** The highest number issued in `series`, 0 when none. */
async function highest(db: PouchDB.Database, series: string): Promise<number> {
	const { startkey, endkey } = seriesRange(series);
	const { rows } = await db.allDocs({ startkey: endkey, endkey: startkey, descending: true, limit: 1 });
	return rows.length === 0 ? 0 : (sequenceOf(series, rows[0].id) ?? 0);
}
