// Marking an order paid, once: the order's own revision decides (two servers, two notifications or
// an animator's double click race on one `put`; one wins, the others read `already`), then the
// invoice (a receipt for a membership fee) is issued by that winner and named on the order. A crash
// between the two leaves a paid order without its invoice: `ensureInvoiced` finds the invoice the
// first try issued (it names its order) or issues it, so an order never gets two.
/// <reference types="pouchdb-core" />
import {
	DEFAULT_SERIES,
	type Invoice,
	type InvoiceDraft,
	type InvoiceKind,
	type Order,
	PAYMENT_METHODS,
	type Payment,
	type Structure,
	seriesOf,
	seriesRange,
} from '../../src/lib/domain';
import { applyEffects } from './effects';
import { issueInvoice, type Numbering } from './numbering';

export type PaidOutcome = 'paid' | 'already' | 'unknown' | 'mismatch';

export interface Billing extends Numbering {
	vatMention: string;
	paymentTerms: string;
	dueInDays: number;
}

type Db = PouchDB.Database;

export async function markPaid(
	db: Db,
	orderId: string,
	payment: Payment,
	billing: Billing,
): Promise<{ outcome: PaidOutcome; order?: Order; invoice?: Invoice }> {
	for (;;) {
		const order = (await db.get<Order>(orderId).catch(() => null)) as Order | null;
		if (order?.type !== 'order') return { outcome: 'unknown' };
		// The one whose write made it paid issues the invoice; the others say so and name it if it is there.
		if (order.state === 'paid') return { outcome: 'already', order, invoice: await invoiceOf(db, order) };
		if (order.state !== 'pending' || payment.amountCents !== order.totalCents)
			return { outcome: 'mismatch', order };
		const paid: Order = { ...order, state: 'paid', payment, updatedAt: payment.at };
		try {
			paid._rev = (await db.put(paid)).rev;
		} catch (err) {
			if ((err as { status?: number }).status === 409) continue;
			throw err;
		}
		const invoice = await ensureInvoiced(db, paid, billing);
		await applyEffects({ db, now: billing.now ?? (() => new Date()) }, paid);
		return { outcome: 'paid', order: paid, invoice };
	}
}

async function invoiceOf(db: Db, order: Order): Promise<Invoice | undefined> {
	return order.invoice ? db.get<Invoice>(order.invoice) : undefined;
}

/**
 * The invoice of a paid order: the one already issued for it (a crash may have come between the
 * invoice and the order's update), or a new one, named on the order. Called by whoever made the
 * order paid, and by the repair of orders left without their invoice.
 */
export async function ensureInvoiced(db: Db, order: Order, billing: Billing): Promise<Invoice> {
	if (order.invoice) return db.get<Invoice>(order.invoice);
	const invoice =
		(await issuedFor(db, order, billing)) ??
		(await issueInvoice(db, await draftOf(db, order, billing), billing));
	let current = order;
	for (;;) {
		try {
			await db.put({ ...current, invoice: invoice._id });
			return invoice;
		} catch (err) {
			if ((err as { status?: number }).status !== 409) throw err;
			current = await db.get<Order>(order._id);
			if (current.invoice) return db.get<Invoice>(current.invoice);
		}
	}
}

const kindOf = (order: Order): InvoiceKind => (order.purpose === 'membership' ? 'receipt' : 'invoice');

/** Looks through the series of the payment's year for an invoice naming the order. */
async function issuedFor(db: Db, order: Order, billing: Billing): Promise<Invoice | null> {
	const kind = kindOf(order);
	const prefix = billing.prefixes?.[kind] ?? DEFAULT_SERIES[kind];
	// Paid on the 31st of December, numbered on the 1st of January: both years' series.
	const paidYear = new Date(order.payment?.at ?? order.updatedAt).getUTCFullYear();
	const thisYear = (billing.now?.() ?? new Date()).getUTCFullYear();
	for (const year of new Set([paidYear, thisYear])) {
		const { rows } = await db.allDocs<Invoice>({
			...seriesRange(seriesOf(prefix, year)),
			include_docs: true,
		});
		const found = rows.find((row) => row.doc?.order === order._id)?.doc;
		if (found) return found;
	}
	return null;
}

async function draftOf(db: Db, order: Order, billing: Billing): Promise<InvoiceDraft> {
	const structure = (await db.get<Structure>(order.payer).catch(() => null)) as Structure | null;
	const method = order.payment ? PAYMENT_METHODS[order.payment.method] : '';
	return {
		kind: kindOf(order),
		payer: order.payer,
		buyer: { name: structure?.name ?? order.payer, address: structure?.address ?? '' },
		lines: order.lines.map(({ label, quantity, unitCents }) => ({ label, quantity, unitCents })),
		paymentTerms: method
			? `Payé le ${order.payment?.at.slice(0, 10)} (${method}, commande ${order.reference})`
			: billing.paymentTerms,
		vatMention: billing.vatMention,
		dueInDays: 0,
		order: order._id,
	};
}
