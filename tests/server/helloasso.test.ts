// Online payment through HelloAsso, against a local fake of its API v5 and webhook: a checkout is
// created, paid at the fake, notified; the order is handed over as paid only after the checkout is
// read again from the API, whatever the notification claims, and only from HelloAsso's addresses.
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/app';
import type { ViewerEnv } from '../../server/auth/viewer';
import { ConfigError } from '../../server/config';
import { onError } from '../../server/errors';
import { createLog } from '../../server/log';
import { HelloAssoClient, type HelloAssoConfig, helloAssoConfigFrom } from '../../server/money/helloasso';
import {
	type HelloAssoPayment,
	type HelloAssoRoutesOptions,
	helloAssoRoutes,
	type PaidOutcome,
} from '../../server/money/helloasso-routes';
import { type FakeHelloAsso, startFakeHelloAsso } from './helloasso-fake';

const CREDENTIALS = {
	clientId: 'elbasar-client',
	clientSecret: 'le-secret-du-reseau',
	organization: 'reseau-ess-hdf',
};
const HELLOASSO_IP = '51.138.206.200';
const MOUNT = '/api/money/helloasso';

let clock = Date.parse('2026-12-02T10:00:00Z');
const now = () => clock;
let fake: FakeHelloAsso;
let config: HelloAssoConfig;
let client: HelloAssoClient;

/** The orders' side, as its owner will write it: paid once per payment reference, amounts checked. */
class OrdersBook {
	readonly calls: HelloAssoPayment[] = [];
	readonly orders = new Map<string, { totalCents: number; paidBy?: string; paidAt?: string }>();
	add(orderId: string, totalCents: number) {
		this.orders.set(orderId, { totalCents });
	}
	onPaid = async (payment: HelloAssoPayment): Promise<PaidOutcome> => {
		this.calls.push(payment);
		const order = this.orders.get(payment.orderId);
		if (!order) return 'unknown';
		if (order.paidBy) return order.paidBy === payment.reference ? 'already' : 'mismatch';
		if (order.totalCents !== payment.amountCents) return 'mismatch';
		Object.assign(order, { paidBy: payment.reference, paidAt: payment.at });
		return 'paid';
	};
}

interface Ours {
	server: RunningServer;
	url: string;
	book: OrdersBook;
	log: string[];
}

const running: RunningServer[] = [];

/** Our server's notification route, on a small app of the test's own (server/app.ts mounts it later). */
async function ourServer(
	overrides: Partial<Pick<HelloAssoRoutesOptions, 'config' | 'trustedProxies' | 'client'>> = {},
): Promise<Ours> {
	const book = new OrdersBook();
	const lines: string[] = [];
	const app = new Hono<ViewerEnv>();
	app.onError(onError);
	app.route(
		MOUNT,
		helloAssoRoutes({
			client,
			config,
			onPaid: book.onPaid,
			log: createLog('info', (_level, line) => lines.push(line)),
			...overrides,
		}),
	);
	const server = await startServer({ app, close: async () => {} }, 0, '127.0.0.1');
	running.push(server);
	return { server, url: `${server.url}${MOUNT}/notification`, book, log: lines };
}

async function checkoutFor(orderId: string, totalCents: number) {
	return client.createCheckout({
		orderId,
		reference: `EB-${orderId.slice(-4).toUpperCase()}`,
		totalCents,
		itemName: 'Adhésion 2027 — structure de 2 à 10 salariés',
		payer: { email: 'tresorerie@recyclerie-lens.example', companyName: 'Recyclerie de Lens' },
		returnUrl: 'https://elbasar.example/espace/commandes/retour',
		backUrl: 'https://elbasar.example/espace/commandes',
		errorUrl: 'https://elbasar.example/espace/commandes/erreur',
	});
}

beforeAll(async () => {
	fake = await startFakeHelloAsso({ ...CREDENTIALS, now });
	const parsed = helloAssoConfigFrom({
		HELLOASSO_CLIENT_ID: CREDENTIALS.clientId,
		HELLOASSO_CLIENT_SECRET: CREDENTIALS.clientSecret,
		HELLOASSO_ORGANIZATION: CREDENTIALS.organization,
		HELLOASSO_API_URL: fake.url,
		HELLOASSO_NOTIFICATION_IPS: '127.0.0.1',
	});
	if (!parsed) throw new Error('configuration expected');
	config = parsed;
});
beforeEach(() => {
	client = new HelloAssoClient(config, { now });
});
afterEach(async () => {
	await Promise.all(running.splice(0).map((s) => s.close()));
});
afterAll(() => fake.close());

