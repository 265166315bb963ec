// The directory as a spreadsheet: the import's French headers, `;` separators, UTF-8 with a BOM
// so Excel reads accents right, one row per person (the structure repeated), values written the
// way the import reads them back, so export → import changes nothing.
import Papa from 'papaparse';
import { communeByCode } from '../communes';
import { EMPLOYEE_BAND_LABELS } from '../fees';
import {
	type Contact,
	type Doc,
	LEGAL_FORMS,
	MEMBERSHIP_STATUSES,
	type Membership,
	type Person,
	type Structure,
} from '../schemas';
import { sectorLabel } from '../sectors';
import { COLUMNS, type Column, headerOf } from './columns';

export interface ExportOptions {
	/** Whether e-mails and phones go out (members and staff only). */
	contacts: boolean;
}

const PEOPLE_DETAILS: Column[] = ['email', 'phone'];

export function exportDirectory(docs: Iterable<Doc>, opts: ExportOptions): string {
	const columns = (Object.keys(COLUMNS) as Column[]).filter(
		(c) => opts.contacts || !PEOPLE_DETAILS.includes(c),
	);
	const structures: Structure[] = [];
	const memberships = new Map<string, Membership>();
	const people = new Map<string, Person[]>();
	const contacts = new Map<string, Contact>();
	for (const doc of docs) {
		if (doc.type === 'structure') structures.push(doc);
		else if (doc.type === 'membership') memberships.set(doc.structure, doc);
		// Only a structure's own people and their own contacts: what the write gate lets through today.
		else if (doc.type === 'person' && doc.owner === doc.structure)
			people.set(doc.structure, [...(people.get(doc.structure) ?? []), doc]);
		else if (doc.type === 'contact') contacts.set(`${doc.owner} ${doc.person}`, doc);
	}
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');
	const rows: string[][] = [columns.map(headerOf)];
	for (const structure of structures.sort(byName)) {
		const cells = structureCells(structure, memberships.get(structure._id));
		const team = (people.get(structure._id) ?? []).sort(byName);
		if (team.length === 0) rows.push(columns.map((c) => safe(cells[c] ?? '')));
		for (const person of team) {
			const contact = opts.contacts ? contacts.get(`${person.owner} ${person._id}`) : undefined;
			const all = { ...cells, ...personCells(person, contact) };
			rows.push(columns.map((c) => safe(all[c] ?? '')));
		}
	}
	return `\uFEFF${Papa.unparse(rows, { delimiter: ';', newline: '\r\n' })}\r\n`;
}

function structureCells(s: Structure, membership: Membership | undefined): Partial<Record<Column, string>> {
	const commune = communeByCode(s.commune);
	return {
		id: s._id,
		name: s.name,
		legalForm: LEGAL_FORMS[s.legalForm],
		sectors: s.sectors.map(sectorLabel).join(' | '),
		pitch: s.pitch,
		description: s.description,
		missions: s.missions,
		offers: s.offers,
		needs: s.needs,
		address: s.address,
		postalCode: commune?.postalCodes[0] ?? '',
		commune: commune?.name ?? s.commune,
		website: s.website ?? '',
		employees: EMPLOYEE_BAND_LABELS[s.employees],
		memberSince: membership?.since ? membership.since.split('-').reverse().join('/') : '',
		membershipStatus: membership ? MEMBERSHIP_STATUSES[membership.status] : '',
	};
}

function personCells(person: Person, contact: Contact | undefined): Partial<Record<Column, string>> {
	return { person: person.name, role: person.role, email: contact?.email ?? '', phone: contact?.phone ?? '' };
}

/** A cell starting with = + - or @ would run as a formula in a spreadsheet: make it text. */
function safe(cell: string): string {
	return /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
}
