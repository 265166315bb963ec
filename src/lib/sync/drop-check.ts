// When the device checks what to drop: after the pull has caught up, once per sync session and then
// at most every few minutes (a journal check is one small request). Documents readable again after a drop need a
// rebuilt replica: the app does it through `onBack`, since it must stop sync and the indexer first.

import { checkDrops } from './drops';
import { outbox } from './outbox';
import type { Replica } from './replica';

/** Between two drop checks of one session: a document leaving the audience reaches a device that stays open within this. */
const INTERVAL_MS = 5 * 60_000;

class DropCheck {
	/** Called with the ids readable again; the app rebuilds the replica. */
	onBack: (ids: string[]) => Promise<void> = async () => {};
	#last = 0;
	#running: Promise<void> | null = null;

	/** A new sync session checks at its first catch-up. */
	reset(): void {
		this.#last = 0;
	}

	caughtUp(db: Replica, url: string): void {
		if (this.#running || Date.now() - this.#last < INTERVAL_MS) return;
		this.#running = this.#run(db, url).finally(() => {
			this.#running = null;
		});
	}

	async #run(db: Replica, url: string): Promise<void> {
		try {
			// Ids written here may not be on the server yet: they are never the server's to drop.
			const { back } = await checkDrops(db, {
				url,
				init: { credentials: 'same-origin' },
				keep: (id) => outbox.has(id),
			});
			this.#last = Date.now();
			if (back.length > 0) await this.onBack(back);
		} catch (err) {
			// Offline or server trouble: the next catch-up tries again.
			console.warn('drop check', err);
		}
	}
}

export const dropCheck = new DropCheck();
