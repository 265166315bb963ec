// The trombinoscope's query: people of the network with their structure, narrowed by the
// structure's sector and territory (department or intercommunality), in name order.
import { liveQuery, type Observable } from 'dexie';
import { COMMUNES, type Person, type Structure } from '../domain';
import { type Row, tables } from '../local/db';
import type { Page } from '../paging';
import { fold } from '../ui/format';

export interface FaceFilters {
	sector?: string;
	department?: string;
	/** SIREN code of an intercommunality (EPCI). */
	epci?: string;
	name?: string;
}

export interface FaceRow {
	person: Row<Person>;
	structure: Row<Structure> | null;
}

const communesOf = (epci: string) => COMMUNES.filter((c) => c.epci === epci).map((c) => c.insee);

/** Ids of the structures matching the territory and sector, or undefined when none is chosen. */
async function structuresMatching(f: FaceFilters): Promise<Set<string> | undefined> {
	const s = tables.structures;
	const sets: Set<string>[] = [];
	if (f.sector) sets.push(new Set(await s.where('sectors').equals(f.sector).primaryKeys()));
	if (f.epci) sets.push(new Set(await s.where('commune').anyOf(communesOf(f.epci)).primaryKeys()));
	else if (f.department) sets.push(new Set(await s.where('commune').startsWith(f.department).primaryKeys()));
	if (sets.length === 0) return undefined;
	const [first, ...rest] = sets.sort((a, b) => a.size - b.size);
	return new Set([...first].filter((id) => rest.every((set) => set.has(id))));
}

/** People in name order: the first `limit` of those matching, and how many match in all. */
export function faces(filters: FaceFilters, limit: number): Observable<Page<FaceRow>> {
	const name = fold(filters.name ?? '');
	const filtered = !!(filters.sector || filters.department || filters.epci || name);
	return liveQuery(async () => {
		const allowed = await structuresMatching(filters);
		let people: Row<Person>[];
		if (allowed)
			people = await tables.people
				.where('owner')
				.anyOf([...allowed])
				.toArray();
		else people = name ? await tables.people.toArray() : [];
		if (name) people = people.filter((p) => fold(p.name).includes(name));
		let total = people.length;
		let shown: Row<Person>[];
		if (allowed || name) {
			people.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
			shown = people.slice(0, limit);
		} else {
			total = await tables.people.count();
			shown = await tables.people.orderBy('name').limit(limit).toArray();
		}
		const structures = await tables.structures.bulkGet(shown.map((p) => p.owner));
		const rows = shown.map((person, i) => ({ person, structure: structures[i] ?? null }));
		return { total, rows, filtered };
	});
}