describe('a HelloAsso checkout', () => {
	it('is created through the API with our order in its metadata, and sends the payer to HelloAsso', async () => {
		const { checkoutIntentId, redirectUrl } = await checkoutFor('order:0001', 4500);
		expect(redirectUrl).toBe(`${fake.url}/checkout/${checkoutIntentId}`);
		expect(fake.checkout(checkoutIntentId)?.body).toMatchObject({
			totalAmount: 4500,
			initialAmount: 4500,
			containsDonation: false,
			returnUrl: 'https://elbasar.example/espace/commandes/retour',
			metadata: { orderId: 'order:0001', totalCents: 4500 },
			payer: { email: 'tresorerie@recyclerie-lens.example', companyName: 'Recyclerie de Lens' },
		});
		expect(await client.readCheckout(checkoutIntentId)).toMatchObject({ paid: false, state: 'NoOrder' });
	});

	it('paid and notified twice (order and payment, then again) marks the order paid once', async () => {
		const ours = await ourServer();
		ours.book.add('order:0002', 2000);
		const { checkoutIntentId } = await checkoutFor('order:0002', 2000);
		fake.pay(checkoutIntentId);

		const answers = [];
		for (const event of ['Order', 'Payment', 'Order'] as const) {
			const res = await fake.notify(ours.url, event, checkoutIntentId);
			answers.push([res.status, (await res.json()).outcome]);
		}
		expect(answers).toEqual([
			[200, 'paid'],
			[200, 'already'],
			[200, 'already'],
		]);
		const order = fake.checkout(checkoutIntentId)?.order;
		expect(new Set(ours.book.calls.map((p) => JSON.stringify(p)))).toEqual(
			new Set([
				JSON.stringify({
					orderId: 'order:0002',
					amountCents: 2000,
					method: 'helloasso',
					reference: `helloasso:${order?.id}`,
					at: order?.date,
				}),
			]),
		);
		expect(ours.book.orders.get('order:0002')).toMatchObject({ paidBy: `helloasso:${order?.id}` });
	});

	it('brought back to the return URL marks nothing: the notification route is the only one', async () => {
		const ours = await ourServer();
		ours.book.add('order:0003', 1000);
		const { checkoutIntentId } = await checkoutFor('order:0003', 1000);
		fake.pay(checkoutIntentId);
		const back = `${ours.server.url}${MOUNT}/retour?checkoutIntentId=${checkoutIntentId}&code=succeeded`;
		expect((await fetch(back)).status).toBe(404);
		expect((await fetch(back, { method: 'POST' })).status).toBe(404);
		expect(ours.book.calls).toEqual([]);
		const routes = helloAssoRoutes({
			client,
			config,
			onPaid: ours.book.onPaid,
			log: createLog('silent'),
		}).routes;
		expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /notification']);
	});

	it('is not believed from the notification body: unpaid at the API, nothing is marked', async () => {
		const ours = await ourServer();
		ours.book.add('order:0004', 1000);
		const { checkoutIntentId } = await checkoutFor('order:0004', 1000);
		const forged = {
			eventType: 'Order',
			data: {
				checkoutIntentId,
				formType: 'Checkout',
				id: 1,
				amount: { total: 1000 },
				payments: [{ id: 1, amount: 1000, state: 'Authorized' }],
			},
			metadata: { orderId: 'order:0004', totalCents: 1000 },
		};
		const res = await fake.notify(ours.url, 'Order', checkoutIntentId, { body: forged });
		expect([res.status, (await res.json()).outcome]).toEqual([200, 'not-paid']);
		expect(ours.book.calls).toEqual([]);
	});

	it('refused by the bank leaves the order waiting', async () => {
		const ours = await ourServer();
		ours.book.add('order:0005', 7000);
		const { checkoutIntentId } = await checkoutFor('order:0005', 7000);
		fake.pay(checkoutIntentId, { state: 'Refused' });
		const res = await fake.notify(ours.url, 'Payment', checkoutIntentId);
		expect((await res.json()).outcome).toBe('not-paid');
		expect(ours.book.calls).toEqual([]);
	});
});

