// The check-in screen's state for one event: the event, its check-ins and counts as live queries
// over the device's tables, the last outcome shown to the host, and the actions of the door.
// Conflicts between phones are merged as soon as this device sees them.
import { countCheckins, type ElbEvent, type Person, type WalkIn } from '../domain';
import { Live } from '../ui/live.svelte';
import {
	checkInCode,
	checkInPerson,
	checkInWalkin,
	confirm,
	mergeDuplicates,
	type Outcome,
	refusedCodes,
} from './door';
import { EventCheckins } from './event-checkins.svelte';
import { confirmableOf } from './queries';

function saveFailure(err: unknown): Outcome {
	const reason = (err as { reason?: unknown })?.reason;
	return {
		kind: 'refused',
		reason:
			typeof reason === 'string'
				? `Pointage impossible : ${reason}.`
				: 'Pointage impossible sur cet appareil : réessayez.',
	};
}

export class Desk extends EventCheckins {
	counts = $derived.by(() => countCheckins(this.checkins.current));
	recent = $derived.by(() => [...this.checkins.current].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 5));
	outcome = $state<Outcome | null>(null);
	refused = $state(0);
	busy = $state(false);

	constructor(eventId: () => string) {
		super(eventId);
		$effect(() => {
			this.refused = refusedCodes(eventId()).length;
		});
		// Cards of people unknown at the door are confirmed once the directory brings them here.
		const confirmable = new Live(() => confirmableOf(eventId()), []);
		$effect(() => {
			for (const pending of confirmable.current)
				confirm(pending).catch((err) => console.error('confirmation', err));
		});
		// Two phones that checked in the same person offline: merge as soon as the conflict shows.
		$effect(() => {
			for (const row of this.checkins.current)
				if (row._conflicts?.length) mergeDuplicates(row._id).catch((err) => console.error('fusion', err));
		});
	}

	async #run(action: (event: ElbEvent) => Promise<Outcome>): Promise<Outcome | null> {
		const event = this.event.current;
		if (!event) return null;
		this.busy = true;
		try {
			this.outcome = await action(event);
		} catch (err) {
			this.outcome = saveFailure(err);
		} finally {
			this.busy = false;
			this.refused = refusedCodes(event._id).length;
		}
		return this.outcome;
	}

	code(code: string) {
		return this.#run((event) => checkInCode(event, code));
	}

	person(person: Person) {
		return this.#run((event) => checkInPerson(event, person, 'search'));
	}

	walkin(who: WalkIn) {
		return this.#run((event) => checkInWalkin(event, who));
	}
}
