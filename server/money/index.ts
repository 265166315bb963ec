// The money routes under /api/money: the network's team marks a transfer or cheque paid (the order
// becomes paid once, its invoice or receipt is issued), and the payer or the team downloads an
// invoice as PDF. Who may write an order on /db is the write gate's (src/lib/domain/orders.ts).
/// <reference types="pouchdb-core" />
import { Hono } from 'hono';
import * as v from 'valibot';
import { canRead, type Invoice, invoiceId, type Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { readJson } from '../couch/body';
import { HttpError } from '../errors';
import type { Log } from '../log';
import { HelloAssoClient, type HelloAssoConfig } from './helloasso';
import { helloAssoRoutes } from './helloasso-routes';
import { type Billing, markPaid } from './orders';
import { type Issuer, invoicePdf } from './pdf';

export type { Billing } from './orders';
export type { Issuer } from './pdf';

export interface MoneyOptions {
	db: PouchDB.Database;
	billing: Billing;
	issuer: Issuer;
	/** Online payment; without it the option is not offered and no notification route exists. */
	helloAsso?: HelloAssoConfig | null;
	log?: Log;
	trustedProxies?: readonly string[];
	now?: () => number;
}

/** What prints on invoices until the network's team sets its own (the settings screen). */
export const DEMO_BILLING: { billing: Billing; issuer: Issuer } = {
	billing: {
		vatMention: 'TVA non applicable, art. 261-7-1° du CGI',
		paymentTerms: 'Virement ou chèque à réception, en rappelant la référence de la commande',
		dueInDays: 30,
	},
	issuer: {
		name: 'Réseau elBasar (démonstration)',
		address: '1 place de l’ESS, 62000 Arras',
		identifier: 'W000000000',
		email: 'contact@elbasar.example.org',
	},
};

const MarkPaid = v.object({
	method: v.picklist(['transfer', 'cheque'], 'mode de paiement : virement ou chèque'),
	reference: v.pipe(v.string(), v.trim(), v.maxLength(200)),
	amountCents: v.pipe(v.number(), v.integer('montant en centimes entiers'), v.minValue(0)),
});

function staffOnly(viewer: Viewer): void {
	if (viewer.role !== 'animator')
		throw new HttpError(403, 'forbidden', 'Seule l’équipe du réseau enregistre un paiement.');
}

export function moneyRoutes({
	db,
	billing,
	issuer,
	helloAsso,
	log,
	trustedProxies,
	now = Date.now,
}: MoneyOptions): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	const numbering: Billing = { ...billing, now: billing.now ?? (() => new Date(now())) };
	if (helloAsso && log)
		routes.route(
			'/helloasso',
			helloAssoRoutes({
				client: new HelloAssoClient(helloAsso),
				config: helloAsso,
				log,
				trustedProxies,
				// Paid only from the notification, after the API said so; markPaid makes repeats 'already'.
				onPaid: async ({ orderId, amountCents, reference, at }) =>
					(
						await markPaid(
							db,
							orderId,
							{ method: 'helloasso', reference, amountCents, at, by: 'HelloAsso' },
							numbering,
						)
					).outcome,
			}) as unknown as Hono<ViewerEnv>,
		);

	routes.post('/orders/:key/paid', async (c) => {
		const viewer = c.get('viewer');
		staffOnly(viewer);
		const parsed = v.safeParse(MarkPaid, await readJson(c), { lang: 'fr' });
		if (!parsed.success)
			throw new HttpError(400, 'bad_request', `Paiement invalide : ${parsed.issues[0].message}`);
		const { method, reference, amountCents } = parsed.output;
		const at = new Date(now()).toISOString();
		const by = viewer.accountId ?? 'équipe';
		const result = await markPaid(
			db,
			`order:${c.req.param('key')}`,
			{ method, reference, amountCents, at, by },
			numbering,
		);
		if (result.outcome === 'unknown') throw new HttpError(404, 'not_found', 'Commande introuvable.');
		if (result.outcome === 'mismatch')
			throw new HttpError(
				409,
				'conflict',
				result.order?.state === 'pending'
					? `Montant différent de la commande (${result.order.totalCents} centimes attendus).`
					: 'Cette commande n’attend plus de paiement.',
			);
		return c.json({ outcome: result.outcome, state: result.order?.state, invoice: result.invoice?.number });
	});

	routes.get('/invoices/:number/pdf', async (c) => {
		const viewer = c.get('viewer');
		const invoice = (await db
			.get<Invoice>(invoiceId(c.req.param('number')))
			.catch(() => null)) as Invoice | null;
		// Someone else's invoice is answered as a missing one: its number says nothing of who pays.
		if (invoice?.type !== 'invoice' || !canRead(viewer, invoice))
			throw new HttpError(viewer.role === 'visitor' ? 401 : 404, 'not_found', 'Facture introuvable.');
		const cancelled = invoice.cancels
			? await db.get<Invoice>(invoice.cancels).catch(() => undefined)
			: undefined;
		const pdf = await invoicePdf(invoice, issuer, cancelled);
		return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${invoice.number}.pdf"`,
			'cache-control': 'private, no-cache',
		});
	});
	return routes;
}
