// Which alerts this device has shown (per device: another phone of the same structure shows them
// as new again). Kept in localStorage per structure; only alerts still current are remembered.

import type { Alerts } from './alerts';
import { alertKey } from './alerts';

const storageKey = (structureId: string) => `elbasar-alerts-seen:${structureId}`;

class SeenAlerts {
	#structureId = '';
	keys: Set<string> = $state(new Set());

	/** Loads the seen alerts of this structure (call when the account changes). */
	use(structureId: string): void {
		if (structureId === this.#structureId) return;
		this.#structureId = structureId;
		let stored: string[] = [];
		try {
			stored = JSON.parse(localStorage.getItem(storageKey(structureId)) ?? '[]');
		} catch {
			stored = [];
		}
		this.keys = new Set(Array.isArray(stored) ? stored : []);
	}

	unseen(alerts: Alerts): number {
		let count = 0;
		for (const { search, hits } of alerts.matches)
			for (const hit of hits) if (!this.keys.has(alertKey(search._id, hit.id))) count++;
		return count;
	}

	/** Marks every current alert seen, and forgets alerts that no longer are. */
	markAll(alerts: Alerts): void {
		if (!this.#structureId) return;
		const current = alerts.matches.flatMap(({ search, hits }) => hits.map((h) => alertKey(search._id, h.id)));
		this.keys = new Set(current);
		localStorage.setItem(storageKey(this.#structureId), JSON.stringify(current));
	}
}

export const seenAlerts = new SeenAlerts();
