// The agenda as iCalendar, parsed back with ical.js: one event's file, the feed for a visitor, for a
// signed-in member and through a personal subscription token, cancelled events marked as such.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { ALL_FIXTURE_DOCS, call, event, PEOPLE, useTestServer } from './helpers';

const hosted = event('apero-pioche', {
	title: 'Apéro chez La Pioche ; vin, jus, et « bonne humeur »',
	description: `Première ligne\nDeuxième ligne, avec une virgule ; et un point-virgule. ${'Long texte. '.repeat(20)}`,
	host: 'structure:la-pioche',
	start: '2026-12-10T17:00:00.000Z',
	end: '2026-12-10T19:30:00.000Z',
});
const reserved = event('reserve', { audience: 'members', title: 'Réunion des adhérents' });
const cancelled = event('annule', { title: 'Petit-déjeuner', status: 'cancelled' });

const server = useTestServer({ docs: [...ALL_FIXTURE_DOCS, hosted, reserved, cancelled] });

function events(text: string): Map<string, ICAL.Component> {
	const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
	expect(calendar.name).toBe('vcalendar');
	expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
	return new Map(
		calendar.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e]),
	);
}

describe('.ics of one event', () => {
	it('carries every field a calendar needs, escaped and folded', async () => {
		const res = await fetch(`${server.url}/api/events/apero-pioche.ics`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
		expect(res.headers.get('content-disposition')).toContain('.ics');
		const text = await res.text();
		expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
		const found = events(text);
		expect([...found.keys()]).toEqual(['apero-pioche@elbasar.example.org']);
		const vevent = found.get('apero-pioche@elbasar.example.org') as ICAL.Component;
		const event = new ICAL.Event(vevent);
		expect(event.summary).toBe(hosted.title);
		expect(event.startDate.toJSDate().toISOString()).toBe(hosted.start);
		expect(event.endDate.toJSDate().toISOString()).toBe(hosted.end);
		expect(event.startDate.zone?.tzid).toBe('UTC');
		expect(event.location).toBe('La Pioche, 12 rue des Postes, Lille');
		expect(event.description).toContain(
			'Première ligne\nDeuxième ligne, avec une virgule ; et un point-virgule.',
		);
		expect(event.description).toContain('accueilli par La Pioche');
		expect(vevent.getFirstPropertyValue('url')).toBe(`${server.url}/agenda/apero-pioche`);
		expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
		expect(vevent.getFirstPropertyValue('dtstamp')).toBeTruthy();
	});

	it('is refused for a members-only event without rights, served with them', async () => {
		expect((await call(server, '/api/events/reserve.ics')).status).toBe(401);
		expect((await call(server, '/api/events/reserve.ics', { as: PEOPLE.nina })).status).toBe(403);
		const member = await call(server, '/api/events/reserve.ics', { as: PEOPLE.lea });
		expect(member.status).toBe(200);
		expect((await call(server, '/api/events/inconnu.ics')).status).toBe(404);
	});

	it('says CANCELLED for a cancelled event', async () => {
		const vevent = events(await (await fetch(`${server.url}/api/events/annule.ics`)).text()).get(
			'annule@elbasar.example.org',
		);
		expect(vevent?.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(String(vevent?.getFirstPropertyValue('summary'))).toMatch(/^Annulé : /);
	});
});

describe('agenda feed', () => {
	const uids = async (path: string, as?: (typeof PEOPLE)[keyof typeof PEOPLE]) => {
		const res = await call(server, path, { as });
		expect(res.status).toBe(200);
		return [...events(String(res.body)).keys()].sort();
	};

	it('lists public events for anyone, members-only ones for members', async () => {
		const visitor = await uids('/api/agenda.ics');
		expect(visitor).toEqual(['annule', 'apero-lille', 'apero-pioche'].map((k) => `${k}@elbasar.example.org`));
		expect(await uids('/api/agenda.ics', PEOPLE.lea)).toContain('reserve@elbasar.example.org');
	});

	it('gives a personal subscription URL that reads with the account’s rights', async () => {
		expect((await call(server, '/api/agenda/subscription')).status).toBe(401);
		const first = await call(server, '/api/agenda/subscription', { as: PEOPLE.lea });
		const again = await call(server, '/api/agenda/subscription', { as: PEOPLE.lea });
		expect(again.body.url).toBe(first.body.url);
		const url = new URL(String(first.body.url));
		expect(url.pathname).toBe('/api/agenda.ics');
		expect(await uids(`${url.pathname}${url.search}`)).toContain('reserve@elbasar.example.org');
		const nina = await call(server, '/api/agenda/subscription', { as: PEOPLE.nina });
		const ninaUrl = new URL(String(nina.body.url));
		expect(await uids(`${ninaUrl.pathname}${ninaUrl.search}`)).not.toContain('reserve@elbasar.example.org');
		const forged = await call(server, '/api/agenda.ics?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
		expect(forged).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
	});
});
