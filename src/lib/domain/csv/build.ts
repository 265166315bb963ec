// The documents a row stands for, built on top of what the directory already holds: a cell the
// row leaves empty keeps the stored value, so a partial spreadsheet never erases a profile.
import { docId, slugify } from '../ids';
import {
	type Contact,
	type Doc,
	type Membership,
	type Person,
	SCHEMA_VERSION,
	type Structure,
} from '../schemas';
import { fold } from './fold';
import type { RowData, StructureFields } from './row';

/** The directory as it stands, indexed the way the import looks things up. */
export class Directory {
	readonly structures: Structure[] = [];
	readonly byId = new Map<string, Doc>();
	#people = new Map<string, Person>();

	constructor(docs: Iterable<Doc>) {
		for (const doc of docs) {
			this.byId.set(doc._id, doc);
			if (doc.type === 'structure') this.structures.push(doc);
			if (doc.type === 'person') this.#people.set(`${doc.structure}|${fold(doc.name)}`, doc);
		}
	}

	personNamed(structureId: string, name: string): Person | undefined {
		return this.#people.get(`${structureId}|${fold(name)}`);
	}
}

const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);
const REQUIRED: [keyof StructureFields, string][] = [
	['name', 'nom manquant'],
	['commune', 'commune manquante'],
	['legalForm', 'forme juridique manquante'],
	['sectors', 'secteur manquant'],
	['employees', 'effectif manquant'],
];

export function structureDoc(
	id: string,
	fields: StructureFields,
	before: Structure | undefined,
	now: string,
): Structure | { reason: string } {
	const given = { ...fields };
	// "LA PIOCHE" in a spreadsheet is still "La Pioche": keep the stored spelling.
	if (before && given.name && fold(given.name) === fold(before.name)) delete given.name;
	if (before) return { ...before, ...given };
	const missing = REQUIRED.find(([key]) => given[key] === undefined);
	if (missing) return { reason: missing[1] };
	const texts = { pitch: '', description: '', missions: '', offers: '', needs: '', address: '' };
	return {
		...texts,
		...(given as Required<Pick<StructureFields, (typeof REQUIRED)[number][0]>> & StructureFields),
		_id: id,
		type: 'structure',
		schema: SCHEMA_VERSION,
		owner: id,
		audience: 'public',
		createdAt: now,
		updatedAt: now,
	};
}

export function membershipDoc(
	structureId: string,
	given: RowData['membership'],
	before: Membership | undefined,
	now: string,
): Membership | undefined {
	if (given.status === undefined && given.since === undefined) return undefined;
	if (before) return { ...before, ...given };
	return {
		_id: docId('membership', keyOf(structureId)),
		type: 'membership',
		schema: SCHEMA_VERSION,
		owner: structureId,
		audience: 'public',
		createdAt: now,
		updatedAt: now,
		structure: structureId,
		status: given.status ?? 'active',
		...(given.since ? { since: given.since } : {}),
	};
}

/** The person of a row (matched by name within the structure) and, apart, its contact details. */
export function personDocs(
	structureId: string,
	given: NonNullable<RowData['person']>,
	directory: Directory,
	now: string,
): (Person | Contact)[] {
	const stored = directory.personNamed(structureId, given.name);
	const id = stored?._id ?? docId('person', `${keyOf(structureId)}--${slugify(given.name)}`);
	const base = { schema: SCHEMA_VERSION, owner: structureId, createdAt: now, updatedAt: now } as const;
	const person: Person = stored
		? { ...stored, ...(given.role !== undefined ? { role: given.role } : {}) }
		: {
				...base,
				_id: id,
				type: 'person',
				audience: 'public',
				structure: structureId,
				name: given.name,
				role: given.role ?? '',
			};
	if (given.email === undefined && given.phone === undefined) return [person];
	const contactId = docId('contact', keyOf(id));
	const details = {
		...(given.email !== undefined ? { email: given.email } : {}),
		...(given.phone !== undefined ? { phone: given.phone } : {}),
	};
	const before = directory.byId.get(contactId) as Contact | undefined;
	const contact: Contact = before
		? { ...before, ...details }
		: { ...base, _id: contactId, type: 'contact', audience: 'members', person: id, ...details };
	return [person, contact];
}
