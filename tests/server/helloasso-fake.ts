// A stand-in for HelloAsso on 127.0.0.1, implementing what our client uses of its API v5 as its
// documentation describes it: the OAuth2 token endpoint (client credentials and refresh token,
// tokens that expire on the fake's clock), checkout intents created and read, an order read. The
// test plays the payer (`pay`) and HelloAsso's webhook (`notify`, with the documented JSON shapes
// and the x-ha-signature header).
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOptions {
	clientId: string;
	clientSecret: string;
	organization: string;
	/** Lifetime of an access token, in seconds (HelloAsso: 30 minutes). */
	tokenLifetimeS?: number;
	/** The fake's clock in ms, shared with the client under test to let tokens expire. */
	now?: () => number;
}

interface FakeCheckout {
	id: number;
	body: Record<string, unknown>;
	order?: FakeOrder;
}

interface FakeOrder {
	id: number;
	date: string;
	amountCents: number;
	payments: { id: number; amount: number; state: string; date: string }[];
}

export interface PayOptions {
	/** What the payer's card paid (default: the checkout's total). */
	amountCents?: number;
	/** The payment's state (default Authorized). */
	state?: string;
}

export interface NotifyOptions {
	/** Signs the body as HelloAsso does, with this key. */
	signatureKey?: string;
	/** Sent instead of the right signature. */
	signature?: string;
	headers?: Record<string, string>;
	/** Replaces the body (a forged notification, say). */
	body?: unknown;
}

export interface FakeHelloAsso {
	url: string;
	/** How many tokens were granted, per grant type. */
	grants: { client_credentials: number; refresh_token: number };
	/** Requests to the API proper (not the token endpoint), as `METHOD path`. */
	calls: string[];
	checkout(id: number): FakeCheckout | undefined;
	/** The payer pays on HelloAsso's page: an order and its payment now exist. */
	pay(checkoutIntentId: number, options?: PayOptions): void;
	/** Every access token granted so far stops working (as if revoked). */
	revokeTokens(): void;
	/** Posts the notification HelloAsso sends for this checkout's order or payment. */
	notify(
		url: string,
		eventType: 'Order' | 'Payment',
		checkoutIntentId: number,
		options?: NotifyOptions,
	): Promise<Response>;
	close(): Promise<void>;
}

