// iCalendar files of the agenda: one event, or the feed a calendar app subscribes to. Times are
// written in UTC (the app shows them in Paris time); the UID is the event id, stable across edits.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { communeName, type ElbEvent, EVENT_KINDS } from '../../src/lib/domain';

const DOMAIN = 'elbasar.example.org';
const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);

export interface IcsOptions {
	/** The site's origin, for the links back to each event page. */
	origin: string;
	/** Host structures' names by id, for the location and description. */
	hostNames: Map<string, string>;
	name?: string;
}

export function eventUrl(origin: string, event: { _id: string }): string {
	return `${origin}/agenda/${encodeURIComponent(keyOf(event._id))}`;
}

function location(event: ElbEvent, hostName: string | undefined): string {
	const place = [event.address, communeName(event.commune)].filter(Boolean).join(', ');
	return hostName ? `${hostName}, ${place}` : place;
}

function description(event: ElbEvent, hostName: string | undefined, url: string): string {
	const kind = EVENT_KINDS[event.kind] ?? event.kind;
	const lines = [kind + (hostName ? ` accueilli par ${hostName}` : ''), '', event.description, '', url];
	if (event.audience === 'members') lines.unshift('Réservé aux adhérents du réseau.');
	return lines
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export function buildCalendar(events: ElbEvent[], opts: IcsOptions): string {
	const calendar = ical({
		name: opts.name ?? 'Agenda elBasar',
		prodId: { company: 'elBasar', product: 'agenda', language: 'FR' },
		method: ICalCalendarMethod.PUBLISH,
		ttl: 60 * 60,
	});
	for (const event of events) {
		const url = eventUrl(opts.origin, event);
		const hostName = event.host ? opts.hostNames.get(event.host) : undefined;
		const cancelled = event.status === 'cancelled';
		calendar.createEvent({
			id: `${keyOf(event._id)}@${DOMAIN}`,
			stamp: new Date(event.updatedAt),
			created: new Date(event.createdAt),
			lastModified: new Date(event.updatedAt),
			// Calendar apps keep the copy with the higher sequence: each edit moves it on.
			sequence: Math.floor(new Date(event.updatedAt).getTime() / 1000) - 1_700_000_000,
			start: new Date(event.start),
			end: new Date(event.end),
			summary: cancelled ? `Annulé : ${event.title}` : event.title,
			location: location(event, hostName),
			description: description(event, hostName, url),
			url,
			status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		});
	}
	return calendar.toString();
}
