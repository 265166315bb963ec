// Invoices, credit notes and membership receipts: documents the server alone writes, numbered
// without gaps in chronological order per series (`invoice:F-2026-00042`). No one edits or deletes
// one through the replication endpoint, the network's team included: a cancellation is a credit
// note (series A) that refers to the invoice it cancels. Amounts are integer cents.
import * as v from 'valibot';
import { base, isoDate, isoTimestamp, keys, required, structureId, text } from './fields';
import { NETWORK } from './ids';

export const INVOICE_KINDS = {
	invoice: 'Facture',
	credit: 'Avoir',
	receipt: 'Reçu d’adhésion',
} as const;
export type InvoiceKind = keyof typeof INVOICE_KINDS;

/** The default prefix of each kind's series; the network's settings may choose others. */
export const DEFAULT_SERIES: Record<InvoiceKind, string> = { invoice: 'F', credit: 'A', receipt: 'R' };

/** A series is a prefix and a year: numbering starts again at 1 each calendar year. */
const SERIES = /^[A-Z]{1,4}-\d{4}$/;
const NUMBER_DIGITS = 5;

export function seriesOf(prefix: string, year: number): string {
	const series = `${prefix}-${year}`;
	if (!SERIES.test(series)) throw new RangeError(`série de numérotation invalide : ${series}`);
	return series;
}

/** `F-2026` and 42 → `F-2026-00042`: zero-padded so ids sort in number order. */
export function invoiceNumber(series: string, n: number): string {
	if (!Number.isInteger(n) || n < 1) throw new RangeError(`numéro invalide : ${n}`);
	return `${series}-${String(n).padStart(NUMBER_DIGITS, '0')}`;
}

export function invoiceId(number: string): string {
	return `invoice:${number}`;
}

/** The sequence number of an invoice id of `series`, or null for an id of another series. */
export function sequenceOf(series: string, id: string): number | null {
	const prefix = `invoice:${series}-`;
	if (!id.startsWith(prefix)) return null;
	const digits = id.slice(prefix.length);
	return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** The `_all_docs` range holding a series' invoices, the highest number last. */
export function seriesRange(series: string): { startkey: string; endkey: string } {
	return { startkey: `invoice:${series}-`, endkey: `invoice:${series}-\uffff` };
}

const cents = v.pipe(v.number(), v.integer('montant en centimes entiers'));

export const InvoiceLineSchema = v.object({
	label: required(200),
	quantity: v.pipe(v.number(), v.integer(), v.minValue(1, 'quantité d’au moins 1')),
	unitCents: v.pipe(cents, v.minValue(0, 'prix unitaire positif')),
});
export type InvoiceLine = v.InferOutput<typeof InvoiceLineSchema>;

/** Who is invoiced, as printed: copied at issue time, so a later edit of the directory changes nothing. */
export const PartySchema = v.object({
	name: required(200),
	address: text(300),
	/** SIREN, SIRET or RNA number, when known. */
	identifier: v.optional(text(20)),
});
export type Party = v.InferOutput<typeof PartySchema>;

export const InvoiceSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('invoice'),
		kind: v.picklist(keys(INVOICE_KINDS)),
		number: v.pipe(v.string(), v.regex(/^[A-Z]{1,4}-\d{4}-\d{5,}$/, 'numéro de facture invalide')),
		issuedAt: isoTimestamp,
		dueDate: isoDate,
		payer: v.union([structureId, v.literal(NETWORK)]),
		buyer: PartySchema,
		lines: v.pipe(v.array(InvoiceLineSchema), v.minLength(1, 'au moins une ligne')),
		totalCents: cents,
		paymentTerms: text(300),
		/** The VAT mention the network's accountant chose (exempt association, franchise…). */
		vatMention: required(200),
		/** The order this invoice bills. */
		order: v.optional(text(120)),
		/** A credit note names the invoice it cancels. */
		cancels: v.optional(v.pipe(v.string(), v.startsWith('invoice:'))),
	}),
	v.check((i) => i._id === invoiceId(i.number), 'identifiant de facture incohérent avec son numéro'),
	v.check((i) => i.totalCents === totalOf(i.lines) * (i.kind === 'credit' ? -1 : 1), 'total incohérent'),
	v.check(
		(i) => (i.kind === 'credit') === (i.cancels !== undefined),
		'un avoir, et lui seul, annule une facture',
	),
	v.check(
		(i) => i.audience === 'owner' && i.owner === i.payer,
		'une facture se lit par qui la paie et l’équipe',
	),
);
export type Invoice = v.InferOutput<typeof InvoiceSchema>;

export function totalOf(lines: readonly InvoiceLine[]): number {
	return lines.reduce((sum, line) => sum + line.quantity * line.unitCents, 0);
}

/** What a document becomes once the server gives it its number. */
export interface InvoiceDraft {
	kind: InvoiceKind;
	payer: string;
	buyer: Party;
	lines: InvoiceLine[];
	paymentTerms: string;
	vatMention: string;
	/** Days between the issue date and the due date. */
	dueInDays: number;
	order?: string;
	cancels?: string;
}

export function numberedInvoice(draft: InvoiceDraft, number: string, at: Date): Invoice {
	const issuedAt = at.toISOString();
	const due = new Date(at.getTime() + draft.dueInDays * 86_400_000).toISOString().slice(0, 10);
	const total = totalOf(draft.lines);
	return {
		_id: invoiceId(number),
		type: 'invoice',
		schema: 1,
		owner: draft.payer,
		audience: 'owner',
		createdAt: issuedAt,
		updatedAt: issuedAt,
		kind: draft.kind,
		payer: draft.payer,
		buyer: draft.buyer,
		lines: draft.lines,
		paymentTerms: draft.paymentTerms,
		vatMention: draft.vatMention,
		...(draft.order ? { order: draft.order } : {}),
		...(draft.cancels ? { cancels: draft.cancels } : {}),
		number,
		issuedAt,
		dueDate: due,
		totalCents: draft.kind === 'credit' ? -total : total,
	};
}

/** The credit note that cancels `invoice` in full: the same lines, the total negated. */
export function creditNoteDraft(invoice: Invoice, reason: string): InvoiceDraft {
	return {
		kind: 'credit',
		payer: invoice.payer,
		buyer: invoice.buyer,
		lines: invoice.lines,
		paymentTerms: reason,
		vatMention: invoice.vatMention,
		dueInDays: 0,
		order: invoice.order,
		cancels: invoice._id,
	};
}
