// The check-in screen's state for one event: the event, its check-ins, registrations and counts as
// live queries over the device's tables, the last outcome shown to the host, and the actions of the
// door. Conflicts between phones are merged as soon as this device sees them.
import {
	doorCounts,
	type ElbEvent,
	notArrived,
	type Person,
	placesOf,
	type Registration,
	registrationOfCheckin,
	type WalkIn,
} from '../domain';
import { registrationsOf } from '../events/queries';
import { m } from '../i18n';
import { Live } from '../ui/live.svelte';
import {
	checkInCode,
	checkInGuest,
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
		reason: typeof reason === 'string' ? m.door_save_refused({ reason }) : m.door_save_failed(),
	};
}

export class Desk extends EventCheckins {
	readonly registrations: Live<Registration[]>;
	/** Who holds a place and who waits, as the event page computes it. */
	places = $derived.by(() => placesOf(this.registrations.current, this.event.current?.capacity));
	counts = $derived.by(() => doorCounts(this.checkins.current, this.registrations.current));
	/** Registered people (places first, then the waiting list) not checked in yet. */
	expected = $derived.by(() =>
		notArrived(this.checkins.current, this.registrations.current, this.event.current?.capacity),
	);
	/** Registrations already honoured at the door, and people of the directory already checked in. */
	arrived = $derived.by(
		() =>
			new Set([
				...this.checkins.current.map(registrationOfCheckin),
				...this.checkins.current.flatMap((c) => (c.person ? [c.person] : [])),
			]),
	);
	recent = $derived.by(() => [...this.checkins.current].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 5));
	outcome = $state<Outcome | null>(null);
	refused = $state(0);
	busy = $state(false);

	constructor(eventId: () => string) {
		super(eventId);
		this.registrations = new Live(() => registrationsOf(eventId()), []);
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

	/** A registration found in the list or by name: the member's person, or the guest's registration. */
	registered(r: Registration) {
		if (r.person)
			return this.person({ _id: r.person, structure: r.structure ?? r.owner, name: r.name } as Person);
		return this.#run((event) => checkInGuest(event, r));
	}

	walkin(who: WalkIn) {
		return this.#run((event) => checkInWalkin(event, who));
	}
}