export async function startFakeHelloAsso(options: FakeOptions): Promise<FakeHelloAsso> {
	const now = options.now ?? Date.now;
	const lifetime = options.tokenLifetimeS ?? 1800;
	const access = new Map<string, number>(); // token → expiry (ms)
	const refresh = new Set<string>();
	const checkouts = new Map<number, FakeCheckout>();
	const grants = { client_credentials: 0, refresh_token: 0 };
	const calls: string[] = [];
	let nextId = 75_698_000;
	let nextOrder = 22_700;
	let nextPayment = 15_200;
	let url = '';

	const grant = (res: ServerResponse, type: keyof typeof grants) => {
		grants[type]++;
		const token = randomBytes(16).toString('hex');
		const refreshToken = randomBytes(16).toString('hex');
		access.set(token, now() + lifetime * 1000);
		refresh.add(refreshToken);
		send(res, 200, {
			access_token: token,
			refresh_token: refreshToken,
			token_type: 'bearer',
			expires_in: lifetime,
		});
	};

	async function token(req: IncomingMessage, res: ServerResponse) {
		if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? ''))
			return send(res, 400, { error: 'invalid_request' });
		const form = new URLSearchParams(await read(req));
		if (form.get('client_id') !== options.clientId) return send(res, 401, { error: 'invalid_client' });
		if (form.get('grant_type') === 'client_credentials') {
			if (form.get('client_secret') !== options.clientSecret)
				return send(res, 401, { error: 'invalid_client' });
			return grant(res, 'client_credentials');
		}
		if (form.get('grant_type') === 'refresh_token') {
			const given = form.get('refresh_token') ?? '';
			if (!refresh.delete(given)) return send(res, 400, { error: 'invalid_grant' });
			return grant(res, 'refresh_token');
		}
		send(res, 400, { error: 'unsupported_grant_type' });
	}

	function authorized(req: IncomingMessage): boolean {
		const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
		const expiry = access.get(token);
		return expiry !== undefined && now() < expiry;
	}

	async function api(req: IncomingMessage, res: ServerResponse, path: string) {
		calls.push(`${req.method} ${path}`);
		if (!authorized(req)) return send(res, 401, { message: 'Unauthorized' });
		const org = path.match(/^\/v5\/organizations\/([^/]+)\/checkout-intents(?:\/(\d+))?$/);
		if (org) {
			if (org[1] !== options.organization) return send(res, 403, { message: 'Forbidden' });
			if (req.method === 'POST' && !org[2]) return create(req, res);
			if (req.method === 'GET' && org[2]) {
				const c = checkouts.get(Number(org[2]));
				if (!c)
					return send(res, 404, { errors: [{ code: 'NotFound', message: 'Checkout intent not found' }] });
				return send(res, 200, {
					id: c.id,
					redirectUrl: redirectOf(c.id),
					...(c.body.metadata ? { metadata: c.body.metadata } : {}),
					...(c.order ? { order: orderDetail(c, c.order) } : {}),
				});
			}
		}
		const order = path.match(/^\/v5\/orders\/(\d+)$/);
		if (order && req.method === 'GET') {
			const c = [...checkouts.values()].find((x) => x.order?.id === Number(order[1]));
			if (!c?.order) return send(res, 404, { message: 'Not found' });
			return send(res, 200, orderDetail(c, c.order));
		}
		send(res, 404, { message: 'Not found' });
	}

	async function create(req: IncomingMessage, res: ServerResponse) {
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(await read(req));
		} catch {
			return send(res, 400, { errors: [{ code: 'BadRequest', message: 'Invalid JSON' }] });
		}
		const errors: string[] = [];
		for (const key of ['totalAmount', 'initialAmount'])
			if (!Number.isSafeInteger(body[key]) || (body[key] as number) <= 0)
				errors.push(`${key} must be a positive integer`);
		for (const key of ['itemName', 'backUrl', 'errorUrl', 'returnUrl'])
			if (typeof body[key] !== 'string' || body[key] === '') errors.push(`${key} is required`);
		if (typeof body.itemName === 'string' && body.itemName.length > 250) errors.push('itemName is too long');
		if (typeof body.containsDonation !== 'boolean') errors.push('containsDonation is required');
		if (!body.terms && body.totalAmount !== body.initialAmount)
			errors.push('totalAmount must equal initialAmount plus the terms');
		if (errors.length)
			return send(res, 400, { errors: errors.map((message) => ({ code: 'ValidationError', message })) });
		const id = nextId++;
		checkouts.set(id, { id, body });
		send(res, 200, { id, redirectUrl: redirectOf(id) });
	}

	const redirectOf = (id: number) => `${url}/checkout/${id}`;

	/** HelloAsso.Api.V5.Common.Models.Statistics.OrderDetail, as the docs' examples show it. */
	function orderDetail(c: FakeCheckout, o: FakeOrder) {
		const name = String(c.body.itemName);
		return {
			payer: c.body.payer ?? { email: 'payeur@example.org', country: 'FRA' },
			items: [
				{
					payments: o.payments.map((p) => ({ id: p.id, shareAmount: p.amount })),
					name,
					priceCategory: 'Fixed',
					id: o.id,
					amount: o.amountCents,
					type: 'Payment',
					state: 'Processed',
				},
			],
			payments: o.payments.map((p) => ({
				items: [{ id: o.id, shareAmount: p.amount, shareItemAmount: p.amount }],
				cashOutState: 'Transfered',
				paymentReceiptUrl: `${url}/associations/${options.organization}/checkout/paiement-attestation/${o.id}`,
				id: p.id,
				amount: p.amount,
				date: p.date,
				paymentMeans: 'Card',
				installmentNumber: 1,
				state: p.state,
				meta: { createdAt: p.date, updatedAt: p.date },
				refundOperations: [],
			})),
			amount: { total: o.amountCents, vat: 0, discount: 0 },
			id: o.id,
			date: o.date,
			formSlug: 'default',
			formType: 'Checkout',
			organizationName: options.organization,
			organizationSlug: options.organization,
			organizationType: 'Association1901',
			organizationIsUnderColucheLaw: false,
			checkoutIntentId: c.id,
			meta: { createdAt: o.date, updatedAt: o.date },
			isAnonymous: false,
			isAmountHidden: false,
		};
	}

	function notificationBody(eventType: 'Order' | 'Payment', c: FakeCheckout) {
		if (!c.order) throw new Error(`checkout ${c.id} has not been paid at the fake`);
		const detail = orderDetail(c, c.order);
		const metadata = c.body.metadata ? { metadata: c.body.metadata } : {};
		if (eventType === 'Order') return { data: detail, eventType, ...metadata };
		// The Payment notification: the payment itself, with a light order and the item's share.
		const { payments, items, amount, checkoutIntentId, payer, ...order } = detail;
		const { items: _shares, ...payment } = payments[0];
		const { payments: _payments, priceCategory, ...item } = items[0];
		return {
			data: {
				order: { ...order, formName: 'Checkout' },
				payer,
				items: [{ shareAmount: payment.amount, shareItemAmount: payment.amount, ...item }],
				...payment,
			},
			eventType,
			...metadata,
		};
	}

	const server = createServer((req, res) => {
		const path = (req.url ?? '/').replace(/\?.*/, '');
		const done = path === '/oauth2/token' && req.method === 'POST' ? token(req, res) : api(req, res, path);
		done.catch((err) => send(res, 500, { message: String(err) }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		grants,
		calls,
		checkout: (id) => checkouts.get(id),
		pay(checkoutIntentId, pay = {}) {
			const c = checkouts.get(checkoutIntentId);
			if (!c) throw new Error(`no checkout ${checkoutIntentId} at the fake`);
			const date = new Date(now()).toISOString();
			const amount = pay.amountCents ?? (c.body.totalAmount as number);
			c.order = {
				id: nextOrder++,
				date,
				amountCents: amount,
				payments: [{ id: nextPayment++, amount, state: pay.state ?? 'Authorized', date }],
			};
		},
		revokeTokens: () => access.clear(),
		async notify(target, eventType, checkoutIntentId, notify = {}) {
			const c = checkouts.get(checkoutIntentId);
			const body = JSON.stringify(notify.body ?? (c ? notificationBody(eventType, c) : {}));
			const signature =
				notify.signature ??
				(notify.signatureKey
					? createHmac('sha256', notify.signatureKey).update(body).digest('hex')
					: undefined);
			return fetch(target, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(signature ? { 'x-ha-signature': signature } : {}),
					...notify.headers,
				},
				body,
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function read(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => {
			text += chunk;
		});
		req.on('end', () => resolve(text));
		req.on('error', reject);
	});
}

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}
