// Where the viewer's structure is (its commune), read once for every listing card that tells how
// far a listing is. One subscription for the app, following the signed-in structure.
import type { Subscription } from 'dexie';
import { session } from '../session.svelte';
import { structureCommune } from './queries';

class ViewerPlace {
	#commune = $state<string | null>(null);
	/** Plain field: which structure the subscription follows (set while reading, so not state). */
	#watching: string | null = null;
	#subscription: Subscription | undefined;

	/** The commune of the viewer's structure, or null when signed out or not known yet. */
	get commune(): string | null {
		const structureId = session.user?.structureId ?? '';
		if (structureId !== this.#watching) this.#watch(structureId);
		return structureId ? this.#commune : null;
	}

	#watch(structureId: string) {
		this.#watching = structureId;
		this.#subscription?.unsubscribe();
		this.#subscription = structureId
			? structureCommune(structureId).subscribe({ next: (commune) => (this.#commune = commune) })
			: undefined;
	}
}

export const viewerPlace = new ViewerPlace();
