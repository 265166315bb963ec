// One spreadsheet row read into what it says about a structure, its membership and one person;
// a cell that cannot be read refuses the row with a reason in French.
import type { EmployeeBand } from '../fees';
import type { LegalForm, Membership } from '../schemas';
import type { SectorId } from '../sectors';
import type { Cells } from './columns';
import { matchCommune } from './commune-match';
import {
	type Parsed,
	parseDate,
	parseEmployees,
	parseLegalForm,
	parseMembershipStatus,
	parseSectors,
	parseWebsite,
} from './values';

/** The structure fields a row may carry; absent ones are left as they are. */
export interface StructureFields {
	name?: string;
	legalForm?: LegalForm;
	sectors?: SectorId[];
	pitch?: string;
	description?: string;
	missions?: string;
	offers?: string;
	needs?: string;
	address?: string;
	commune?: string;
	website?: string;
	employees?: EmployeeBand;
}

export interface RowData {
	line: number;
	/** The identifiant cell, when the file carries one. */
	id?: string;
	structure: StructureFields;
	membership: { status?: Membership['status']; since?: string };
	person?: { name: string; role?: string; email?: string; phone?: string };
}

export type ReadRow = { ok: true; row: RowData } | { ok: false; reason: string };

const TEXTS = ['pitch', 'description', 'missions', 'offers', 'needs', 'address'] as const;

export function readRow(line: number, cells: Cells): ReadRow {
	const structure: StructureFields = {};
	for (const key of TEXTS) if (cells[key] !== undefined) structure[key] = cells[key];
	if (cells.name !== undefined) structure.name = cells.name;
	if (cells.website !== undefined) structure.website = parseWebsite(cells.website);
	const membership: RowData['membership'] = {};
	const problems: string[] = [];
	const take = <T>(cell: string | undefined, parse: (c: string) => Parsed<T>, set: (v: T) => void) => {
		if (cell === undefined) return;
		const result = parse(cell);
		if (result.ok) set(result.value);
		else problems.push(result.reason);
	};
	take(cells.legalForm, parseLegalForm, (v) => (structure.legalForm = v));
	take(cells.sectors, parseSectors, (v) => (structure.sectors = v));
	take(cells.employees, parseEmployees, (v) => (structure.employees = v));
	take(cells.membershipStatus, parseMembershipStatus, (v) => (membership.status = v));
	take(cells.memberSince, parseDate, (v) => (membership.since = v));
	const commune = matchCommune(cells.commune, cells.postalCode);
	if (commune?.ok) structure.commune = commune.insee;
	else if (commune) problems.push(commune.reason);
	const person = personOf(cells);
	if (!person.ok) problems.push(person.reason);
	if (problems.length > 0) return { ok: false, reason: problems.join(' ; ') };
	const row: RowData = { line, structure, membership, person: person.ok ? person.value : undefined };
	if (cells.id !== undefined) row.id = cells.id;
	return { ok: true, row };
}

function personOf(cells: Cells): Parsed<RowData['person']> {
	const { person: name, role, email, phone } = cells;
	if (name === undefined) {
		if (email !== undefined || phone !== undefined || role !== undefined)
			return { ok: false, reason: 'e-mail, téléphone ou fonction sans nom de contact' };
		return { ok: true, value: undefined };
	}
	const person: NonNullable<RowData['person']> = { name };
	if (role !== undefined) person.role = role;
	if (email !== undefined) person.email = email;
	if (phone !== undefined) person.phone = phone;
	return { ok: true, value: person };
}
