// Live queries of a structure's favourites: whether a listing is starred, and the starred
// listings with their owners' names (a favourite outlives a listing the device no longer holds).
import { liveQuery, type Observable } from 'dexie';
import { favouriteId, type Listing } from '../domain';
import { type Row, tables } from '../local/db';

export interface FavouriteRow {
	id: string;
	listingId: string;
	/** The listing, or null when this device no longer holds it (withdrawn, hidden, members-only). */
	listing: Row<Listing> | null;
	ownerName: string | null;
}

/** Whether `structure` keeps `listing` among its favourites (the row, with its _rev). */
export function favourite(structure: string, listing: string) {
	return liveQuery(() => tables.favourites.get(favouriteId(structure, listing)));
}

/** The structure's favourites, latest saved first, with their listings. */
export function favouritesOf(structure: string): Observable<FavouriteRow[]> {
	return liveQuery(async () => {
		const prefix = favouriteId(structure, 'listing:');
		const rows = await tables.favourites.where('_id').startsWith(prefix).toArray();
		rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
		const listings = await tables.listings.bulkGet(rows.map((r) => r.listing));
		const owners = await tables.structures.bulkGet(listings.map((l) => l?.owner ?? ''));
		return rows.map((r, i) => ({
			id: r._id,
			listingId: r.listing,
			listing: listings[i] ?? null,
			ownerName: owners[i]?.name ?? null,
		}));
	});
}
