// Which new listings match a structure's saved searches: the same engine as any search (words,
// thesaurus, typos, filters, distance), over the new listings only. The device runs it for its alerts,
// the server for the e-mail digest, so both tell of the same listings.
import type { SavedSearch } from './saved-searches';
import type { Listing } from './schemas';
import { SearchEngine, type SearchHit } from './search';

export interface SavedSearchMatches {
	search: SavedSearch;
	/** Best first. */
	hits: SearchHit[];
}

export interface MatchOptions {
	now?: Date;
	/** Only listings created after this (ISO timestamp): the last digest, say. */
	since?: string;
}

/**
 * A listing matches a saved search when it was created after the search was saved (and after
 * `since`), by another structure, is still open, passes every filter and satisfies every word of
 * the query (a listing that shares only some of its words does not). Searches finding none are left out.
 */
export function matchNewListings(
	searches: readonly SavedSearch[],
	listings: readonly Listing[],
	opts: MatchOptions = {},
): SavedSearchMatches[] {
	const since = opts.since ?? '';
	const fresh = listings.filter((l) => l.createdAt > since);
	if (searches.length === 0 || fresh.length === 0) return [];
	const created = new Map(fresh.map((l) => [l._id, l]));
	const engine = new SearchEngine();
	engine.putAll(fresh);
	const found: SavedSearchMatches[] = [];
	for (const search of searches) {
		// A search of structures only is told of no listing.
		if (search.criteria.type === 'structure') continue;
		const eligible = (id: string) => {
			const listing = created.get(id);
			return !!listing && listing.createdAt > search.createdAt && listing.owner !== search.owner;
		};
		const answer = engine.search({
			q: search.q,
			filters: { ...search.criteria, type: 'listing' },
			limit: fresh.length,
			now: opts.now,
			canRead: (entry) => eligible(entry.id),
		});
		const hits = answer.results.filter((hit) => hit.matched >= answer.concepts);
		if (hits.length > 0) found.push({ search, hits });
	}
	return found;
}
