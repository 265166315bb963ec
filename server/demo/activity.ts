// What makes the demo network look lived in: people registered to upcoming events (members and a
// guest), past events with their registrations and check-ins at the door, proposals to host an
// event (one waiting, one accepted, one declined) and conversations about listings, all read.
import {
	type Checkin,
	type Conversation,
	conversationId,
	type Doc,
	type ElbEvent,
	guestRegistrationId,
	type Listing,
	type Message,
	messageId,
	newCheckin,
	newRegistration,
	type Person,
	type Proposal,
	type Readmark,
	type Registration,
	readmarkId,
	SCHEMA_VERSION,
} from '../../src/lib/domain';
import { addDays, isoDay } from './dates';
import { personName } from './names';
import type { Random } from './random';
import type { DemoStructure } from './structures';

const DAY = 86_400_000;
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function firstPerson(s: DemoStructure): Person | undefined {
	return s.related.find((d): d is Person => d.type === 'person');
}

/** Who registers: people of member structures, never the three demo accounts' (their screens stay as the tests and the README tell). */
function attendees(random: Random, members: DemoStructure[], count: number): Person[] {
	const people = members.map(firstPerson).filter((p): p is Person => !!p);
	const chosen = new Set<Person>();
	while (chosen.size < Math.min(count, people.length)) chosen.add(random.pick(people));
	return [...chosen];
}

function registrations(random: Random, event: ElbEvent, people: Person[], now: Date): Registration[] {
	const latest = Math.min(Date.parse(event.start), now.getTime()) - DAY;
	return people.map((person, i) => {
		const at = new Date(latest - (people.length - i) * random.int(2, 20) * 3_600_000).toISOString();
		return newRegistration({ event, person, at });
	});
}

function guest(random: Random, event: ElbEvent, now: Date): Registration {
	const { first, last } = personName(random);
	const email = `${first}.${last}@exemple.fr`
		.toLowerCase()
		.normalize('NFD')
		.replace(/[^a-z.@]/g, '');
	const at = new Date(Math.min(Date.parse(event.start), now.getTime()) - 2 * DAY).toISOString();
	return {
		_id: guestRegistrationId(event._id, email),
		type: 'registration',
		schema: SCHEMA_VERSION,
		owner: 'network',
		audience: 'participants',
		participants: event.host ? [event.host] : [],
		createdAt: at,
		updatedAt: at,
		event: event._id,
		guest: true,
		name: `${first} ${last}`,
		structureName: random.pick(['Collectif des Voisins', 'Université populaire', 'Tiers-lieu La Fabrique']),
		email,
		status: 'registered',
		registeredAt: at,
	};
}

/** A past event's door: most of the registered came, one or two came without registering. */
function doorOf(random: Random, event: ElbEvent, registered: Registration[], members: Person[]): Checkin[] {
	const device = 'demo-accueil';
	const checkins: Checkin[] = [];
	let minute = 0;
	const at = () => shift(event.start, (minute++ + random.int(0, 2)) * 60_000);
	for (const r of registered) {
		if (!random.chance(0.8)) continue;
		const person = members.find((p) => p._id === r.person);
		if (person)
			checkins.push(
				newCheckin({ event, person, method: random.pick(['qr', 'search'] as const), device, at: at() }),
			);
	}
	for (let i = random.int(1, 2); i > 0; i--) {
		const { first, last } = personName(random);
		checkins.push(
			newCheckin({
				event,
				walkin: { name: `${first} ${last}`, structureName: 'Voisin du quartier' },
				method: 'walkin',
				device,
				at: at(),
			}),
		);
	}
	return checkins;
}

/** Registrations and check-ins of the generated events (the showcase's apéro and speed-dating keep their own). */
export function attendance(random: Random, events: ElbEvent[], members: DemoStructure[], now: Date): Doc[] {
	const people = members.map(firstPerson).filter((p): p is Person => !!p);
	const docs: Doc[] = [];
	const upcoming = events.filter((e) => e.start > now.toISOString()).slice(0, 5);
	for (const [i, event] of upcoming.entries()) {
		const registered = registrations(random, event, attendees(random, members, random.int(3, 9)), now);
		docs.push(...registered, ...(i % 2 === 0 ? [guest(random, event, now)] : []));
	}
	for (const event of events.filter((e) => e.end < now.toISOString())) {
		const registered = registrations(random, event, attendees(random, members, random.int(6, 14)), now);
		docs.push(...registered, ...doorOf(random, event, registered, people));
	}
	return docs;
}

const PROPOSAL_TEXTS = [
	'Nous pouvons accueillir un apéro dans notre atelier, avec une visite de nos locaux et de nos activités.',
	'Notre salle de réunion et notre cour sont disponibles ; nous présenterons nos chantiers en cours.',
	'Un petit-déjeuner dans notre café associatif, avant l’ouverture au public.',
];

