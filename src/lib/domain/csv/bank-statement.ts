// A bank statement exported as CSV, as French banks write them: UTF-8 or Windows-1252 (decodeCsv),
// `;` or `,`, a date column, a label, and the amount either in one signed column or split into
// « Débit » and « Crédit ». Amounts in French (« 1 234,56 », « -45,00 € ») or with a point. Columns
// it does not know are ignored; a line it cannot read is refused with its line number and why.
import Papa from 'papaparse';
import { fold } from './fold';
import { detectSeparator } from './read';
import { parseDate } from './values';

export interface StatementLine {
	/** Row number in the file (the header is row 1). */
	line: number;
	date: string;
	label: string;
	/** Positive for money received, negative for money paid out. */
	amountCents: number;
}

export type Statement =
	| { ok: true; lines: StatementLine[]; ignoredHeaders: string[] }
	| { ok: false; reason: string };

type Column = 'date' | 'label' | 'amount' | 'debit' | 'credit';

const HEADERS: [Column, string[]][] = [
	[
		'date',
		['date', 'date operation', 'date de l operation', 'date comptable', 'date valeur', 'date de valeur'],
	],
	[
		'label',
		['libelle', 'libelle operation', 'libelle de l operation', 'intitule', 'description', 'detail', 'motif'],
	],
	['amount', ['montant', 'montant eur', 'montant en euros', 'montant (eur)', 'somme']],
	['debit', ['debit', 'debit eur', 'debit (eur)', 'debits']],
	['credit', ['credit', 'credit eur', 'credit (eur)', 'credits']],
];

function columnOf(header: string): Column | undefined {
	const name = fold(header).replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
	for (const [column, names] of HEADERS)
		if (names.some((candidate) => fold(candidate).replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim() === name))
			return column;
	return undefined;
}

/** « 1 234,56 », « -45,00 € », « +10 », « 1234.56 » → cents; null when it is not an amount. */
export function parseAmount(cell: string): number | null {
	let text = cell.replace(/[\s\u00a0\u202f€]|EUR/gi, '');
	// « 1.234,56 »: points group thousands when a comma gives the decimals.
	if (text.includes(',')) text = text.replace(/\./g, '').replace(',', '.');
	const match = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return null;
	const [, sign, units, decimals = ''] = match;
	const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
	return sign === '-' ? -cents : cents;
}

export function readStatement(input: string): Statement {
	const text = input.replace(/^\uFEFF/, '');
	if (text.trim() === '') return { ok: false, reason: 'le relevé est vide' };
	const parsed = Papa.parse<string[]>(text, { delimiter: detectSeparator(text), skipEmptyLines: 'greedy' });
	const broken = parsed.errors.find((e) => e.type === 'Quotes');
	if (broken) return { ok: false, reason: `guillemets non refermés (ligne ${(broken.row ?? 0) + 1})` };
	const [headers = [], ...records] = parsed.data;
	const columns = headers.map(columnOf);
	const at = (column: Column) => columns.indexOf(column);
	if (at('date') < 0) return { ok: false, reason: 'colonne « Date » introuvable sur la première ligne' };
	if (at('label') < 0) return { ok: false, reason: 'colonne « Libellé » introuvable sur la première ligne' };
	if (at('amount') < 0 && at('credit') < 0)
		return { ok: false, reason: 'colonne « Montant » ou « Crédit » introuvable sur la première ligne' };
	const lines: StatementLine[] = [];
	for (const [i, record] of records.entries()) {
		const line = i + 2;
		const cell = (column: Column) => (at(column) >= 0 ? (record[at(column)] ?? '').trim() : '');
		const date = parseDate(cell('date'));
		if (!date.ok) return { ok: false, reason: `ligne ${line} : ${date.reason}` };
		const amount = amountOf(cell('amount'), cell('credit'), cell('debit'));
		if (amount === null) return { ok: false, reason: `ligne ${line} : montant illisible` };
		lines.push({ line, date: date.value, label: cell('label'), amountCents: amount });
	}
	const ignoredHeaders = headers.filter((h, k) => columns[k] === undefined && h.trim() !== '');
	return { ok: true, lines, ignoredHeaders };
}

function amountOf(amount: string, credit: string, debit: string): number | null {
	if (amount !== '') return parseAmount(amount);
	if (credit !== '') return parseAmount(credit);
	if (debit !== '') {
		const paid = parseAmount(debit);
		return paid === null ? null : -Math.abs(paid);
	}
	return null;
}
