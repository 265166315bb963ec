// Bank statements as French banks export them, read into dated, signed amounts in cents; the
// order references payers type into transfer labels, found whatever their spacing.
import { describe, expect, test } from 'vitest';
import { newOrder, orderReference, referenceIn } from '../../src/lib/domain';
import { decodeCsv, parseAmount, readStatement } from '../../src/lib/domain/csv';

describe('amounts', () => {
	test.each([
		['1 234,56', 123456],
		['1\u202f234,56 €', 123456],
		['-45,00', -4500],
		['+10', 1000],
		['1234.5', 123450],
		['1.234,56', 123456],
		['20,00 EUR', 2000],
	])('%s → %i cents', (cell, cents) => expect(parseAmount(cell)).toBe(cents));
	test.each(['', 'douze', '12,345', '1,2,3'])('« %s » is no amount', (cell) =>
		expect(parseAmount(cell)).toBeNull(),
	);
});

describe('a statement', () => {
	test('in Windows-1252 with « ; », split debit and credit columns and a column it does not know', () => {
		const text = [
			'Date;Libellé;Débit;Crédit;Solde',
			'02/11/2026;VIR SEPA LA PIOCHE EB-ABCD2345;;45,00;1 045,00',
			'03/11/2026;PRLV ASSURANCE;12,50;;1 032,50',
		].join('\r\n');
		const bytes = Uint8Array.from([...text].map((c) => ({ é: 0xe9, É: 0xc9 })[c] ?? c.charCodeAt(0)));
		const read = readStatement(decodeCsv(bytes));
		expect(read).toEqual({
			ok: true,
			ignoredHeaders: ['Solde'],
			lines: [
				{ line: 2, date: '2026-11-02', label: 'VIR SEPA LA PIOCHE EB-ABCD2345', amountCents: 4500 },
				{ line: 3, date: '2026-11-03', label: 'PRLV ASSURANCE', amountCents: -1250 },
			],
		});
	});

	test('in UTF-8 with « , » and one signed amount column', () => {
		const read = readStatement(
			'\uFEFFDate opération,Libellé opération,Montant (EUR)\n2026-11-05,"Cotisation, EB 7K3Q 9ZPM",20.00\n',
		);
		expect(read.ok && read.lines).toEqual([
			{ line: 2, date: '2026-11-05', label: 'Cotisation, EB 7K3Q 9ZPM', amountCents: 2000 },
		]);
	});

	test('refused with the line and the reason', () => {
		expect(readStatement('Date;Libellé;Montant\n01/11/2026;A;10,00\n13/13/2026;B;5,00')).toEqual({
			ok: false,
			reason: expect.stringMatching(/^ligne 3 : date illisible/),
		});
		expect(readStatement('Date;Libellé;Montant\n01/11/2026;A;dix euros')).toEqual({
			ok: false,
			reason: 'ligne 2 : montant illisible',
		});
		expect(readStatement('Quand;Quoi\n01/11/2026;A')).toEqual({
			ok: false,
			reason: 'colonne « Date » introuvable sur la première ligne',
		});
		expect(readStatement('')).toEqual({ ok: false, reason: 'le relevé est vide' });
	});
});

describe('order references', () => {
	test('derive from the order, read back from a label however it was typed', () => {
		const order = newOrder({ key: 'k3x9', payer: { _id: 'structure:la-pioche' }, purpose: 'membership' });
		expect(order.reference).toBe(orderReference(order._id));
		expect(order.reference).toMatch(/^EB-[2-9A-HJKMNP-Z]{8}$/);
		const spaced = `virement ${order.reference
			.toLowerCase()
			.replace('-', ' ')
			.replace(/(.{6})/, '$1 ')} merci`;
		expect(referenceIn(spaced)).toBe(order.reference);
		expect(referenceIn('VIR LOYER NOVEMBRE')).toBeNull();
		expect(orderReference('order:autre')).not.toBe(order.reference);
	});
});