describe('a HelloAsso notification', () => {
	it('from another address is refused and reads nothing', async () => {
		const ours = await ourServer({ config: { notificationIps: [HELLOASSO_IP] } });
		ours.book.add('order:0010', 1000);
		const { checkoutIntentId } = await checkoutFor('order:0010', 1000);
		fake.pay(checkoutIntentId);
		const callsBefore = fake.calls.length;
		// From 127.0.0.1, which is not HelloAsso; a forwarded-for header from an untrusted peer is ignored.
		for (const headers of [{}, { 'x-forwarded-for': HELLOASSO_IP }] as Record<string, string>[]) {
			const res = await fake.notify(ours.url, 'Order', checkoutIntentId, { headers });
			expect(res.status).toBe(403);
			expect((await res.json()).error).toBe('forbidden');
		}
		expect(fake.calls.length).toBe(callsBefore);
		expect(ours.book.calls).toEqual([]);
	});

	it('through a trusted proxy counts the address the proxy saw', async () => {
		const ours = await ourServer({
			config: { notificationIps: [HELLOASSO_IP] },
			trustedProxies: ['127.0.0.1'],
		});
		ours.book.add('order:0011', 1000);
		const { checkoutIntentId } = await checkoutFor('order:0011', 1000);
		fake.pay(checkoutIntentId);
		const refused = await fake.notify(ours.url, 'Order', checkoutIntentId, {
			headers: { 'x-forwarded-for': `${HELLOASSO_IP}, 203.0.113.7` },
		});
		expect(refused.status).toBe(403);
		const accepted = await fake.notify(ours.url, 'Order', checkoutIntentId, {
			headers: { 'x-forwarded-for': HELLOASSO_IP },
		});
		expect((await accepted.json()).outcome).toBe('paid');
	});

	it('with a bad or missing signature is refused when a key is configured', async () => {
		const signatureKey = 'AyCM0yTeQd8In2OzdP3R2HGTrYiCA818UCFLhrD9BCnNhTriWLipxEDpsaTbdfec';
		const ours = await ourServer({ config: { ...config, signatureKey } });
		ours.book.add('order:0012', 4500);
		const { checkoutIntentId } = await checkoutFor('order:0012', 4500);
		fake.pay(checkoutIntentId);
		for (const options of [{}, { signatureKey: 'une-autre-cle' }, { signature: 'f4ec6cb50b13' }]) {
			const res = await fake.notify(ours.url, 'Order', checkoutIntentId, options);
			expect(res.status).toBe(403);
		}
		expect(ours.book.calls).toEqual([]);
		const res = await fake.notify(ours.url, 'Order', checkoutIntentId, { signatureKey });
		expect((await res.json()).outcome).toBe('paid');
	});

	it('for a checkout HelloAsso does not know, or an order we do not know, changes nothing', async () => {
		const ours = await ourServer();
		const unknownCheckout = await fake.notify(ours.url, 'Order', 0, {
			body: { eventType: 'Order', data: { checkoutIntentId: 424242, formType: 'Checkout', id: 9 } },
		});
		expect((await unknownCheckout.json()).outcome).toBe('unknown-checkout');
		expect(ours.book.calls).toEqual([]);

		const { checkoutIntentId } = await checkoutFor('order:absent', 1000);
		fake.pay(checkoutIntentId);
		const unknownOrder = await fake.notify(ours.url, 'Order', checkoutIntentId);
		expect((await unknownOrder.json()).outcome).toBe('unknown');
		expect(ours.book.orders.size).toBe(0);
	});

	it('for less than we asked changes nothing', async () => {
		const ours = await ourServer();
		ours.book.add('order:0013', 4500);
		const { checkoutIntentId } = await checkoutFor('order:0013', 4500);
		fake.pay(checkoutIntentId, { amountCents: 450 });
		const res = await fake.notify(ours.url, 'Payment', checkoutIntentId);
		expect((await res.json()).outcome).toBe('mismatch');
		expect(ours.book.calls).toEqual([]);
		expect(ours.log.some((line) => line.includes('paid 450 cents, asked 4500'))).toBe(true);
	});

	it('that cannot be checked against the API is answered 502, so it may be sent again', async () => {
		const unreachable = new HelloAssoClient({ ...config, apiUrl: 'http://127.0.0.1:1' }, { now });
		const ours = await ourServer({ client: unreachable });
		const res = await fake.notify(ours.url, 'Order', 0, {
			body: { eventType: 'Order', data: { checkoutIntentId: 5, formType: 'Checkout', id: 9 } },
		});
		expect(res.status).toBe(502);
		expect(ours.book.calls).toEqual([]);
		expect(ours.log.some((line) => line.includes('injoignable'))).toBe(true);
	});

	it('that is not JSON is answered 400', async () => {
		const ours = await ourServer();
		const res = await fetch(ours.url, { method: 'POST', body: 'eventType=Order' });
		expect(res.status).toBe(400);
	});
});

