// How many alerts of the signed-in structure this device has not shown yet: the badge of the
// "Mes recherches" link. Create it during component initialisation (it uses effects).
import { Live } from '../ui/live.svelte';
import { type Alerts, alertsOf, NO_ALERTS } from './alerts';
import { seenAlerts } from './seen.svelte';

export class AlertCount {
	#alerts: Live<Alerts>;

	constructor(structureId: () => string) {
		this.#alerts = new Live(() => alertsOf(structureId()), NO_ALERTS);
		$effect(() => {
			seenAlerts.use(structureId());
		});
	}

	get current(): number {
		return seenAlerts.unseen(this.#alerts.current);
	}
}
