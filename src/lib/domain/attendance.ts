// Attendance after the events: per event (registered, present, walk-ins, absent) and per structure
// over time (events attended, last one), and both as spreadsheets with French headers.
import Papa from 'papaparse';
import type { Checkin } from './checkin';
import { communeName } from './communes';
import { type ElbEvent, EVENT_KINDS } from './events';
import { doorCounts, placesOf, type Registration, registrationOfCheckin } from './registrations';

export interface EventAttendance {
	event: ElbEvent;
	/** Registrations holding a place when the event took place. */
	registered: number;
	waiting: number;
	/** Everyone checked in at the door, walk-ins included. */
	present: number;
	/** Checked in without a registration (guests registered without an account are registered). */
	walkins: number;
	/** Registered, holding a place, never checked in. */
	absent: number;
}

export interface StructureAttendance {
	/** `structure:…`, or the name a walk-in typed when their structure is not in the directory. */
	key: string;
	name: string;
	inDirectory: boolean;
	events: number;
	people: number;
	lastEvent: ElbEvent;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
	return map;
}

/** One line per event, latest first. */
export function attendanceByEvent(
	events: ElbEvent[],
	checkins: Checkin[],
	registrations: Registration[],
): EventAttendance[] {
	const checkinsOf = groupBy(checkins, (c) => c.event);
	const registrationsOf = groupBy(registrations, (r) => r.event);
	return [...events]
		.sort((a, b) => b.start.localeCompare(a.start))
		.map((event) => {
			const present = checkinsOf.get(event._id) ?? [];
			const registrations = registrationsOf.get(event._id) ?? [];
			const places = placesOf(registrations, event.capacity);
			const came = new Set(present.map(registrationOfCheckin));
			const counts = doorCounts(present, registrations);
			return {
				event,
				registered: places.confirmed.length,
				waiting: places.waiting.length,
				present: counts.checkedIn,
				walkins: counts.walkins,
				absent: places.confirmed.filter((r) => !came.has(r._id)).length,
			};
		});
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** One line per structure that came at least once, the most faithful first. */
export function attendanceByStructure(
	events: ElbEvent[],
	checkins: Checkin[],
	structureNames: Map<string, string>,
): StructureAttendance[] {
	const eventById = new Map(events.map((e) => [e._id, e]));
	const keyOf = (c: Checkin) =>
		c.structure ?? (c.structureName?.trim() ? `walkin:${fold(c.structureName)}` : undefined);
	const lines: StructureAttendance[] = [];
	for (const [key, list] of groupBy(
		checkins.filter((c) => keyOf(c) && eventById.has(c.event)),
		(c) => keyOf(c) ?? '',
	)) {
		const attended = [...new Set(list.map((c) => c.event))].map((id) => eventById.get(id) as ElbEvent);
		const lastEvent = attended.sort((a, b) => b.start.localeCompare(a.start))[0];
		const inDirectory = key.startsWith('structure:');
		lines.push({
			key,
			name: inDirectory ? (structureNames.get(key) ?? key) : (list[0].structureName?.trim() ?? key),
			inDirectory,
			events: attended.length,
			people: new Set(list.map((c) => c.person ?? c._id)).size,
			lastEvent,
		});
	}
	return lines.sort((a, b) => b.events - a.events || a.name.localeCompare(b.name, 'fr'));
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' });
const day = (iso: string) => dateFormat.format(new Date(iso));
/** A cell starting like a formula is read as text by spreadsheets. */
const safe = (cell: string | number) => {
	const text = String(cell);
	return /^[=+\-@]/.test(text) ? `'${text}` : text;
};
const sheet = (rows: (string | number)[][]) =>
	`\uFEFF${Papa.unparse(
		rows.map((r) => r.map(safe)),
		{ delimiter: ';', newline: '\r\n' },
	)}\r\n`;

export const EVENT_ATTENDANCE_HEADERS = [
	'Date',
	'Événement',
	'Type',
	'Commune',
	'Places',
	'Inscrits',
	'En liste d’attente',
	'Présents',
	'Sans inscription',
	'Inscrits absents',
];

export function eventAttendanceCsv(lines: EventAttendance[], hostNames?: Map<string, string>): string {
	const header = hostNames
		? [...EVENT_ATTENDANCE_HEADERS, 'Structure qui accueille']
		: EVENT_ATTENDANCE_HEADERS;
	return sheet([
		header,
		...lines.map((l) => [
			day(l.event.start),
			l.event.title,
			EVENT_KINDS[l.event.kind] ?? l.event.kind,
			communeName(l.event.commune),
			l.event.capacity ?? '',
			l.registered,
			l.waiting,
			l.present,
			l.walkins,
			l.absent,
			...(hostNames ? [l.event.host ? (hostNames.get(l.event.host) ?? '') : ''] : []),
		]),
	]);
}

export const STRUCTURE_ATTENDANCE_HEADERS = [
	'Structure',
	'Dans l’annuaire',
	'Événements suivis',
	'Personnes venues',
	'Dernier événement',
	'Date du dernier événement',
];

export function structureAttendanceCsv(lines: StructureAttendance[]): string {
	return sheet([
		STRUCTURE_ATTENDANCE_HEADERS,
		...lines.map((l) => [
			l.name,
			l.inDirectory ? 'oui' : 'non',
			l.events,
			l.people,
			l.lastEvent.title,
			day(l.lastEvent.start),
		]),
	]);
}
