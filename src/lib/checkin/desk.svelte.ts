// The check-in screen's state for one event: the event, its check-ins and counts as live queries
// over the device's tables, the last outcome shown to the host, and the actions of the door.
// Conflicts between phones are merged as soon as this device sees them.
import { liveQuery } from 'dexie';
import { type Checkin, countCheckins, type ElbEvent, type Person, type WalkIn } from '../domain';
import { type Row, tables } from '../local/db';
import { fold } from '../ui/format';
import { Live } from '../ui/live.svelte';
import {
	checkInCode,
	checkInPerson,
	checkInWalkin,
	confirm,
	confirmable as confirmableCheckins,
	mergeDuplicates,
	type Outcome,
	refusedCodes,
} from './door';

const SEARCH_LIMIT = 8;

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

/** People of the directory whose name contains the folded query, first names first. */
export function searchPeople(query: string) {
	const q = fold(query);
	return liveQuery(async (): Promise<Row<Person>[]> => {
		if (q.length < 2) return [];
		return tables.people
			.orderBy('name')
			.filter((p) => fold(p.name).includes(q))
			.limit(SEARCH_LIMIT)
			.toArray();
	});
}

export class Desk {
	readonly event: Live<Row<ElbEvent> | undefined>;
	readonly checkins: Live<Row<Checkin>[]>;
	counts = $derived.by(() => countCheckins(this.checkins.current));
	recent = $derived.by(() => [...this.checkins.current].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 5));
	outcome = $state<Outcome | null>(null);
	refused = $state(0);
	busy = $state(false);

	constructor(readonly eventId: () => string) {
		this.event = new Live(() => {
			const id = eventId();
			return liveQuery(() => tables.events.get(id));
		}, undefined);
		this.checkins = new Live(() => {
			const id = eventId();
			return liveQuery(() => tables.checkins.where('event').equals(id).toArray());
		}, []);
		$effect(() => {
			this.refused = refusedCodes(eventId()).length;
		});
		// Cards of people unknown at the door are confirmed once the directory brings them here.
		const confirmable = new Live(() => {
			const id = eventId();
			return liveQuery(() => confirmableCheckins(id));
		}, []);
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
