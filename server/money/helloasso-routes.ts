// HelloAsso's notifications (its webhook): the only way an online payment is taken as made. A
// notification is accepted from HelloAsso's addresses only (and with its signature when a key is
// set), then never believed: the checkout is read again from the API, and the order is handed to
// onPaid only when the API says it is paid for the amount we asked. The payer's return to the site
// proves nothing and has no route here.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { canonicalAddress, clientAddress } from '../auth/client-ip';
import { HttpError } from '../errors';
import type { Log } from '../log';
import type { CheckoutStatus, HelloAssoClient, HelloAssoConfig } from './helloasso';
import type { PaidOutcome } from './orders';

export type { PaidOutcome } from './orders';

export interface HelloAssoPayment {
	orderId: string;
	amountCents: number;
	method: 'helloasso';
	/** The same for every notification of one payment: HelloAsso's order id (`helloasso:22707`). */
	reference: string;
	at: string;
}

export interface HelloAssoRoutesOptions {
	client: Pick<HelloAssoClient, 'readCheckout' | 'checkoutOfOrder'>;
	config: Pick<HelloAssoConfig, 'notificationIps' | 'signatureKey'>;
	/** Marks the order paid, once: called again for the same reference, it answers 'already'. */
	onPaid(payment: HelloAssoPayment): Promise<PaidOutcome>;
	log: Log;
	/** TRUSTED_PROXIES: whose X-Forwarded-For tells the sender's address. */
	trustedProxies?: readonly string[];
	/** HelloAsso is answered by then at the latest (202) while the work goes on. */
	answerWithinMs?: number;
	now?: () => Date;
}

/** What became of a notification, as answered (and logged). */
export type NotificationOutcome = PaidOutcome | 'ignored' | 'not-paid' | 'unknown-checkout';

const MAX_BODY = 256 * 1024;
const REFUSED_SOURCE = 'Notification refusée : elle ne vient pas d’une adresse de HelloAsso.';
const REFUSED_SIGNATURE = 'Notification refusée : sa signature ne correspond pas.';

export function helloAssoRoutes(options: HelloAssoRoutesOptions): Hono {
	const { config, log } = options;
	const allowed = new Set(config.notificationIps.map((ip) => canonicalAddress(ip) ?? ip));
	const trusted = new Set((options.trustedProxies ?? []).map((ip) => canonicalAddress(ip) ?? ip));
	const answerWithinMs = options.answerWithinMs ?? 5000;
	const app = new Hono();

	app.post('/notification', async (c) => {
		const from = clientAddress(c, trusted);
		if (!allowed.has(from)) {
			log.warn(`helloasso notification refused from ${from}`);
			throw new HttpError(403, 'forbidden', REFUSED_SOURCE);
		}
		const raw = await rawBody(c);
		if (config.signatureKey && !signedBy(raw, c.req.header('x-ha-signature'), config.signatureKey)) {
			log.warn(`helloasso notification with a bad signature from ${from}`);
			throw new HttpError(403, 'forbidden', REFUSED_SIGNATURE);
		}
		const notification = parse(raw);
		const work = handle(options, notification).then(
			(outcome) => {
				log.info(`helloasso notification ${notification.eventType}: ${outcome}`);
				return outcome;
			},
			(err: unknown) => {
				log.error(
					`helloasso notification ${notification.eventType} failed: ${(err as Error)?.message ?? err}`,
				);
				throw err;
			},
		);
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<'late'>((resolve) => {
			timer = setTimeout(() => resolve('late'), answerWithinMs);
		});
		try {
			const outcome = await Promise.race([work, late]);
			if (outcome === 'late') {
				work.catch(() => {}); // logged above
				return c.json({ ok: true, outcome: 'accepted' }, 202);
			}
			return c.json({ ok: true, outcome });
		} catch {
			// The API could not be read: say so, so a notification sent again may succeed.
			return c.json({ error: 'unavailable', reason: 'HelloAsso n’a pas pu être relu.' }, 502);
		} finally {
			clearTimeout(timer);
		}
	});
	return app;
}

async function rawBody(c: Context): Promise<string> {
	const length = Number(c.req.header('content-length') ?? 0);
	if (length > MAX_BODY) throw new HttpError(413, 'too_large', 'Notification trop volumineuse.');
	const text = await c.req.text();
	if (text.length > MAX_BODY) throw new HttpError(413, 'too_large', 'Notification trop volumineuse.');
	return text;
}

/** x-ha-signature: the hex HMAC-SHA256 of the body with the notification URL's signature key. */
function signedBy(raw: string, header: string | undefined, key: string): boolean {
	if (!header || !/^[0-9a-f]{64}$/i.test(header.trim())) return false;
	const expected = new Uint8Array(createHmac('sha256', key).update(raw, 'utf8').digest());
	return timingSafeEqual(expected, new Uint8Array(Buffer.from(header.trim(), 'hex')));
}

interface Notification {
	eventType: string;
	data: Record<string, unknown>;
}

function parse(raw: string): Notification {
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch {
		throw new HttpError(400, 'bad_request', 'Notification illisible : JSON attendu.');
	}
	const n = body as { eventType?: unknown; data?: unknown } | null;
	if (typeof n?.eventType !== 'string' || typeof n.data !== 'object' || n.data === null)
		throw new HttpError(400, 'bad_request', 'Notification illisible : eventType et data attendus.');
	return { eventType: n.eventType, data: n.data as Record<string, unknown> };
}

/** The checkout a notification is about: only its id is taken from the body, the rest is re-read. */
async function checkoutIdOf(options: HelloAssoRoutesOptions, n: Notification): Promise<number | null> {
	const id = (v: unknown) => (Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : null);
	if (n.eventType === 'Order') {
		const direct = id(n.data.checkoutIntentId);
		if (direct !== null || n.data.formType !== 'Checkout') return direct;
		const orderId = id(n.data.id);
		return orderId === null ? null : options.client.checkoutOfOrder(orderId);
	}
	if (n.eventType === 'Payment') {
		const order = n.data.order as { id?: unknown; formType?: unknown } | undefined;
		if (order?.formType !== undefined && order.formType !== 'Checkout') return null;
		const orderId = id(order?.id);
		return orderId === null ? null : options.client.checkoutOfOrder(orderId);
	}
	return null;
}

async function handle(options: HelloAssoRoutesOptions, n: Notification): Promise<NotificationOutcome> {
	if (n.eventType !== 'Order' && n.eventType !== 'Payment') return 'ignored';
	const checkoutIntentId = await checkoutIdOf(options, n);
	if (checkoutIntentId === null) return 'ignored';
	const status = await options.client.readCheckout(checkoutIntentId);
	if (status === null || status.orderId === null) return 'unknown-checkout';
	if (!status.paid || status.helloAssoOrderId === null) return 'not-paid';
	if (status.requestedCents === null || status.amountCents !== status.requestedCents) {
		options.log.warn(describeMismatch(status));
		return 'mismatch';
	}
	return options.onPaid({
		orderId: status.orderId,
		amountCents: status.amountCents,
		method: 'helloasso',
		reference: `helloasso:${status.helloAssoOrderId}`,
		at: status.paidAt ?? (options.now?.() ?? new Date()).toISOString(),
	});
}

function describeMismatch(s: CheckoutStatus): string {
	return `helloasso checkout ${s.checkoutIntentId} for order ${s.orderId}: paid ${s.amountCents} cents, asked ${s.requestedCents}`;
}
