// Attendance as the animator reads it on this device: past events of a period with who registered
// and who came, and each structure's attendance over that period (the domain counts both).
import { liveQuery, type Observable } from 'dexie';
import {
	attendanceByEvent,
	attendanceByStructure,
	type EventAttendance,
	type StructureAttendance,
} from '../domain/attendance';
import { tables } from '../local/db';

export interface Attendance {
	events: EventAttendance[];
	structures: StructureAttendance[];
	/** Structure names by id, for the CSV of events. */
	names: Map<string, string>;
}

export const NO_ATTENDANCE: Attendance = { events: [], structures: [], names: new Map() };

const MONTH_MS = 30.5 * 86_400_000;

/** Events started in the last `months` months (0: since the beginning), cancelled ones left out. */
export function attendance(months: number): Observable<Attendance> {
	return liveQuery(async () => {
		const now = new Date();
		const since = months ? new Date(now.getTime() - months * MONTH_MS).toISOString() : '';
		const events = (await tables.events.orderBy('start').toArray()).filter(
			(e) => e.start <= now.toISOString() && e.start >= since && e.status !== 'cancelled',
		);
		const [checkins, registrations, structures] = await Promise.all([
			tables.checkins.toArray(),
			tables.registrations.toArray(),
			tables.structures.toArray(),
		]);
		const names = new Map(structures.map((s) => [s._id, s.name]));
		return {
			events: attendanceByEvent(events, checkins, registrations),
			structures: attendanceByStructure(events, checkins, names),
			names,
		};
	});
}
