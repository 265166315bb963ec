// The competing versions of one listing, loaded when the query tables flag a conflict, and the
// member's choice of the one to keep (the others become deleted branches, synced everywhere).
import type { Listing } from '../domain';
import { type Conflict, conflictsOf, resolveConflict } from '../sync/docs';
import { saveFailure } from '../ui/errors';

export class ListingConflict {
	versions: Conflict<Listing> | null = $state(null);
	failure: string | null = $state(null);
	resolving = $state(false);
	resolved = $state(false);

	constructor(readonly id: string) {}

	async load(): Promise<void> {
		try {
			this.versions = await conflictsOf<Listing>(this.id);
		} catch (err) {
			this.failure = saveFailure(err);
		}
	}

	async keep(rev: string): Promise<void> {
		if (this.resolving) return;
		this.resolving = true;
		this.failure = null;
		try {
			await resolveConflict<Listing>(this.id, rev);
			this.resolved = true;
			this.versions = null;
		} catch (err) {
			this.failure = saveFailure(err);
		} finally {
			this.resolving = false;
		}
	}
}
