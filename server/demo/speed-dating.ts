// The speed-dating of the demo: running today at a member structure of Lille's area, with twelve
// structures checked in at the door (the three showcase structures and nine members), so the
// animator can open the tablet runner at once. Deterministic: the same `now` gives the same documents.
import {
	type Checkin,
	docId,
	type ElbEvent,
	newCheckin,
	type Person,
	SCHEMA_VERSION,
} from '../../src/lib/domain';
import { at as atPlace } from './french';
import type { DemoStructure } from './structures';

export const SPEED_DATING_PARTICIPANTS = 12;

/** "speed-dating-AAAA-MM-JJ": readable, and after most generated keys (tests take `event:` rows in order). */
const keyFor = (now: Date) => `speed-dating-${now.toISOString().slice(0, 10)}`;

export function showcaseSpeedDating(
	structures: DemoStructure[],
	now: Date,
): { event: ElbEvent; checkins: Checkin[] } {
	const seated = [...structures.slice(0, 3), ...structures.slice(3).filter((s) => s.status === 'active')]
		.filter((s) => firstPerson(s))
		.slice(0, SPEED_DATING_PARTICIPANTS);
	// Hosted by one of the members taking part, not by a showcase structure (its page tells its apéro).
	const host = seated[3] ?? structures[0];
	// Started half an hour ago (to the quarter hour), for three hours: running whenever the demo is opened.
	const quarter = 15 * 60_000;
	const start = new Date(Math.floor((now.getTime() - 30 * 60_000) / quarter) * quarter);
	const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
	const createdAt = new Date(start.getTime() - 20 * 86_400_000).toISOString();
	const event: ElbEvent = {
		_id: docId('event', keyFor(now)),
		type: 'event',
		schema: SCHEMA_VERSION,
		owner: 'network',
		audience: 'public',
		createdAt,
		updatedAt: createdAt,
		kind: 'speed-dating',
		title: `Speed-dating offres et besoins ${atPlace(host.commune.name)}`,
		description: `Sept minutes par rencontre pour présenter ce que votre structure peut apporter et ce qu’elle cherche. Les binômes sont formés sur place selon vos offres et besoins publiés sur elBasar. Accueil par ${host.doc.name}.`,
		start: at(0),
		end: at(180),
		host: host.doc._id,
		address: host.doc.address,
		commune: host.doc.commune,
		capacity: 24,
	};
	const checkins = seated.map((s, i) => {
		const person = firstPerson(s) as Person;
		return newCheckin({ event, method: 'search', device: 'demo-accueil', at: at(i), person });
	});
	return { event, checkins };
}

function firstPerson(s: DemoStructure): Person | undefined {
	return s.related.find((d): d is Person => d.type === 'person');
}
