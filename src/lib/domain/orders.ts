// Orders: what a structure owes the network — a membership fee, a listing of a non-member structure,
// a featured listing. A structure creates its own order on its device (offline too) in the state
// « en attente », priced from the price list; it may cancel it while it waits. Everything after that
// (paid, refunded, waived) is the server's: the animator marks a transfer or cheque paid, HelloAsso
// notifies an online payment, and the server writes the order and issues its invoice. Amounts are
// integer cents; the short reference is what the payer quotes on a bank transfer.
import * as v from 'valibot';
import { allow, type Decision, deny, type Lookup, type Scoped, type Viewer } from './access-types';
import {
	EMPLOYEE_BANDS,
	type EmployeeBand,
	FEATURED_LISTING_FEE,
	membershipFee,
	NON_MEMBER_LISTING_FEE,
} from './fees';
import { base, isoTimestamp, keys, required, structureId, text } from './fields';
import { keyOf } from './ids';
import { totalOf } from './invoices';

export const ORDER_STATES = {
	pending: 'En attente',
	paid: 'Payée',
	cancelled: 'Annulée',
	refunded: 'Remboursée',
} as const;
export type OrderState = keyof typeof ORDER_STATES;

export const ORDER_PURPOSES = {
	membership: 'Adhésion',
	listing: 'Annonce d’une structure non adhérente',
	featured: 'Annonce à la une',
} as const;
export type OrderPurpose = keyof typeof ORDER_PURPOSES;

export const PAYMENT_METHODS = {
	transfer: 'Virement',
	cheque: 'Chèque',
	helloasso: 'Paiement en ligne (HelloAsso)',
} as const;
export type PaymentMethod = keyof typeof PAYMENT_METHODS;

/** Letters and digits that cannot be misread on a bank statement (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const REFERENCE_LENGTH = 8;

/** The order's reference, derived from its id: `EB-` and eight unambiguous characters. */
export function orderReference(orderId: string): string {
	let hash = 0x811c9dc5;
	let out = '';
	const key = keyOf(orderId);
	for (let round = 0; out.length < REFERENCE_LENGTH; round++) {
		for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
		hash = Math.imul(hash ^ round, 0x01000193) >>> 0;
		out += REFERENCE_ALPHABET[hash % REFERENCE_ALPHABET.length];
	}
	return `EB-${out}`;
}

/** What a payer may write in a bank transfer's label: the reference found in it, whatever the spacing. */
export function referenceIn(label: string): string | null {
	const squeezed = label.toUpperCase().replace(/[^0-9A-Z]/g, '');
	const at = squeezed.indexOf('EB');
	for (let i = at; i >= 0; i = squeezed.indexOf('EB', i + 1)) {
		const candidate = squeezed.slice(i + 2, i + 2 + REFERENCE_LENGTH);
		if (candidate.length === REFERENCE_LENGTH && [...candidate].every((c) => REFERENCE_ALPHABET.includes(c)))
			return `EB-${candidate}`;
	}
	return null;
}

const cents = v.pipe(v.number(), v.integer('montant en centimes entiers'), v.minValue(0));

export const OrderLineSchema = v.object({
	kind: v.picklist(keys(ORDER_PURPOSES)),
	label: required(200),
	quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
	unitCents: cents,
});
export type OrderLine = v.InferOutput<typeof OrderLineSchema>;

export const PaymentSchema = v.object({
	method: v.picklist(keys(PAYMENT_METHODS)),
	/** The bank line, cheque number or HelloAsso payment id. */
	reference: text(200),
	amountCents: cents,
	at: isoTimestamp,
	/** The account that recorded it (a transfer marked by the animator), or the platform. */
	by: text(200),
});
export type Payment = v.InferOutput<typeof PaymentSchema>;

export const OrderSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('order'),
		payer: structureId,
		purpose: v.picklist(keys(ORDER_PURPOSES)),
		/** The listing a listing or featured order pays for. */
		listing: v.optional(v.pipe(v.string(), v.startsWith('listing:'))),
		reference: v.string(),
		lines: v.pipe(v.array(OrderLineSchema), v.minLength(1, 'au moins une ligne'), v.maxLength(10)),
		totalCents: cents,
		state: v.picklist(keys(ORDER_STATES)),
		payment: v.optional(PaymentSchema),
		/** The invoice (or receipt) issued once paid, and the credit note of a refund. */
		invoice: v.optional(v.pipe(v.string(), v.startsWith('invoice:'))),
		creditNote: v.optional(v.pipe(v.string(), v.startsWith('invoice:'))),
		cancelledAt: v.optional(isoTimestamp),
	}),
	v.check((o) => o.reference === orderReference(o._id), 'référence de commande incohérente'),
	v.check((o) => o.totalCents === totalOf(o.lines), 'total de la commande incohérent avec ses lignes'),
	v.check(
		(o) => o.owner === o.payer && o.audience === 'owner',
		'une commande se lit par qui la paie et l’équipe',
	),
	v.check(
		(o) => (o.purpose === 'membership') === (o.listing === undefined),
		'une annonce payante nomme son annonce',
	),
	v.check(
		(o) => (o.state === 'paid') === (o.payment !== undefined) || o.state === 'refunded',
		'paiement incohérent',
	),
);
export type Order = v.InferOutput<typeof OrderSchema>;