describe('the HelloAsso access token', () => {
	it('is kept until it expires, then refreshed', async () => {
		const before = { ...fake.grants };
		const { checkoutIntentId } = await checkoutFor('order:0020', 1000);
		await client.readCheckout(checkoutIntentId);
		expect(fake.grants).toEqual({ ...before, client_credentials: before.client_credentials + 1 });
		clock += 31 * 60 * 1000; // HelloAsso's tokens last 30 minutes
		await client.readCheckout(checkoutIntentId);
		expect(fake.grants).toEqual({
			client_credentials: before.client_credentials + 1,
			refresh_token: before.refresh_token + 1,
		});
	});

	it('revoked early is asked again once, and the call goes through', async () => {
		const { checkoutIntentId } = await checkoutFor('order:0021', 1000);
		const before = fake.grants.refresh_token;
		fake.revokeTokens();
		expect(await client.readCheckout(checkoutIntentId)).toMatchObject({ orderId: 'order:0021' });
		expect(fake.grants.refresh_token).toBe(before + 1);
	});

	it('is shared by calls made at once', async () => {
		const before = fake.grants.client_credentials;
		await Promise.all([1, 2, 3].map((n) => checkoutFor(`order:003${n}`, 1000)));
		expect(fake.grants.client_credentials).toBe(before + 1);
	});

	it('is refused for a wrong secret, with a message naming the variables', async () => {
		const wrong = new HelloAssoClient({ ...config, clientSecret: 'pas-le-bon' }, { now });
		await expect(
			wrong.createCheckout({
				orderId: 'order:0022',
				reference: 'EB-0022',
				totalCents: 1000,
				itemName: 'Annonce',
				returnUrl: 'https://elbasar.example/r',
				backUrl: 'https://elbasar.example/b',
				errorUrl: 'https://elbasar.example/e',
			}),
		).rejects.toMatchObject({
			name: 'HelloAssoError',
			status: 401,
			message: expect.stringContaining('HELLOASSO_CLIENT_SECRET'),
		});
	});
});

describe('the HelloAsso configuration', () => {
	const full = {
		HELLOASSO_CLIENT_ID: 'id',
		HELLOASSO_CLIENT_SECRET: 'tres-secret',
		HELLOASSO_ORGANIZATION: 'reseau-ess-hdf',
	};

	it('absent means no online payment', () => {
		expect(helloAssoConfigFrom({})).toBeNull();
		expect(helloAssoConfigFrom({ HELLOASSO_CLIENT_ID: '', PORT: '8080' })).toBeNull();
	});

	it('defaults to HelloAsso itself and its documented notification addresses', () => {
		expect(helloAssoConfigFrom(full)).toEqual({
			clientId: 'id',
			clientSecret: 'tres-secret',
			organization: 'reseau-ess-hdf',
			apiUrl: 'https://api.helloasso.com',
			notificationIps: ['51.138.206.200'],
		});
		expect(
			helloAssoConfigFrom({ ...full, HELLOASSO_API_URL: 'https://api.helloasso-sandbox.com/v5/' }),
		).toMatchObject({ apiUrl: 'https://api.helloasso-sandbox.com', notificationIps: ['4.233.135.234'] });
	});

	it('half set stops the server with the missing variables named, never the secret', () => {
		const message = (env: Record<string, string>) => {
			try {
				helloAssoConfigFrom(env);
			} catch (err) {
				expect(err).toBeInstanceOf(ConfigError);
				return (err as Error).message;
			}
			return 'no error';
		};
		const half = message({ HELLOASSO_CLIENT_ID: 'id' });
		expect(half).toContain('HELLOASSO_CLIENT_SECRET');
		expect(half).toContain('HELLOASSO_ORGANIZATION');
		expect(message({ ...full, HELLOASSO_ORGANIZATION: 'Réseau ESS' })).toContain(
			'HELLOASSO_ORGANIZATION="Réseau ESS"',
		);
		expect(message({ ...full, HELLOASSO_NOTIFICATION_IPS: '51.138.206.200, partout' })).toContain(
			'HELLOASSO_NOTIFICATION_IPS',
		);
		const elsewhere = message({ ...full, HELLOASSO_API_URL: 'http://127.0.0.1:9999' });
		expect(elsewhere).toContain('HELLOASSO_NOTIFICATION_IPS');
		expect(elsewhere).not.toContain('tres-secret');
		expect(message({ ...full, HELLOASSO_API_URL: 'api.helloasso.com' })).toContain('HELLOASSO_API_URL');
	});
});
