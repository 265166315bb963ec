// What a checkout read again from HelloAsso's API says: whose order it is (from the metadata we
// sent), and whether it is paid — every payment authorised, covering the order's total.

/** A checkout as the API tells it, read again: the only thing a payment is trusted from. */
export interface CheckoutStatus {
	checkoutIntentId: number;
	/** Our order and the amount we asked for, from the metadata we sent (null if absent). */
	orderId: string | null;
	reference: string | null;
	requestedCents: number | null;
	/** HelloAsso's order, created once the payment is authorised. */
	helloAssoOrderId: number | null;
	/** True when every payment of the order is authorised and they cover the order's total. */
	paid: boolean;
	/** What the authorised payments bring to the order (tips to HelloAsso excluded). */
	amountCents: number;
	paymentIds: number[];
	/** When the first payment was made, ISO 8601 (null without payment). */
	paidAt: string | null;
	/** HelloAsso's payment states ('Authorized', 'Refunded', …), or 'NoOrder' before any payment. */
	state: string;
}

interface ApiPayment {
	id?: unknown;
	amount?: unknown;
	amountTip?: unknown;
	state?: unknown;
	date?: unknown;
	items?: { shareAmount?: unknown }[] | null;
}

interface ApiCheckout {
	metadata?: { orderId?: unknown; reference?: unknown; totalCents?: unknown } | null;
	order?: {
		id?: unknown;
		checkoutIntentId?: unknown;
		amount?: { total?: unknown } | null;
		payments?: ApiPayment[] | null;
	} | null;
}

const int = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** What a payment brings to the order: its shares of the items, else its amount less the tip. */
function shareOf(payment: ApiPayment): number {
	const shares = payment.items?.map((item) => int(item.shareAmount));
	if (shares && shares.length > 0 && shares.every((s) => s !== null))
		return (shares as number[]).reduce((a, b) => a + b, 0);
	return (int(payment.amount) ?? 0) - (int(payment.amountTip) ?? 0);
}

/** Reads the API's checkout (HelloAsso.Api.V5.Common.Models.Carts.CheckoutIntentResponse). */
export function checkoutStatus(checkoutIntentId: number, raw: unknown): CheckoutStatus {
	const checkout = (raw ?? {}) as ApiCheckout;
	const meta = checkout.metadata ?? {};
	const order = checkout.order ?? null;
	const payments = order?.payments ?? [];
	const authorized = payments.filter((p) => p.state === 'Authorized');
	const amountCents = authorized.reduce((sum, p) => sum + shareOf(p), 0);
	const total = int(order?.amount?.total);
	const sameCheckout = order?.checkoutIntentId == null || order.checkoutIntentId === checkoutIntentId;
	const firstDate = str(payments[0]?.date);
	return {
		checkoutIntentId,
		orderId: str(meta.orderId),
		reference: str(meta.reference),
		requestedCents: int(meta.totalCents),
		helloAssoOrderId: int(order?.id),
		paid:
			order !== null &&
			sameCheckout &&
			payments.length > 0 &&
			authorized.length === payments.length &&
			(total === null || amountCents === total),
		amountCents,
		paymentIds: payments.map((p) => int(p.id)).filter((id): id is number => id !== null),
		paidAt: firstDate && !Number.isNaN(Date.parse(firstDate)) ? new Date(firstDate).toISOString() : null,
		state:
			order === null
				? 'NoOrder'
				: [...new Set(payments.map((p) => String(p.state)))].join(',') || 'NoPayment',
	};
}
