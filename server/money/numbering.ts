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

/**
 * Issues in one process wait for each other per database and prefix: not for correctness (the
 * store's 409 is what keeps numbers unique, across processes too) but so that 200 issues at once
 * do not race 200 × 200 times for the same numbers.
 */
const queues = new WeakMap<PouchDB.Database, Map<string, Promise<unknown>>>();

function inTurn<T>(db: PouchDB.Database, prefix: string, work: () => Promise<T>): Promise<T> {
	const byPrefix = queues.get(db) ?? new Map<string, Promise<unknown>>();
	queues.set(db, byPrefix);
	const previous = byPrefix.get(prefix) ?? Promise.resolve();
	const next = previous.then(work, work);
	byPrefix.set(
		prefix,
		next.catch(() => undefined),
	);
	return next;
}

/** Issues `draft` under the next free number of its series, and returns it as stored. */
export function issueInvoice(
	db: PouchDB.Database,
	draft: InvoiceDraft,
	numbering: Numbering = {},
): Promise<Invoice> {
	const prefix = numbering.prefixes?.[draft.kind] ?? DEFAULT_SERIES[draft.kind];
	return inTurn(db, prefix, () => issue(db, draft, prefix, numbering.now ?? (() => new Date())));
}

async function issue(
	db: PouchDB.Database,
	draft: InvoiceDraft,
	prefix: string,
	now: () => Date,
): Promise<Invoice> {
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
