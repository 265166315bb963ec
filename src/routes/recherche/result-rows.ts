// The documents behind a page of search hits, in the hits' order: listings with their owner's name,
// structures with their membership, read from the device's tables for the cards.

import type { StructureRow } from '$lib/directory/queries';
import type { Membership } from '$lib/domain';
import type { SearchHit } from '$lib/domain/search';
import type { ListingRow } from '$lib/listings/queries';
import { tables } from '$lib/local/db';

export type ResultRow =
	| { type: 'listing'; id: string; listing: ListingRow; ownerName: string | null }
	| { type: 'structure'; id: string; structure: StructureRow; membership: Membership['status'] | null };

const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);

export async function resultRows(hits: readonly SearchHit[]): Promise<ResultRow[]> {
	const listingIds = hits.filter((h) => h.type === 'listing').map((h) => h.id);
	const structureIds = hits.filter((h) => h.type === 'structure').map((h) => h.id);
	const listings = (await tables.listings.bulkGet(listingIds)).filter((l) => !!l);
	const [owners, structures, memberships] = await Promise.all([
		tables.structures.bulkGet(listings.map((l) => l.owner)),
		tables.structures.bulkGet(structureIds),
		tables.memberships.bulkGet(structureIds.map((id) => `membership:${keyOf(id)}`)),
	]);
	const rows = new Map<string, ResultRow>();
	listings.forEach((listing, i) => {
		rows.set(listing._id, { type: 'listing', id: listing._id, listing, ownerName: owners[i]?.name ?? null });
	});
	structures.forEach((structure, i) => {
		if (structure)
			rows.set(structure._id, {
				type: 'structure',
				id: structure._id,
				structure,
				membership: memberships[i]?.status ?? null,
			});
	});
	return hits.flatMap((hit) => rows.get(hit.id) ?? []);
}
