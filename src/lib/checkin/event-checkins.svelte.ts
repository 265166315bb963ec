// An event and its check-ins, live from the device's tables: where the door desk and the
// speed-dating runner both start (the runner seats the people checked in at the door).
import type { Checkin, ElbEvent } from '../domain';
import { eventById } from '../events/agenda';
import type { Row } from '../local/db';
import { Live } from '../ui/live.svelte';
import { checkinsOf } from './queries';

export class EventCheckins {
	readonly event: Live<Row<ElbEvent> | undefined>;
	readonly checkins: Live<Row<Checkin>[]>;

	/** Create it while a component initialises: its live queries follow `eventId` in effects. */
	constructor(readonly eventId: () => string) {
		this.event = new Live(() => eventById(eventId()), undefined);
		this.checkins = new Live(() => checkinsOf(eventId()), []);
	}
}
