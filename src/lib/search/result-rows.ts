// The documents behind a page of search hits, in the hits' order: listings with their owner's name,
// structures with their membership, read from the device's tables for the cards.
import type { StructureRow } from '../directory/queries';
import { docId, keyOf, type Membership } from '../domain';
import type { SearchHit } from '../domain/search';
import type { ListingRow } from '../listings/queries';
import { tables } from '../local/db';

export type ResultRow =
	| { type: 'listing'; id: string; listing: ListingRow; ownerName: string | null }
	| { type: 'structure'; id: string; structure: StructureRow; membership: Membership['status'] | null };

export async function resultRows(hits: readonly SearchHit[]): Promise<ResultRow[]> {
	const listingIds = hits.filter((h) => h.type === 'listing').map((h) => h.id);
	const structureIds = hits.filter((h) => h.type === 'structure').map((h) => h.id);
	const listings = (await tables.listings.bulkGet(listingIds)).filter((l) => !!l);
	const [owners, structures, memberships] = await Promise.all([
		tables.structures.bulkGet(listings.map((l) => l.owner)),
		tables.structures.bulkGet(structureIds),
		tables.memberships.bulkGet(structureIds.map((id) => docId('membership', keyOf(id)))),
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
