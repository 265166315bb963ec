// Live queries of what came of the speed-datings: a structure's meetings with the answers, the
// animator's matchmaking queue, the session of an event and the speed-dating events themselves,
// and the structures a walk-in may belong to.
import { liveQuery, type Observable } from 'dexie';
import {
	type Followup,
	keyOf,
	type MeetingOutcome,
	matchmakingQueue,
	outcomesOf,
	type SdSession,
	sessionId,
} from '../domain';
import type { EventRow } from '../events/agenda';
import { type Row, tables } from '../local/db';
import { type Seat, structuresNamed } from './seats';

/** Meetings of one structure, latest first, with both sides' answers. */
export function meetingsOf(structureId: string): Observable<MeetingOutcome[]> {
	return liveQuery(async () => {
		if (!structureId) return [];
		const [meetings, followups] = await Promise.all([
			tables.meetings.where('participants').equals(structureId).toArray(),
			tables.followups.where('participants').equals(structureId).toArray(),
		]);
		meetings.sort((a, b) => b.at.localeCompare(a.at));
		return outcomesOf(meetings, followups);
	});
}

/** This structure's own answers as rows (with their conflicts, to settle them). */
export function myAnswers(structureId: string): Observable<Row<Followup>[]> {
	return liveQuery(() =>
		tables.followups
			.where('participants')
			.equals(structureId)
			.filter((f) => f.owner === structureId)
			.toArray(),
	);
}

/** Both sides' answers to every meeting of one event (their ids start with the event's key). */
export function answersOfEvent(eventId: string): Observable<Row<Followup>[]> {
	const prefix = `meeting:${keyOf(eventId)}~`;
	return liveQuery(() => tables.followups.where('meeting').startsWith(prefix).toArray());
}

/** Every mutual "wanted" the device knows of (the animator's device knows them all). */
export function queue(): Observable<MeetingOutcome[]> {
	return liveQuery(async () => {
		const [meetings, followups] = await Promise.all([tables.meetings.toArray(), tables.followups.toArray()]);
		return matchmakingQueue(meetings, followups);
	});
}

export function sessionOf(eventId: string): Observable<Row<SdSession> | undefined> {
	return liveQuery(() => tables.sdsessions.get(sessionId(eventId)));
}

/** Speed-dating events, soonest first, with their session if one was opened. */
export function speedDatings(): Observable<{ event: EventRow; session: Row<SdSession> | undefined }[]> {
	return liveQuery(async () => {
		const events = await tables.events.where('kind').equals('speed-dating').sortBy('start');
		const sessions = await tables.sdsessions.bulkGet(events.map((e) => sessionId(e._id)));
		return events.map((event, i) => ({ event, session: sessions[i] }));
	});
}

/** Directory structures a walk-in's typed name may be, to seat them under their structure. */
export function walkinMatches(text: string): Observable<Seat[]> {
	return liveQuery(() => structuresNamed(text));
}
