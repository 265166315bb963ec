// Favourites: a structure keeps listings it wants to find again. One document per structure and
// listing, so starring twice (two phones, offline) writes the same document; only that structure reads it.
import * as v from 'valibot';
import type { Decision, Scoped } from './access-types';
import { base, structureId } from './fields';
import { keyOf } from './ids';

/** `favourite:<structureKey>~<listingKey>`. */
export const FavouriteSchema = v.looseObject({
	...base,
	type: v.literal('favourite'),
	owner: structureId,
	audience: v.literal('owner'),
	listing: v.pipe(v.string(), v.startsWith('listing:')),
});

export type Favourite = v.InferOutput<typeof FavouriteSchema>;

export function favouriteId(structure: string, listing: string): string {
	return `favourite:${keyOf(structure)}~${keyOf(listing)}`;
}

/** A favourite of `structure` for `listing`, ready for `saveDoc` (which fills the timestamps). */
export function newFavourite(structure: string, listing: string, now = new Date()): Favourite {
	const at = now.toISOString();
	return {
		_id: favouriteId(structure, listing),
		type: 'favourite',
		schema: 1,
		owner: structure,
		audience: 'owner',
		listing,
		createdAt: at,
		updatedAt: at,
	};
}

/** The id must name the structure and the listing the document holds (no one else's favourites). */
export function checkFavourite(after: Scoped & { listing?: unknown }): Decision {
	if (
		typeof after.listing !== 'string' ||
		!after.owner ||
		after._id !== favouriteId(after.owner, after.listing)
	)
		return { ok: false, reason: 'identifiant de favori invalide' };
	return { ok: true };
}
