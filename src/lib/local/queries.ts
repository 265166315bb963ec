// Live queries the pages read: Dexie `liveQuery` over the query tables, re-run when the tables
// change. Filtering walks indexes (keys only) so lists stay fast with 10,000 structures.
import { liveQuery, type Observable } from 'dexie';
import { type Contact, keyOf, type Listing, type Membership, type Person, type Structure } from '../domain';
import { fold, today } from '../ui/format';
import { type Row, tables } from './db';

export type StructureRow = Row<Structure>;
export type ListingRow = Row<Listing>;

export interface StructureFilters {
	sector?: string;
	legalForm?: string;
	department?: string;
	name?: string;
}

export interface ListingFilters {
	kind?: string;
	nature?: string;
	sector?: string;
	department?: string;
}

export interface Page<T> {
	total: number;
	rows: T[];
	/** Whether filters narrowed this result (the count then reads "match your criteria"). */
	filtered: boolean;
}

export const EMPTY_PAGE: Page<never> = { total: 0, rows: [], filtered: false };

export interface StructureSummary {
	structure: StructureRow;
	membership: Membership['status'] | null;
}

export interface ListingSummary {
	listing: ListingRow;
	ownerName: string | null;
}

export interface PersonWithContact {
	person: Person;
	contact: Contact | null;
}

const membershipId = (structureId: string) => `membership:${keyOf(structureId)}`;

/** Intersects id sets; `undefined` means "no constraint". */
function intersect(sets: (Set<string> | undefined)[]): Set<string> | undefined {
	const given = sets.filter((s): s is Set<string> => s !== undefined).sort((a, b) => a.size - b.size);
	if (given.length === 0) return undefined;
	const [smallest, ...rest] = given;
	return new Set([...smallest].filter((id) => rest.every((s) => s.has(id))));
}

async function idSet(keys: Promise<string[]> | undefined): Promise<Set<string> | undefined> {
	return keys ? new Set(await keys) : undefined;
}

async function membershipsOf(ids: string[]): Promise<(Membership['status'] | null)[]> {
	const docs = await tables.memberships.bulkGet(ids.map(membershipId));
	return docs.map((m) => m?.status ?? null);
}

async function ownerNames(listings: ListingRow[]): Promise<ListingSummary[]> {
	const owners = await tables.structures.bulkGet(listings.map((l) => l.owner));
	return listings.map((listing, i) => ({ listing, ownerName: owners[i]?.name ?? null }));
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

/** Below this many candidates, reading them whole beats walking the 50,000 keys of an index. */
const SMALL_SET = 2_000;

const isOpen = (l: ListingRow, on: string) => l.status === 'open' && l.validUntil >= on && !l.hidden;
const latestFirst = (a: ListingRow, b: ListingRow) => (a.updatedAt < b.updatedAt ? 1 : -1);

/** Open listings among a few candidates: read them and sort them here. */
async function openAmong(candidates: Set<string>): Promise<ListingRow[]> {
	const on = today();
	const rows = await tables.listings.bulkGet([...candidates]);
	return rows.filter((l): l is ListingRow => !!l && isOpen(l, on)).sort(latestFirst);
}

/**
 * Ids of listings no longer open: another status, past their end date (few next to the open), or
 * hidden by staff (only its owner's device still holds it).
 */
async function closedIds(): Promise<Set<string>> {
	const l = tables.listings;
	// Two plain key ranges around 'open': Dexie's noneOf() walks a cursor, ~50× slower.
	const [before, after, past, hidden] = await Promise.all([
		l.where('status').below('open').primaryKeys(),
		l.where('status').above('open').primaryKeys(),
		l.where('validUntil').below(today()).primaryKeys(),
		l
			.where('audience')
			.equals('owner')
			.filter((x) => !!x.hidden)
			.primaryKeys(),
	]);
	return new Set([...before, ...after, ...past, ...hidden]);
}

/**
 * Open listings within `allowed` (if given): the count from index keys, the first `limit` by walking
 * the updatedAt index from the latest, which stops as soon as the page is full.
 */
async function openLatest(allowed: Set<string> | undefined, limit: number) {
	const l = tables.listings;
	const closed = await closedIds();
	const keep = (id: string) => !closed.has(id) && (!allowed || allowed.has(id));
	const total = allowed ? [...allowed].filter(keep).length : (await l.count()) - closed.size;
	const rows = await l
		.orderBy('updatedAt')
		.reverse()
		.filter((x) => keep(x._id))
		.limit(limit)
		.toArray();
	return { total, rows };
}

/** Open listings (status open, end date not passed), latest first. */
export function openListings(filters: ListingFilters, limit: number): Observable<Page<ListingSummary>> {
	const { kind, nature, sector, department } = filters;
	const filtered = !!(kind || nature || sector || department);
	return liveQuery(async () => {
		const l = tables.listings;
		const allowed = intersect(
			await Promise.all([
				idSet(kind ? l.where('kind').equals(kind).primaryKeys() : undefined),
				idSet(nature ? l.where('nature').equals(nature).primaryKeys() : undefined),
				idSet(sector ? l.where('sector').equals(sector).primaryKeys() : undefined),
				idSet(department ? l.where('commune').startsWith(department).primaryKeys() : undefined),
			]),
		);
		if (allowed && allowed.size <= SMALL_SET) {
			const open = await openAmong(allowed);
			return { total: open.length, rows: await ownerNames(open.slice(0, limit)), filtered };
		}
		const { total, rows } = await openLatest(allowed, limit);
		return { total, rows: await ownerNames(rows), filtered };
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

/** A structure's listings, latest first; `openOnly` keeps those still running. */
export function listingsOf(owner: string, openOnly: boolean): Observable<ListingRow[]> {
	return liveQuery(async () => {
		const rows = await tables.listings.where('owner').equals(owner).reverse().sortBy('updatedAt');
		const now = today();
		return openOnly ? rows.filter((l) => l.status === 'open' && l.validUntil >= now && !l.hidden) : rows;
	});
}

export function listing(id: string): Observable<ListingSummary | undefined> {
	return liveQuery(async () => {
		const row = await tables.listings.get(id);
		return row ? (await ownerNames([row]))[0] : undefined;
	});
}

/** How many rows a table holds: zero while online means the first sync is still filling it. */
export function storedCount(table: 'structures' | 'listings' | 'events'): Observable<number> {
	return liveQuery(() => tables[table].count());
}
