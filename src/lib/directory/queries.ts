// Live queries of the directory: structures filtered and paged in name order, one structure, its
// membership and its people, structures by name. Filtering walks indexes (keys only) so lists stay
// fast with 10,000 structures.
import { liveQuery, type Observable } from 'dexie';
import { type Contact, keyOf, type Membership, type Person, type Structure } from '../domain';
import { type Row, tables } from '../local/db';
import { idSet, intersect, type Page } from '../paging';
import { fold } from '../ui/format';

export type StructureRow = Row<Structure>;

export interface StructureFilters {
	sector?: string;
	legalForm?: string;
	department?: string;
	name?: string;
}

export interface StructureSummary {
	structure: StructureRow;
	membership: Membership['status'] | null;
}

export interface PersonWithContact {
	person: Person;
	contact: Contact | null;
}

export interface StructureChoice {
	id: string;
	name: string;
}

export const membershipId = (structureId: string) => `membership:${keyOf(structureId)}`;

async function membershipsOf(ids: string[]): Promise<(Membership['status'] | null)[]> {
	const docs = await tables.memberships.bulkGet(ids.map(membershipId));
	return docs.map((m) => m?.status ?? null);
}

/**
 * Structure ids in name order, kept when `allowed` (if given) has them and their name contains
 * `name` (folded). Index keys are read only when a name is typed: a key cursor costs ~5× getAllKeys.
 */
async function namesInOrder(name: string, allowed: Set<string> | undefined): Promise<string[]> {
	const byName = tables.structures.orderBy('name');
	if (!name) {
		const ids = await byName.primaryKeys();
		return allowed ? ids.filter((id) => allowed.has(id)) : ids;
	}
	const [names, ids] = await Promise.all([byName.keys(), byName.primaryKeys()]);
	return ids.filter((id, i) => (!allowed || allowed.has(id)) && fold(String(names[i])).includes(name));
}

/** The directory, in name order: the first `limit` matches and how many match in all. */
export function directory(filters: StructureFilters, limit: number): Observable<Page<StructureSummary>> {
	const { sector, legalForm, department } = filters;
	const name = fold(filters.name ?? '');
	return liveQuery(async () => {
		const s = tables.structures;
		const allowed = intersect(
			await Promise.all([
				idSet(sector ? s.where('sectors').equals(sector).primaryKeys() : undefined),
				idSet(legalForm ? s.where('legalForm').equals(legalForm).primaryKeys() : undefined),
				idSet(department ? s.where('commune').startsWith(department).primaryKeys() : undefined),
			]),
		);
		const matches = await namesInOrder(name, allowed);
		const shown = matches.slice(0, limit);
		const [structures, statuses] = await Promise.all([s.bulkGet(shown), membershipsOf(shown)]);
		const rows = structures.flatMap((structure, i) =>
			structure ? [{ structure, membership: statuses[i] }] : [],
		);
		return { total: matches.length, rows, filtered: !!(sector || legalForm || department || name) };
	});
}

export function structure(id: string): Observable<StructureRow | undefined> {
	return liveQuery(() => tables.structures.get(id));
}

export function membership(structureId: string): Observable<Membership['status'] | null> {
	return liveQuery(async () => (await tables.memberships.get(membershipId(structureId)))?.status ?? null);
}

/** The people of a structure with their contact details when this device holds them (members only). */
export function peopleOf(structureId: string): Observable<PersonWithContact[]> {
	return liveQuery(async () => {
		const [people, contacts] = await Promise.all([
			tables.people.where('owner').equals(structureId).sortBy('name'),
			tables.contacts.where('owner').equals(structureId).toArray(),
		]);
		const byPerson = new Map(contacts.map((c) => [c.person, c]));
		return people.map((person) => ({ person, contact: byPerson.get(person._id) ?? null }));
	});
}

/** Up to `limit` structures of the directory whose name contains `query` (accents and case folded). */
export function structuresNamed(query: string, limit = 8): Observable<StructureChoice[]> {
	const wanted = fold(query.trim());
	return liveQuery(async () => {
		if (wanted.length < 2) return [];
		const rows = await tables.structures
			.orderBy('name')
			.filter((s) => fold(s.name).includes(wanted))
			.limit(limit)
			.toArray();
		return rows.map((s) => ({ id: s._id, name: s.name }));
	});
}

/** A structure's name, or null when there is no id or this device does not hold it. */
export async function nameOf(id: string | undefined): Promise<string | null> {
	return id ? ((await tables.structures.get(id))?.name ?? null) : null;
}

/** A structure's name, live (the one a listing was concluded with, for instance). */
export function structureName(id: string | undefined): Observable<string | null> {
	return liveQuery(() => nameOf(id));
}
