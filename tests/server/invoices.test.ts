// Invoices: numbers without gaps under concurrency on a real store on disk, a new series each year,
// drafts refused before they take a number, and the PDF's text as pdftotext reads it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { issueInvoice, NumberingError } from '../../server/money/numbering';
import { type Issuer, invoicePdf } from '../../server/money/pdf';
import { openStores, type Stores } from '../../server/store';
import {
	creditNoteDraft,
	type Invoice,
	type InvoiceDraft,
	invoiceNumber,
	numberedInvoice,
	sequenceOf,
} from '../../src/lib/domain';

const dir = mkdtempSync(join(tmpdir(), 'elbasar-invoices-'));
let stores: Stores;
beforeAll(() => {
	stores = openStores({ dataDir: dir });
});
afterAll(async () => {
	await stores.close();
	rmSync(dir, { recursive: true, force: true });
});

const VAT = 'TVA non applicable, art. 261-7-1° du CGI';
const membership = (payer: string, unitCents = 4500): InvoiceDraft => ({
	kind: 'invoice',
	payer,
	buyer: { name: 'Le Relais', address: '12 place du Marché, 62300 Lens', identifier: '41234567800012' },
	lines: [{ label: 'Adhésion 2026 (2 à 10 salariés)', quantity: 1, unitCents }],
	paymentTerms: 'Virement ou chèque à 30 jours',
	vatMention: VAT,
	dueInDays: 30,
});

async function series(prefix: string): Promise<Invoice[]> {
	const { rows } = await stores.db.allDocs<Invoice>({
		include_docs: true,
		startkey: `invoice:${prefix}-`,
		endkey: `invoice:${prefix}-\uffff`,
	});
	return rows.flatMap((row) => (row.doc ? [row.doc] : []));
}

describe('numbering', () => {
	test('200 invoices issued at once get the numbers 1 to 200, each once, dated in number order', async () => {
		// A clock that moves on at every reading, as a real one does between two tries.
		let tick = Date.parse('2026-06-01T08:00:00.000Z');
		const now = () => new Date(tick++);
		const issued = await Promise.all(
			Array.from({ length: 200 }, (_, i) => issueInvoice(stores.db, membership(`structure:s${i}`), { now })),
		);
		const numbers = issued.map((invoice) => sequenceOf('F-2026', invoice._id) ?? 0).sort((a, b) => a - b);
		expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
		const stored = await series('F-2026');
		expect(stored).toHaveLength(200);
		// Each payer got exactly one invoice: no number was given twice.
		expect(new Set(stored.map((invoice) => invoice.payer)).size).toBe(200);
		for (let i = 1; i < stored.length; i++)
			expect(stored[i].issuedAt >= stored[i - 1].issuedAt, stored[i].number).toBe(true);
	});

	test('a new year starts its series at 1; a credit note has its own series', async () => {
		const newYear = () => new Date('2027-01-01T00:00:05.000Z');
		const first = await issueInvoice(stores.db, membership('structure:le-relais'), { now: newYear });
		expect(first.number).toBe('F-2027-00001');
		const credit = await issueInvoice(stores.db, creditNoteDraft(first, 'Adhésion payée deux fois'), {
			now: newYear,
		});
		expect(credit).toMatchObject({ number: 'A-2027-00001', cancels: first._id, totalCents: -4500 });
		const receipt = await issueInvoice(
			stores.db,
			{ ...membership('structure:le-relais'), kind: 'receipt' },
			{ now: newYear, prefixes: { receipt: 'RA' } },
		);
		expect(receipt.number).toBe('RA-2027-00001');
	});

	test('a draft with an amount that is not whole cents takes no number and writes nothing', async () => {
		const before = (await stores.db.info()).doc_count;
		const error = await issueInvoice(stores.db, membership('structure:le-relais', 12.5), {
			now: () => new Date('2028-03-01T10:00:00Z'),
		}).catch((err) => err);
		expect(error).toBeInstanceOf(NumberingError);
		expect(error.message).toMatch(/centimes entiers/);
		expect((await stores.db.info()).doc_count).toBe(before);
		expect(await series('F-2028')).toHaveLength(0);
	});
});

describe('the PDF', () => {
	const issuer: Issuer = {
		name: 'Réseau ESS des Hauts',
		address: '5 rue de la Coopération, 59000 Lille',
		identifier: 'W595012345',
		email: 'contact@elbasar.example.org',
		iban: 'FR76 3000 4000 0500 0012 3456 789',
		bic: 'BNPAFRPPXXX',
	};
	const at = new Date('2026-11-05T09:30:00Z');
	const invoice = numberedInvoice(
		{
			...membership('structure:le-relais'),
			lines: [
				{ label: 'Annonce mise à la une (30 jours)', quantity: 2, unitCents: 200 },
				{ label: 'Prestation de formation', quantity: 1, unitCents: 99_600 },
			],
		},
		invoiceNumber('F-2026', 7),
		at,
	);

	const textOf = (pdf: Uint8Array) =>
		execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();

	test('carries every mention of an invoice, amounts in French', async () => {
		const pdf = await invoicePdf(invoice, issuer);
		expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
		const text = textOf(pdf);
		for (const mention of [
			'Facture n° F-2026-00007',
			'Date : 5 novembre 2026',
			'Réseau ESS des Hauts',
			'5 rue de la Coopération, 59000 Lille',
			'SIREN / RNA : W595012345',
			'Le Relais',
			'12 place du Marché, 62300 Lens',
			'41234567800012',
			'Annonce mise à la une (30 jours)',
			'Prestation de formation',
			'Conditions de paiement : Virement ou chèque à 30 jours',
			'Échéance : 5 décembre 2026',
			VAT,
			'IBAN FR76 3000 4000 0500 0012 3456 789',
		])
			expect(text).toContain(mention);
		// 2 × 2 € + 996 € = 1 000 €, with the narrow no-break space French formatting puts in (the
		// embedded font draws it; pdftotext reads it back as a space).
		expect(text).toMatch(/Total : 1[ \u202f]000,00[ \u00a0]€/);
		expect(text).toMatch(/996,00[ \u00a0]€/);
	});

	test('a credit note names the invoice it cancels and shows negative amounts', async () => {
		const credit = numberedInvoice(
			creditNoteDraft(invoice, 'Formation annulée'),
			invoiceNumber('A-2026', 1),
			new Date('2026-11-20T09:00:00Z'),
		);
		const text = textOf(await invoicePdf(credit, issuer, invoice));
		expect(text).toContain('Avoir n° A-2026-00001');
		expect(text).toContain('Annule la facture n° F-2026-00007 du 5 novembre 2026');
		expect(text).toMatch(/Total : -1[ \u202f]000,00[ \u00a0]€/);
		expect(text).toContain('Motif : Formation annulée');
	});
});
