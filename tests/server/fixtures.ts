// The one way server tests build documents: a builder per type, each filling the common fields
// (schema, owner, audience, timestamps) and taking the fields a test cares about as `over`; and the
// small network every server starts with (three structures, one lapsed, a members-only one).
import {
	type Contact,
	type Conversation,
	conversationId,
	type Doc,
	type ElbEvent,
	type Listing,
	type Membership,
	type Message,
	messageId,
	type Notice,
	newKey,
	type Person,
	type Proposal,
	type Readmark,
	type Report,
	readmarkId,
	type Structure,
} from '../../src/lib/domain';

export const PASSWORD = 'mot-de-passe-solide';

export interface Who {
	email: string;
	name: string;
	structureId?: string;
	staff?: boolean;
}

/** The people of the fixture: one per role. */
export const PEOPLE = {
	animator: { email: 'anne@apes.test', name: 'Anne', staff: true },
	lea: { email: 'lea@la-pioche.test', name: 'Léa', structureId: 'structure:la-pioche' },
	marc: { email: 'marc@le-relais.test', name: 'Marc', structureId: 'structure:le-relais' },
	nina: { email: 'nina@les-jardins.test', name: 'Nina', structureId: 'structure:les-jardins' },
} satisfies Record<string, Who>;

export const PIOCHE = 'structure:la-pioche';
export const RELAIS = 'structure:le-relais';
export const JARDINS = 'structure:les-jardins';

/** When the fixture's documents were written. */
export const FIXTURE_AT = '2026-11-01T10:00:00.000Z';

/** The fields every document has; `over` may change any of them. */
const base = <A extends Doc['audience']>(id: string, owner: string, audience: A, at = FIXTURE_AT) => ({
	_id: id,
	schema: 1 as const,
	owner,
	audience,
	createdAt: at,
	updatedAt: at,
});

export function structure(key: string, name: string, over: Partial<Structure> = {}): Structure {
	return {
		...base(`structure:${key}`, `structure:${key}`, 'public'),
		type: 'structure',
		name,
		legalForm: 'association',
		sectors: ['reemploi'],
		pitch: `${name}, structure du réseau`,
		description: '',
		missions: '',
		offers: '',
		needs: '',
		address: '12 rue des Postes',
		commune: '59350',
		employees: '2-10',
		...over,
	};
}

export function membership(
	key: string,
	status: Membership['status'],
	over: Partial<Membership> = {},
): Membership {
	return {
		...base(`membership:${key}`, 'network', 'public'),
		type: 'membership',
		structure: `structure:${key}`,
		status,
		...over,
	};
}

export function listing(key: string, owner: string, over: Partial<Listing> = {}): Listing {
	return {
		...base(`listing:${key}`, owner, 'public'),
		type: 'listing',
		kind: 'offer',
		nature: 'loan',
		sector: 'mobilite',
		title: 'Prêt d’une remorque vélo',
		text: 'Pour vos livraisons en ville.',
		commune: '62041',
		validFrom: '2026-11-01',
		validUntil: '2027-02-01',
		status: 'open',
		...over,
	};
}

export function person(key: string, owner: string, over: Partial<Person> = {}): Person {
	return {
		...base(`person:${key}`, owner, 'public'),
		type: 'person',
		structure: owner,
		name: 'Léa Martin',
		role: 'Coordinatrice',
		...over,
	};
}

export function contact(key: string, owner: string, over: Partial<Contact> = {}): Contact {
	return {
		...base(`contact:${key}`, owner, 'members'),
		type: 'contact',
		person: `person:${key}`,
		email: 'lea@la-pioche.test',
		phone: '03 20 00 00 00',
		...over,
	};
}

/** A network event (an apéro in Lille unless told otherwise). */
export function event(key: string, over: Partial<ElbEvent> = {}): ElbEvent {
	return {
		...base(`event:${key}`, 'network', 'public'),
		type: 'event',
		kind: 'apero',
		title: 'Apéro itinérant à Lille',
		description: '',
		start: '2026-12-03T18:00:00.000Z',
		end: '2026-12-03T20:00:00.000Z',
		address: '12 rue des Postes',
		commune: '59350',
		...over,
	};
}