interface NewOrder {
	key: string;
	payer: { _id: string; employees?: string };
	purpose: OrderPurpose;
	/** The listing paid for, with its title for the line's label. */
	listing?: { _id: string; title: string };
	/** The year a membership fee is for. */
	period?: string;
	at?: string;
}

/** The price list's lines for `purpose` (the fee of the payer's band for a membership). */
export function priceLines(
	purpose: OrderPurpose,
	payer: { employees?: string },
	title = '',
	period = '',
): OrderLine[] {
	switch (purpose) {
		case 'membership':
			return [
				{
					kind: 'membership',
					label: `Adhésion ${period}`.trim(),
					quantity: 1,
					unitCents: membershipFee({ kind: 'structure', band: bandOrSmallest(payer.employees) }),
				},
			];
		case 'listing':
			return [
				{ kind: 'listing', label: `Annonce « ${title} »`, quantity: 1, unitCents: NON_MEMBER_LISTING_FEE },
			];
		case 'featured':
			return [
				{
					kind: 'featured',
					label: `À la une 30 jours : « ${title} »`,
					quantity: 1,
					unitCents: FEATURED_LISTING_FEE,
				},
			];
	}
}

/** A structure whose band is unknown pays the smallest fee. */
function bandOrSmallest(band: string | undefined): EmployeeBand {
	return (EMPLOYEE_BANDS as readonly string[]).includes(band ?? '') ? (band as EmployeeBand) : '0-1';
}

export function newOrder({ key, payer, purpose, listing, period, at }: NewOrder): Order {
	const now = at ?? new Date().toISOString();
	const _id = `order:${key}`;
	const lines = priceLines(purpose, payer, listing?.title.slice(0, 150), period);
	return {
		_id,
		type: 'order',
		schema: 1,
		owner: payer._id,
		audience: 'owner',
		createdAt: now,
		updatedAt: now,
		payer: payer._id,
		purpose,
		...(listing ? { listing: listing._id } : {}),
		reference: orderReference(_id),
		lines,
		totalCents: totalOf(lines),
		state: 'pending',
	};
}

type Doc = Scoped & Record<string, unknown>;

/** What a cancellation leaves as it was: all but its state and dates. */
const FIXED = [
	'owner',
	'audience',
	'payer',
	'purpose',
	'listing',
	'reference',
	'lines',
	'totalCents',
	'invoice',
];

const SERVERS = 'une commande ne change ensuite que par le réseau (paiement, remboursement)';

/**
 * A structure's account may create its own order, waiting and priced from the price list, and
 * cancel it while it waits; nothing else. Staff go through the server's payment routes too: no one
 * marks an order paid by writing it.
 */
export function canWriteOrder(
	viewer: Viewer & { structureId: string },
	earlier: Scoped | null,
	written: Scoped & { _deleted?: boolean },
	lookup?: Lookup,
): Decision {
	const before = earlier as Doc | null;
	const after = written as Doc;
	if (after._deleted) return deny('une commande ne se supprime pas : annulez-la');
	if (before && before.state !== 'pending') return deny(SERVERS);
	if (after.owner !== viewer.structureId) return deny('vous ne commandez qu’au nom de votre structure');
	if (before) {
		const same = FIXED.every((field) => JSON.stringify(before[field]) === JSON.stringify(after[field]));
		return same && after.state === 'cancelled' && after.payment === undefined ? allow : deny(SERVERS);
	}
	if (after.state !== 'pending' || after.payment || after.invoice)
		return deny('une commande commence en attente de paiement');
	const payer = lookup?.(String(after.payer));
	const listing = typeof after.listing === 'string' ? lookup?.(after.listing) : undefined;
	if (after.listing !== undefined && listing?.owner !== viewer.structureId)
		return deny('on ne paie que pour une annonce de sa structure');
	const expected = priceLines(after.purpose as OrderPurpose, {
		employees: payer?.type === 'structure' ? String((payer as Doc).employees ?? '') : undefined,
	});
	const lines = Array.isArray(after.lines) ? (after.lines as OrderLine[]) : [];
	const priced =
		lines.length === expected.length &&
		lines.every(
			(line, i) =>
				line.kind === expected[i].kind && line.unitCents === expected[i].unitCents && line.quantity === 1,
		);
	return priced ? allow : deny('prix différent du tarif du réseau');
}
