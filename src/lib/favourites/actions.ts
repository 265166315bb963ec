// Starring a listing for a structure, on the device (saved to the replica at once, pushed later).
import { favouriteId, newFavourite } from '../domain';
import { getDoc, removeDoc, saveDoc } from '../sync/docs';

/** Stars the listing for the structure, or unstars it; resolves with whether it is starred now. */
export async function toggleFavourite(structure: string, listing: string): Promise<boolean> {
	const current = await getDoc(favouriteId(structure, listing));
	if (current) {
		await removeDoc(current);
		return false;
	}
	await saveDoc(newFavourite(structure, listing));
	return true;
}
