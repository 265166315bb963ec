// Cell values as the network writes them → the values documents hold: legal forms ("Association
// loi 1901", "SCOP SARL"…), sectors (labels or ids), head counts or bands, French dates, statuses.
import { bandOf, EMPLOYEE_BANDS, type EmployeeBand } from '../fees';
import type { LegalForm, Membership } from '../schemas';
import { SECTORS, type SectorId } from '../sectors';
import { fold } from './fold';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** The first rule whose word appears wins: "SCOP SARL" is a SCOP, "SAS coopérative" a coopérative. */
const LEGAL_FORM_WORDS: [LegalForm, string[]][] = [
	['scop', ['scop']],
	['scic', ['scic']],
	['association', ['association', 'asso', 'assoc', 'loi 1901']],
	['cooperative', ['cooperative', 'coop', 'cae', 'cuma']],
	['ues', ['ues']],
	['fondation', ['fondation', 'fonds de dotation']],
	['mutuelle', ['mutuelle', 'mutuel']],
	['sarl', ['sarl', 'eurl']],
	['sas', ['sas', 'sasu', 'sa']],
	[
		'individual',
		[
			'personne physique',
			'ei',
			'auto entrepreneur',
			'micro entrepreneur',
			'entreprise individuelle',
			'individual',
		],
	],
];

export function parseLegalForm(cell: string): Parsed<LegalForm> {
	const words = ` ${fold(cell)} `;
	for (const [form, names] of LEGAL_FORM_WORDS)
		if (names.some((name) => words.includes(` ${name} `))) return ok(form);
	return no(`forme juridique inconnue "${cell}"`);
}

const sectorNames = new Map<string, SectorId>();
for (const { id, label } of SECTORS) {
	sectorNames.set(fold(id), id);
	sectorNames.set(fold(label), id);
	// "Santé" names "Santé, soin et action sociale", "Personnes âgées" "Personnes âgées et aidants".
	sectorNames.set(fold(label.split(/,| et /)[0]), id);
}

/**
 * Sectors separated by `,`, `;` or `|`. Labels may hold commas themselves ("Culture, arts et
 * spectacle"), so the longest run of pieces that names a sector is taken first.
 */
export function parseSectors(cell: string): Parsed<SectorId[]> {
	const pieces = cell
		.split(/[,;|]/)
		.map((p) => p.trim())
		.filter((p) => p !== '');
	const found: SectorId[] = [];
	for (let i = 0; i < pieces.length; ) {
		let j = pieces.length;
		while (j > i && !sectorNames.has(fold(pieces.slice(i, j).join(', ')))) j--;
		if (j === i) return no(`secteur inconnu "${pieces[i]}"`);
		const id = sectorNames.get(fold(pieces.slice(i, j).join(', '))) as SectorId;
		if (!found.includes(id)) found.push(id);
		i = j;
	}
	return ok(found);
}

/** A head count ("12") or a band ("2-10", "2 à 10 salariés", "plus de 50", "51+"). */
export function parseEmployees(cell: string): Parsed<EmployeeBand> {
	const text = fold(cell);
	if ((EMPLOYEE_BANDS as readonly string[]).includes(cell.replace(/\s/g, '')))
		return ok(cell.replace(/\s/g, '') as EmployeeBand);
	const numbers = (text.match(/\d+/g) ?? []).map(Number);
	if (numbers.length === 1 && /^(plus de|\+ de|>)|\+$/.test(cell.trim().toLowerCase()))
		return numbers[0] >= 50 ? ok('51+') : no(`effectif imprécis "${cell}" : donnez un nombre ou une tranche`);
	if (numbers.length === 1) return ok(bandOf(numbers[0]));
	if (numbers.length === 2) {
		const [low, high] = numbers;
		const band = bandOf(low);
		if (high >= low && bandOf(high) === band) return ok(band);
	}
	return no(`effectif illisible "${cell}" : donnez un nombre ou une tranche (0-1, 2-10, 11-50, 51+)`);
}

/** "2019-03-01", "01/03/2019", "1-3-2019" or a bare year "2019" (1st January). */
export function parseDate(cell: string): Parsed<string> {
	const iso = cell.match(/^(\d{4})-(\d{2})-(\d{2})/);
	const french = cell.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
	const year = cell.match(/^(\d{4})$/);
	const [y, m, d] = iso
		? [iso[1], iso[2], iso[3]]
		: french
			? [french[3], french[2].padStart(2, '0'), french[1].padStart(2, '0')]
			: year
				? [year[1], '01', '01']
				: [];
	const date = `${y}-${m}-${d}`;
	// A month 13 is no date at all (toISOString would throw); a 31st of February rolls over to March.
	const parsed = y === undefined ? Number.NaN : Date.parse(`${date}T00:00:00Z`);
	const real = !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(date);
	return real ? ok(date) : no(`date illisible "${cell}" (attendu : JJ/MM/AAAA)`);
}

const STATUSES: [Membership['status'], string[]][] = [
	[
		'lapsed',
		['lapsed', 'echue', 'echu', 'adhesion echue', 'ancien adherent', 'ancienne adherente', 'expiree'],
	],
	['none', ['none', 'non', 'non adherent', 'non adherente', 'aucune']],
	['active', ['active', 'actif', 'adherent', 'adherente', 'oui', 'a jour', 'membre']],
];

export function parseMembershipStatus(cell: string): Parsed<Membership['status']> {
	const text = fold(cell);
	for (const [status, names] of STATUSES) if (names.includes(text)) return ok(status);
	return no(`statut d’adhésion inconnu "${cell}" (Adhérent, Adhésion échue ou Non adhérent)`);
}

/** "www.example.org" is a web address too: give it its scheme. */
export function parseWebsite(cell: string): string {
	return /^https?:\/\//i.test(cell) ? cell : `https://${cell.replace(/^\/+/, '')}`;
}
