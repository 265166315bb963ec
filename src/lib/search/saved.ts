// A structure's saved searches, written on the device (offline too) and synced later: saving the
// search shown under a name, turning its e-mail digest on or off, deleting it.
import { newSavedSearch, type SavedSearch } from '../domain';
import type { SearchFilters } from '../domain/search';
import { removeDoc, saveDoc } from '../sync/docs';
import { compact } from './params';

export interface SearchToSave {
	owner: string;
	name: string;
	q: string;
	filters: SearchFilters;
	digest: boolean;
}

export function saveSearch({ owner, name, q, filters, digest }: SearchToSave): Promise<SavedSearch> {
	return saveDoc({ ...newSavedSearch(owner, name, q, compact(filters)), digest });
}

export function toggleDigest(search: SavedSearch): Promise<SavedSearch> {
	return saveDoc({ ...search, digest: !search.digest });
}

export function removeSearch(search: SavedSearch): Promise<void> {
	return removeDoc(search);
}