/** Three proposals to host: one waiting for the animator, one accepted (its event exists), one declined. */
export function proposals(
	random: Random,
	events: ElbEvent[],
	members: DemoStructure[],
	now: Date,
): Proposal[] {
	const hosted = events.find((e) => e.start > now.toISOString() && e.host);
	const host = (id?: string) => members.find((s) => s.doc._id === id);
	const others = members.filter((s) => s.doc._id !== hosted?.host);
	const chosen: [DemoStructure | undefined, Proposal['status']][] = [
		[others[others.length - 1], 'pending'],
		[host(hosted?.host), 'accepted'],
		[others[others.length - 2], 'declined'],
	];
	return chosen.flatMap(([s, status], i) => {
		if (!s) return [];
		const createdAt = addDays(now, -random.int(10, 40)).toISOString();
		const decided = status === 'pending' ? {} : { decidedAt: addDays(now, -random.int(1, 9)).toISOString() };
		return [
			{
				_id: `proposal:${random.key()}`,
				type: 'proposal',
				schema: SCHEMA_VERSION,
				owner: s.doc._id,
				audience: 'owner',
				createdAt,
				updatedAt: decided.decidedAt ?? createdAt,
				structure: s.doc._id,
				dates: [isoDay(addDays(now, 20 + i * 7)), isoDay(addDays(now, 27 + i * 7))],
				hours: 'à partir de 18 h',
				capacity: random.int(2, 8) * 5,
				address: s.doc.address ?? 'Adresse à préciser',
				commune: s.doc.commune,
				accessibility: 'Plain-pied, toilettes accessibles.',
				parking: 'Stationnement dans la rue.',
				transport: 'Arrêt de bus à 5 minutes.',
				description: PROPOSAL_TEXTS[i],
				status,
				...(status === 'accepted' && hosted ? { event: hosted._id } : {}),
				...(status === 'declined'
					? { reason: 'Un apéro a déjà lieu tout près à ces dates ; proposez-nous le printemps !' }
					: {}),
				...decided,
			} as Proposal,
		];
	});
}

const THREADS = [
	[
		'Bonjour, votre annonce nous intéresse : est-elle toujours d’actualité ?',
		'Bonjour ! Oui, toujours. Vous pouvez passer cette semaine ?',
		'Parfait, jeudi vers 14 h ?',
		'Jeudi 14 h, c’est noté. À bientôt !',
	],
	[
		'Bonjour, nous aurions besoin de cela pour un chantier en mars. Possible ?',
		'Bonjour, oui, dites-nous les dates exactes et on s’organise.',
	],
	[
		'Bonjour, pouvons-nous en discuter par téléphone ?',
		'Bien sûr, appelez-nous le matin au numéro de notre fiche.',
		'Merci, je vous appelle demain.',
	],
];

/** Conversations about open listings between structures of the network, read by both sides. */
export function conversations(
	random: Random,
	listings: Listing[],
	structures: DemoStructure[],
	now: Date,
	skip: Set<string>,
): Doc[] {
	const open = listings.filter((l) => l.status === 'open' && l.audience === 'public' && !skip.has(l.owner));
	const answerers = structures.filter((s) => s.status === 'active' && !skip.has(s.doc._id));
	const docs: Doc[] = [];
	for (let i = 0; i < Math.min(6, open.length); i++) {
		const listing = open[(i * 7) % open.length];
		const answerer = answerers.find((s) => s.doc._id !== listing.owner && random.chance(0.3)) ?? answerers[0];
		if (!answerer || answerer.doc._id === listing.owner) continue;
		const participants = [listing.owner, answerer.doc._id];
		const id = conversationId(listing._id, answerer.doc._id);
		const started = Math.max(Date.parse(listing.createdAt), now.getTime() - 20 * DAY) + 3_600_000;
		const conversation: Conversation = {
			_id: id,
			type: 'conversation',
			schema: SCHEMA_VERSION,
			owner: listing.owner,
			audience: 'participants',
			participants,
			createdAt: new Date(started).toISOString(),
			updatedAt: new Date(started).toISOString(),
			listing: listing._id,
			answerer: answerer.doc._id,
		};
		docs.push(conversation);
		const names = new Map(
			structures
				.filter((s) => participants.includes(s.doc._id))
				.map((s) => [s.doc._id, firstPerson(s)?.name ?? s.doc.name]),
		);
		let at = started;
		for (const [k, text] of THREADS[i % THREADS.length].entries()) {
			at = Math.min(at + random.int(1, 20) * 3_600_000, now.getTime() - 60_000);
			const author = participants[(k + 1) % 2];
			const when = new Date(at);
			const message: Message = {
				_id: messageId(id, when, random.key()),
				type: 'message',
				schema: SCHEMA_VERSION,
				owner: author,
				audience: 'participants',
				participants,
				createdAt: when.toISOString(),
				updatedAt: when.toISOString(),
				conversation: id,
				author,
				authorName: (names.get(author) ?? '').slice(0, 120),
				text,
			};
			docs.push(message);
		}
		for (const reader of participants) {
			const lastRead = new Date(at).toISOString();
			const mark: Readmark = {
				_id: readmarkId(id, reader),
				type: 'readmark',
				schema: SCHEMA_VERSION,
				owner: reader,
				audience: 'owner',
				createdAt: lastRead,
				updatedAt: lastRead,
				conversation: id,
				lastRead,
			};
			docs.push(mark);
		}
	}
	return docs;
}