/** The conversation `answerer` opened on `listingId`, owned by the listing's owner. */
export function conversation(
	listingId: string,
	owner: string,
	answerer: string,
	over: Partial<Conversation> = {},
): Conversation {
	return {
		...base(conversationId(listingId, answerer), owner, 'participants', over.createdAt),
		type: 'conversation',
		participants: [owner, answerer],
		listing: listingId,
		answerer,
		...over,
	};
}

/** A message of `of` written by `author` (a structure id); its id sorts by `createdAt`. */
export function message(
	of: Conversation,
	author: string,
	text: string,
	over: Partial<Message> = {},
): Message {
	const at = over.createdAt ?? FIXTURE_AT;
	return {
		...base(messageId(of._id, new Date(at), newKey()), author, 'participants', at),
		type: 'message',
		participants: of.participants,
		conversation: of._id,
		author,
		authorName: 'Quelqu’un',
		text,
		...over,
	};
}

export function readmark(conversation: string, structureId: string, over: Partial<Readmark> = {}): Readmark {
	return {
		...base(readmarkId(conversation, structureId), structureId, 'owner', over.createdAt),
		type: 'readmark',
		conversation,
		lastRead: over.createdAt ?? FIXTURE_AT,
		...over,
	};
}

/** A report by structure `by` on the fixture's listing of La Pioche, unless told otherwise. */
export function report(by: string, over: Partial<Report> = {}): Report {
	return {
		...base(`report:${newKey()}`, by, 'owner', over.createdAt),
		type: 'report',
		target: 'listing:pioche-velo',
		targetOwner: PIOCHE,
		excerpt: 'Prêt d’une remorque vélo',
		reason: 'misleading',
		details: 'La remorque n’existe pas.',
		reporterName: 'Marc',
		status: 'open',
		...over,
	};
}

/** A warning from the network's staff to structure `owner`. */
export function notice(key: string, owner: string, over: Partial<Notice> = {}): Notice {
	return {
		...base(`notice:${key}`, owner, 'owner', over.createdAt),
		type: 'notice',
		kind: 'warning',
		title: 'Avertissement',
		text: 'Merci de préciser votre offre.',
		...over,
	};
}

/** La Pioche's proposal to host an apéro, pending, unless told otherwise. */
export function proposal(key: string, structureId: string, over: Partial<Proposal> = {}): Proposal {
	return {
		...base(`proposal:${key}`, structureId, 'owner', over.createdAt),
		type: 'proposal',
		structure: structureId,
		dates: ['2027-01-14', '2027-01-21'],
		hours: 'à partir de 18 h',
		capacity: 40,
		address: '12 rue des Postes',
		commune: '59350',
		accessibility: 'Plain-pied, toilettes accessibles',
		parking: 'Parking de la mairie',
		transport: 'Métro Gambetta',
		description: 'Visite de la recyclerie',
		status: 'pending',
		...over,
	};
}

/** The fixture network, by what each document shows about reading rights. */
export const FIXTURE = {
	public: [
		structure('la-pioche', 'La Pioche'),
		structure('le-relais', 'Le Relais'),
		structure('les-jardins', 'Les Jardins'),
		membership('la-pioche', 'active'),
		membership('le-relais', 'active'),
		membership('les-jardins', 'lapsed'),
		person('lea', PIOCHE),
		listing('pioche-velo', PIOCHE),
		listing('relais-local', RELAIS, { title: 'Local à partager', nature: 'pooling' }),
		listing('jardins-graines', JARDINS, { title: 'Troc de graines', nature: 'barter' }),
		event('apero-lille'),
	],
	membersOnly: [
		structure('atelier-discret', 'L’Atelier discret', { audience: 'members' }),
		contact('lea', PIOCHE),
		listing('pioche-membres', PIOCHE, { audience: 'members', title: 'Outils pour adhérents' }),
	],
	/** Readable by Le Relais (and staff) only. */
	relaisOnly: [listing('relais-brouillon', RELAIS, { audience: 'owner', title: 'Brouillon interne' })],
} satisfies Record<string, Doc[]>;

export const ALL_FIXTURE_DOCS: Doc[] = [...FIXTURE.public, ...FIXTURE.membersOnly, ...FIXTURE.relaisOnly];
export const ids = (docs: { _id: string }[]) => docs.map((d) => d._id).sort();
