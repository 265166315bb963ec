// Live queries of the door: an event's check-ins, the cards waiting for their person to reach the
// device, and the directory's people found by name for someone who came without a card.
import { liveQuery, type Observable } from 'dexie';
import type { Checkin, Person } from '../domain';
import { type Row, tables } from '../local/db';
import { fold } from '../ui/format';
import { confirmable } from './door';

const SEARCH_LIMIT = 8;

export function checkinsOf(eventId: string): Observable<Row<Checkin>[]> {
	return liveQuery(() => tables.checkins.where('event').equals(eventId).toArray());
}

/** Unconfirmed check-ins of the event whose person the directory has since brought here. */
export function confirmableOf(eventId: string): Observable<{ checkin: Checkin; person: Person }[]> {
	return liveQuery(() => confirmable(eventId));
}

/** People of the directory whose name contains the folded query, first names first. */
export function searchPeople(query: string): Observable<Row<Person>[]> {
	const q = fold(query);
	return liveQuery(async () => {
		if (q.length < 2) return [];
		return tables.people
			.orderBy('name')
			.filter((p) => fold(p.name).includes(q))
			.limit(SEARCH_LIMIT)
			.toArray();
	});
}
