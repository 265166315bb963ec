// Orders paid over HTTP on a server with its store on disk: the team marks transfers paid, each
// order is paid once and gets one invoice, 200 at once get 200 consecutive numbers, and an invoice's
// PDF reaches its payer and the team only.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { type Invoice, newOrder, type Order, sequenceOf } from '../../src/lib/domain';
import { send, signedIn } from './account-flows';
import { PEOPLE, PIOCHE } from './fixtures';
import { call, useTestServer } from './helpers';

const server = useTestServer({ onDisk: true });

const featured = (key: string, payer = PIOCHE) =>
	newOrder({
		key,
		payer: { _id: payer },
		purpose: 'featured',
		listing: { _id: 'listing:pioche-velo', title: 'Vélo cargo' },
		at: '2026-11-02T09:00:00.000Z',
	});

const pay = (cookie: string, order: Order, amountCents = order.totalCents) =>
	send(
		server,
		'POST',
		`/api/money/orders/${order._id.slice('order:'.length)}/paid`,
		{ method: 'transfer', reference: `VIR ${order.reference}`, amountCents },
		cookie,
	);

async function invoicesOf(orderId: string): Promise<Invoice[]> {
	const { rows } = await server.stores.db.allDocs<Invoice>({
		include_docs: true,
		startkey: 'invoice:',
		endkey: 'invoice:\uffff',
	});
	return rows.flatMap((row) => (row.doc?.order === orderId ? [row.doc] : []));
}

describe('marking orders paid', () => {
	test('200 orders paid at once over HTTP get 200 consecutive invoice numbers, one each', async () => {
		const orders = Array.from({ length: 200 }, (_, i) => featured(`lot-${i}`));
		await server.stores.db.bulkDocs(orders);
		const cookie = await signedIn(server, PEOPLE.animator.email);
		const answers = await Promise.all(orders.map((order) => pay(cookie, order)));
		expect(answers.map((a) => a.status)).toEqual(orders.map(() => 200));
		const numbers = answers.map((a) => a.body.invoice as string);
		const year = numbers[0].slice(2, 6);
		const first = Math.min(...numbers.map((n) => sequenceOf(`F-${year}`, `invoice:${n}`) ?? 0));
		expect(
			numbers.map((n) => sequenceOf(`F-${year}`, `invoice:${n}`)).sort((a, b) => (a ?? 0) - (b ?? 0)),
		).toEqual(Array.from({ length: 200 }, (_, i) => first + i));
		for (const order of orders.slice(0, 5)) {
			const stored = await server.stores.db.get<Order>(order._id);
			expect(stored).toMatchObject({ state: 'paid', payment: { method: 'transfer', amountCents: 200 } });
			expect(stored.invoice).toMatch(/^invoice:F-/);
		}
	});

	test('the same order marked paid twice at once is paid once, with one invoice', async () => {
		const order = featured('deux-clics');
		await server.stores.db.put(order);
		const cookie = await signedIn(server, PEOPLE.animator.email);
		const [a, b] = await Promise.all([pay(cookie, order), pay(cookie, order)]);
		expect([a.body.outcome, b.body.outcome].sort()).toEqual(['already', 'paid']);
		const issued = await invoicesOf(order._id);
		expect(issued).toHaveLength(1);
		expect((a.body.outcome === 'paid' ? a : b).body.invoice).toBe(issued[0].number);
		expect((await server.stores.db.get<Order>(order._id)).invoice).toBe(issued[0]._id);
		// Told again later (a second notification), it is still paid once.
		const again = await pay(cookie, order);
		expect(again.body).toMatchObject({ outcome: 'already', invoice: issued[0].number });
		expect(await invoicesOf(order._id)).toHaveLength(1);
	});

	test('a wrong amount, a member, an unknown order: refused, nothing changes', async () => {
		const order = featured('mauvais-montant');
		await server.stores.db.put(order);
		const staff = await signedIn(server, PEOPLE.animator.email);
		const wrong = await pay(staff, order, 150);
		expect(wrong.status).toBe(409);
		expect(wrong.body.reason).toMatch(/Montant différent/);
		const member = await signedIn(server, PEOPLE.lea.email);
		const own = await pay(member, order);
		expect(own.status).toBe(403);
		expect((await server.stores.db.get<Order>(order._id)).state).toBe('pending');
		expect(await invoicesOf(order._id)).toHaveLength(0);
		const unknown = await pay(staff, { ...order, _id: 'order:inconnue' });
		expect(unknown.status).toBe(404);
		const malformed = await send(server, 'POST', '/api/money/orders/x/paid', { method: 'bitcoin' }, staff);
		expect(malformed.status).toBe(400);
		expect(malformed.body.reason).toMatch(/virement ou chèque/);
	});
});

describe('the invoice as PDF', () => {
	test('reaches its payer and the team; another structure and a visitor are told nothing of it', async () => {
		const order = featured('facture-pdf');
		await server.stores.db.put(order);
		const staff = await signedIn(server, PEOPLE.animator.email);
		const number = (await pay(staff, order)).body.invoice as string;
		const path = `/api/money/invoices/${number}/pdf`;

		const payer = await fetch(server.url + path, {
			headers: { cookie: await signedIn(server, PEOPLE.lea.email) },
		});
		expect(payer.status).toBe(200);
		expect(payer.headers.get('content-type')).toBe('application/pdf');
		const text = execFileSync('pdftotext', ['-', '-'], {
			input: new Uint8Array(await payer.arrayBuffer()),
		}).toString();
		expect(text).toContain(`Facture n° ${number}`);
		expect(text).toContain(order.reference);

		expect((await fetch(server.url + path, { headers: { cookie: staff } })).status).toBe(200);
		const other = await call(server, path, { as: PEOPLE.nina });
		expect(other.status).toBe(404);
		expect(JSON.stringify(other.body)).not.toContain(PIOCHE);
		expect((await call(server, path)).status).toBe(401);
	});
});
