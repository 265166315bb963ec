// The alerts of a structure: its saved searches and the new listings on the device that match them,
// as a live query (a listing arriving by sync shows at once). Matching runs the search engine over
// the listings created since the oldest saved search: a few, even for a region.
import { Dexie, liveQuery, type Observable } from 'dexie';
import type { Listing, SavedSearch } from '../domain';
import type { SavedSearchMatches } from '../domain/saved-search-matches';
import { tables } from '../local/db';

export interface Alerts {
	searches: SavedSearch[];
	matches: SavedSearchMatches[];
	/** The listings the matches name, for their cards. */
	listings: Map<string, Listing>;
}

export const NO_ALERTS: Alerts = { searches: [], matches: [], listings: new Map() };

const byName = (a: SavedSearch, b: SavedSearch) => a.name.localeCompare(b.name, 'fr');

export function alertsOf(structureId: string): Observable<Alerts> {
	return liveQuery(async () => {
		if (!structureId) return NO_ALERTS;
		// Staff read every structure's saved searches: a structure's alerts are its own searches only.
		const searches = (await tables.savedsearches.where('owner').equals(structureId).toArray()).sort(byName);
		if (searches.length === 0) return { ...NO_ALERTS, searches };
		const since = searches.map((s) => s.createdAt).sort()[0];
		// A listing created after `since` was updated after it too: the index narrows the read.
		const recent = await tables.listings.where('updatedAt').above(since).toArray();
		// The engine loads only for structures with saved searches (every page carries this query);
		// waitFor keeps the live query's watch through a promise that is not Dexie's.
		const { matchNewListings } = await Dexie.waitFor(import('../domain/saved-search-matches'));
		const matches = matchNewListings(searches, recent);
		const named = new Set(matches.flatMap((m) => m.hits.map((h) => h.id)));
		return {
			searches,
			matches,
			listings: new Map(recent.filter((l) => named.has(l._id)).map((l) => [l._id, l])),
		};
	});
}

/** The key of one alert: a listing found by one saved search. */
export const alertKey = (searchId: string, listingId: string) => `${searchId}|${listingId}`;
