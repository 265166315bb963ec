// Live queries of the agenda: events on this device with their host's name, upcoming ones first,
// one event, and the events a structure hosts. Events are few (hundreds), so they are read whole.
import { liveQuery, type Observable } from 'dexie';
import type { ElbEvent } from '../domain';
import { type Row, tables } from '../local/db';

export type EventRow = Row<ElbEvent>;

export interface AgendaFilters {
	kind?: string;
	department?: string;
}

export interface EventSummary {
	event: EventRow;
	hostName: string | null;
}

export interface Agenda {
	/** Upcoming and running events, soonest first. */
	upcoming: EventSummary[];
	/** Finished events, latest first. */
	past: EventSummary[];
	/** Events on the device whatever the filters: none means the agenda has not arrived yet. */
	stored: number;
	filtered: boolean;
}

export const EMPTY_AGENDA: Agenda = { upcoming: [], past: [], stored: 0, filtered: false };

/** An event is upcoming until it ends, so one running right now stays at the top. */
const isUpcoming = (e: EventRow, now: string) => e.end >= now;

async function withHosts(events: EventRow[]): Promise<EventSummary[]> {
	const hosts = await tables.structures.bulkGet(events.map((e) => e.host ?? ''));
	return events.map((event, i) => ({ event, hostName: hosts[i]?.name ?? null }));
}

export function agenda(filters: AgendaFilters): Observable<Agenda> {
	const { kind, department } = filters;
	return liveQuery(async () => {
		const now = new Date().toISOString();
		const [stored, all] = await Promise.all([
			tables.events.count(),
			tables.events.orderBy('start').toArray(),
		]);
		const matching = all.filter(
			(e) => (!kind || e.kind === kind) && (!department || e.commune.startsWith(department)),
		);
		const [upcoming, past] = await Promise.all([
			withHosts(matching.filter((e) => isUpcoming(e, now))),
			withHosts(matching.filter((e) => !isUpcoming(e, now)).reverse()),
		]);
		return { upcoming, past, stored, filtered: !!(kind || department) };
	});
}

export function eventById(id: string): Observable<EventRow | undefined> {
	return liveQuery(() => tables.events.get(id));
}

export function eventWithHost(id: string): Observable<EventSummary | undefined> {
	return liveQuery(async () => {
		const event = await tables.events.get(id);
		return event ? (await withHosts([event]))[0] : undefined;
	});
}

export interface Hosted {
	upcoming: EventRow[];
	past: EventRow[];
}

/** The events a structure hosts: coming ones soonest first, past ones latest first. */
export function hostedEvents(structureId: string): Observable<Hosted> {
	return liveQuery(async () => {
		const now = new Date().toISOString();
		const all = await tables.events
			.orderBy('start')
			.filter((e) => e.host === structureId)
			.toArray();
		return {
			upcoming: all.filter((e) => isUpcoming(e, now)),
			past: all.filter((e) => !isUpcoming(e, now)).reverse(),
		};
	});
}
