// Live queries of listings: the open ones filtered and paged latest first, one listing with its
// owner's name, a structure's listings. Filtering walks indexes (keys only) so lists stay fast
// with 50,000 listings.
import { liveQuery, type Observable } from 'dexie';
import { isOpen as isOpenOn, type Listing } from '../domain';
import { type Row, tables } from '../local/db';
import { idSet, intersect, type Page } from '../paging';
import { today } from '../ui/format';

export type ListingRow = Row<Listing>;

export interface ListingFilters {
	kind?: string;
	nature?: string;
	sector?: string;
	department?: string;
}

export interface ListingSummary {
	listing: ListingRow;
	ownerName: string | null;
}

async function ownerNames(listings: ListingRow[]): Promise<ListingSummary[]> {
	const owners = await tables.structures.bulkGet(listings.map((l) => l.owner));
	return listings.map((listing, i) => ({ listing, ownerName: owners[i]?.name ?? null }));
}

/** Below this many candidates, reading them whole beats walking the 50,000 keys of an index. */
const SMALL_SET = 2_000;

const isOpen = (l: ListingRow, on: string) => isOpenOn(l, on) && !l.hidden;
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

/** A structure's listings, latest first; `openOnly` keeps those still running. */
export function listingsOf(owner: string, openOnly: boolean): Observable<ListingRow[]> {
	return liveQuery(async () => {
		const rows = await tables.listings.where('owner').equals(owner).reverse().sortBy('updatedAt');
		const now = today();
		return openOnly ? rows.filter((l) => isOpen(l, now)) : rows;
	});
}

export function listing(id: string): Observable<ListingSummary | undefined> {
	return liveQuery(async () => {
		const row = await tables.listings.get(id);
		return row ? (await ownerNames([row]))[0] : undefined;
	});
}

/** How many listings the device holds: zero while online means the first sync is still filling it. */
export function storedListings(): Observable<number> {
	return liveQuery(() => tables.listings.count());
}

/** The commune of a structure (the viewer's, to tell how far listings are), null when unknown. */
export function structureCommune(structureId: string): Observable<string | null> {
	return liveQuery(async () => (await tables.structures.get(structureId))?.commune ?? null);
}
