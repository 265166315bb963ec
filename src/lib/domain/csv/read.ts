// Reading a spreadsheet saved as CSV: bytes in UTF-8 (with or without BOM) or, as Excel saves
// "CSV (séparateur : point-virgule)", Windows-1252; `;`, `,` or tab separators; quoted newlines.
import Papa from 'papaparse';
import { type Cells, type Column, columnOf } from './columns';

/** One data row; `line` is its row number in the spreadsheet (the header is row 1). */
export interface Row {
	line: number;
	cells: Cells;
}

export type Sheet = { ok: true; rows: Row[]; ignoredHeaders: string[] } | { ok: false; reason: string };

/** Text of a CSV file: UTF-8 when it is valid UTF-8, otherwise Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/** The separator of the header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectSeparator(text: string): string {
	const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && char in counts) counts[char]++;
	}
	return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/** Spreadsheet formulas are neutralised on export with a leading apostrophe: take it off again. */
function cellText(raw: string): string {
	const text = raw.replace(/\r\n?/g, '\n').trim();
	return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

export function readSheet(input: string): Sheet {
	const text = input.replace(/^\uFEFF/, '');
	if (text.trim() === '') return { ok: false, reason: 'le fichier est vide' };
	const parsed = Papa.parse<string[]>(text, { delimiter: detectSeparator(text), skipEmptyLines: false });
	const broken = parsed.errors.find((e) => e.type === 'Quotes');
	if (broken) return { ok: false, reason: `guillemets non refermés (ligne ${(broken.row ?? 0) + 1})` };
	const [headers = [], ...records] = parsed.data;
	const columns = headers.map((h) => columnOf(h));
	if (!columns.includes('name'))
		return { ok: false, reason: 'colonne « Nom » introuvable sur la première ligne' };
	const rows: Row[] = [];
	records.forEach((record, i) => {
		const cells: Cells = {};
		record.forEach((raw, k) => {
			const column: Column | undefined = columns[k];
			const value = cellText(raw ?? '');
			if (column && value !== '' && cells[column] === undefined) cells[column] = value;
		});
		if (Object.keys(cells).length > 0) rows.push({ line: i + 2, cells });
	});
	const ignoredHeaders = headers.filter((h, k) => !columns[k] && h.trim() !== '').map((h) => h.trim());
	return { ok: true, rows, ignoredHeaders };
}
