// The writes the gate tests try, by document type: the documents the fixture network lacks for them
// (events, a conversation, a meeting, a notice), and for each type writes it allows and refuses.
import {
	CARD_KEY_ID,
	conversationId,
	type Doc,
	type DocType,
	type ElbEvent,
	type Invoice,
	invoiceNumber,
	type Meeting,
	meetingId,
	messageId,
	type Notice,
	newCheckin,
	newFavourite,
	newFollowup,
	newOrder,
	newRegistration,
	newSavedSearch,
	newSession,
	numberedInvoice,
	type Person,
	readmarkId,
} from '../../../src/lib/domain';
import { listing, PEOPLE, type Who } from '../helpers';

const at = '2026-11-01T10:00:00.000Z';
export const LA_PIOCHE = 'structure:la-pioche';
export const LE_RELAIS = 'structure:le-relais';
export const LES_JARDINS = 'structure:les-jardins';

export const scope = <A extends Doc['audience']>(id: string, owner: string, audience: A) => ({
	_id: id,
	schema: 1 as const,
	owner,
	audience,
	createdAt: at,
	updatedAt: at,
});

const event = (key: string, over: Partial<ElbEvent> = {}): ElbEvent => ({
	...scope(`event:${key}`, 'network', 'public'),
	type: 'event',
	kind: 'apero',
	title: `Événement ${key}`,
	description: '',
	start: '2099-06-01T18:00:00.000Z',
	end: '2099-06-01T20:00:00.000Z',
	address: '',
	commune: '62041',
	...over,
});

export const atPioche = event('chez-la-pioche', { host: LA_PIOCHE });
const over = event('deja-passe', { start: '2020-01-01T18:00:00.000Z', end: '2020-01-01T20:00:00.000Z' });
export const marc: Person = {
	...scope('person:marc', LE_RELAIS, 'public'),
	type: 'person',
	structure: LE_RELAIS,
	name: 'Marc Dubois',
	role: 'Gérant',
};
/** La Pioche answered Le Relais's listing: readable by those two only. */
export const talk = conversationId('listing:relais-local', LA_PIOCHE);
const conversation = {
	...scope(talk, LE_RELAIS, 'participants'),
	type: 'conversation',
	participants: [LE_RELAIS, LA_PIOCHE],
	listing: 'listing:relais-local',
	answerer: LA_PIOCHE,
};
const meeting: Meeting = {
	...scope(meetingId(atPioche._id, LA_PIOCHE, LE_RELAIS), 'network', 'members'),
	type: 'meeting',
	participants: [LA_PIOCHE, LE_RELAIS],
	event: atPioche._id,
	eventTitle: atPioche.title,
	round: 1,
	table: 1,
	at,
	sides: [
		{ id: LA_PIOCHE, name: 'La Pioche' },
		{ id: LE_RELAIS, name: 'Le Relais' },
	],
};
const notice: Notice = {
	...scope('notice:avertissement-pioche', LA_PIOCHE, 'owner'),
	type: 'notice',
	kind: 'warning',
	title: 'Rappel des règles du tableau',
	text: '',
};
/** Le Relais's message in that conversation: what La Pioche may report. */
const relaisMessage = {
	...scope(messageId(talk, new Date(at), 'relais1'), LE_RELAIS, 'participants'),
	type: 'message',
	conversation: talk,
	author: LE_RELAIS,
	authorName: 'Marc',
	text: 'Le local est libre jeudi.',
	participants: [LE_RELAIS, LA_PIOCHE],
};
/** An invoice the server issued to La Pioche for its membership. */
const membershipBill = {
	kind: 'invoice' as const,
	payer: LA_PIOCHE,
	buyer: { name: 'La Pioche', address: '3 rue des Outils, 62000 Arras' },
	lines: [{ label: 'Adhésion 2026', quantity: 1, unitCents: 2000 }],
	paymentTerms: 'Virement à 30 jours',
	vatMention: 'TVA non applicable, art. 261-7-1° du CGI',
	dueInDays: 30,
};
const billed: Invoice = numberedInvoice(membershipBill, invoiceNumber('F-2026', 1), new Date(at));
/** La Pioche (2 to 10 employees) owes its membership fee: 45 €. */
const owed = newOrder({
	key: 'adhesion-pioche',
	payer: { _id: LA_PIOCHE, employees: '2-10' },
	purpose: 'membership',
	period: '2026',
	at,
});
export const EXTRA_DOCS = [
	atPioche,
	over,
	marc,
	conversation,
	relaisMessage,
	meeting,
	notice,
	billed,
	owed,
] as Doc[];

const featureOrder = (key: string, listingId: string, over: Record<string, unknown> = {}) =>
	create(() => ({
		...newOrder({
			key,
			payer: { _id: LA_PIOCHE },
			purpose: 'featured',
			listing: { _id: listingId, title: 'Vélo cargo' },
			at,
		}),
		...over,
	}));

/** Types only the server writes: every write through the replication endpoint is refused. */
export const SERVER_WRITTEN: ReadonlySet<DocType> = new Set(['invoice']);

/** The device's copy of a document (what an edit starts from); throws if the device lacks it. */
export type Held = (id: string) => Doc;
/** A document made from what the device holds, or the removal of one; `id` names what is written. */
export type Write = { id: string } & ({ save: (held: Held) => object } | { remove: string });
export interface Case {
	test: string;
	who: Who | null;
	write: Write;
	expect: 'ok' | RegExp;
}

const edit = (id: string, change: Record<string, unknown>): Write => ({
	id,
	save: (held) => ({ ...held(id), ...change }),
});
const create = (doc: () => object): Write => ({ id: (doc() as Doc)._id, save: doc });
const remove = (id: string): Write => ({ id, remove: id });
const allowed = (test: string, who: Who | null, write: Write): Case => ({ test, who, write, expect: 'ok' });
const refused = (test: string, who: Who | null, write: Write, reason: RegExp): Case => ({
	test,
	who,
	write,
	expect: reason,
});

export function message(author: string): Write {
	return create(() => ({
		...scope(messageId(talk, new Date(), author.slice(10)), author, 'participants'),
		type: 'message',
		conversation: talk,
		author,
		authorName: 'Léa',
		text: 'Le local est-il libre jeudi ?',
		participants: [LE_RELAIS, LA_PIOCHE],
	}));
}

const answer = (listingId: string, owner: string, answerer: string) =>
	create(() => ({
		...conversation,
		...scope(conversationId(listingId, answerer), owner, 'participants'),
		listing: listingId,
		answerer,
		participants: [owner, answerer],
	}));

const readmark = (structure: string) =>
	create(() => ({
		...scope(readmarkId(talk, structure), structure, 'owner'),
		type: 'readmark',
		conversation: talk,
		lastRead: at,
	}));

const door = { method: 'qr' as const, device: 'tel-accueil' };

const cardKey = (publicKey: string) =>
	create(() => ({
		...scope(CARD_KEY_ID, 'network', 'public'),
		type: 'cardkey',
		algorithm: 'Ed25519',
		publicKey,
		since: at,
	}));

const proposal = (owner: string) =>
	create(() => ({
		...scope(`proposal:${owner.slice(10)}`, owner, 'owner'),
		type: 'proposal',
		structure: owner,
		dates: ['2099-03-01'],
		hours: 'à partir de 18 h',
		capacity: 30,
		address: '12 rue des Postes',
		commune: '62041',
		accessibility: '',
		parking: '',
		transport: '',
		description: '',
		status: 'pending',
	}));

const report = (target: string, targetOwner: string, extra: Record<string, unknown> = {}) =>
	create(() => ({
		...scope(`report:${target.replace(':', '-')}${extra.conversation ? '-1' : ''}`, LA_PIOCHE, 'owner'),
		type: 'report',
		target,
		targetOwner,
		excerpt: '',
		reason: 'spam',
		details: '',
		reporterName: 'Léa',
		status: 'open',
		...extra,
	}));

const { animator, lea, marc: marcAccount, nina } = PEOPLE;

/** Every type, at least one write allowed and one refused (the compiler sees that no type is missing). */
export const CASES: Record<DocType, Case[]> = {
	structure: [
		allowed('a member edits her structure’s card', lea, edit(LA_PIOCHE, { pitch: 'Outils partagés' })),
		refused(
			'a member cannot edit another structure’s card',
			lea,
			edit(LE_RELAIS, { pitch: 'Repris' }),
			/appartient à une autre structure/,
		),
	],
	person: [
		allowed('a member edits one of her people', lea, edit('person:lea', { role: 'Présidente' })),
		refused(
			'a member cannot edit another structure’s person',
			marcAccount,
			edit('person:lea', { role: 'Stagiaire' }),
			/appartient à une autre structure/,
		),
		refused(
			'a member cannot list a person under another structure',
			lea,
			create(() => ({
				...scope('person:ines-intruse', LA_PIOCHE, 'public'),
				type: 'person',
				structure: LE_RELAIS,
				name: 'Inès Intruse',
				role: 'Directrice',
			})),
			/annuaire de sa propre structure/,
		),
	],
	contact: [
		allowed('a member edits her contact details', lea, edit('contact:lea', { phone: '03 21 00 00 00' })),
		refused(
			'contact details cannot be made public',
			lea,
			edit('contact:lea', { audience: 'public' }),
			/réservées aux adhérents/,
		),
		refused(
			'a member cannot write contact details for another structure’s person',
			lea,
			create(() => ({
				...scope('contact:marc', LA_PIOCHE, 'members'),
				type: 'contact',
				person: 'person:marc',
				email: 'pirate@la-pioche.test',
			})),
			/personne d’une autre structure/,
		),
		refused(
			'contact details carry the id of their person',
			lea,
			create(() => ({
				...scope('contact:lea-bis', LA_PIOCHE, 'members'),
				type: 'contact',
				person: 'person:lea',
				email: 'lea.bis@la-pioche.test',
			})),
			/incohérent avec la personne/,
		),
	],
	membership: [
		allowed('staff record a membership', animator, edit('membership:le-relais', { since: '2026-01-01' })),
		refused(
			'a member cannot change her own membership',
			lea,
			edit('membership:la-pioche', { paidUntil: '2099-12-31' }),
			/réservé à l’équipe du réseau/,
		),
	],
	listing: [
		allowed(
			'a member edits her structure’s listing',
			lea,
			edit('listing:pioche-velo', { title: 'Vélo cargo' }),
		),
		refused(
			'a member cannot edit another structure’s listing',
			lea,
			edit('listing:relais-local', { title: 'Local repris' }),
			/appartient à une autre structure/,
		),
		allowed('a member removes her structure’s listing', lea, remove('listing:pioche-membres')),
		refused(
			'a member cannot remove another structure’s listing',
			lea,
			remove('listing:relais-local'),
			/appartient à une autre structure/,
		),
		refused(
			'a listing over 256 kB of JSON is refused',
			lea,
			edit('listing:pioche-velo', { notes: 'é'.repeat(140_000) }),
			/trop gros : 256 ko au plus/,
		),
		refused(
			'a visitor cannot publish a listing',
			null,
			create(() => listing('visiteur', LA_PIOCHE)),
			/connectez-vous/,
		),
	],
	event: [
		allowed(
			'staff schedule an event',
			animator,
			create(() => event('nouveau')),
		),
		refused(
			'a member cannot edit the network’s event',
			lea,
			edit('event:apero-lille', { title: 'Apéro déplacé' }),
			/réservé à l’équipe du réseau/,
		),
	],
	conversation: [
		allowed(
			'a member answers another structure’s listing',
			marcAccount,
			answer('listing:pioche-velo', LA_PIOCHE, LE_RELAIS),
		),
		refused(
			'a member cannot answer her own listing',
			lea,
			answer('listing:pioche-velo', LA_PIOCHE, LA_PIOCHE),
			/répondre à votre propre annonce/,
		),
	],
	message: [
		allowed('a member writes in her conversation', lea, message(LA_PIOCHE)),
		refused(
			'a member cannot write in the other structure’s name',
			lea,
			message(LE_RELAIS),
			/qu’au nom de votre structure/,
		),
	],
	readmark: [
		allowed('a member marks her conversation read', lea, readmark(LA_PIOCHE)),
		refused(
			'a member cannot keep the other structure’s read marks',
			lea,
			readmark(LE_RELAIS),
			/marques de lecture de votre structure/,
		),
	],
	checkin: [
		allowed(
			'the host checks a person in at its event',
			lea,
			create(() => newCheckin({ event: atPioche, person: marc, ...door })),
		),
		refused(
			'a structure cannot check people in at an event another one hosts',
			marcAccount,
			create(() => ({
				...newCheckin({ event: atPioche, walkin: { name: 'Paul Petit' }, ...door }),
				owner: LE_RELAIS,
				participants: [LE_RELAIS],
			})),
			/seule la structure qui accueille/,
		),
		refused(
			'a check-in names the structure of the person it counts',
			lea,
			create(() => ({ ...newCheckin({ event: atPioche, person: marc, ...door }), structure: LES_JARDINS })),
			/structure de la personne pointée/,
		),
	],
	cardkey: [
		allowed('staff publish the card key', animator, cardKey('ab'.repeat(32))),
		refused(
			'a member cannot publish the card key',
			lea,
			cardKey('cd'.repeat(32)),
			/réservé à l’équipe du réseau/,
		),
	],
	proposal: [
		allowed('a member proposes to host an apéro', lea, proposal(LA_PIOCHE)),
		refused(
			'a lapsed structure cannot propose to host',
			nina,
			proposal(LES_JARDINS),
			/seules les structures adhérentes/,
		),
	],
	registration: [
		allowed(
			'a member registers one of its people',
			marcAccount,
			create(() => newRegistration({ event: atPioche, person: marc })),
		),
		refused(
			'nobody registers for an event already over',
			marcAccount,
			create(() => newRegistration({ event: over, person: marc })),
			/cet événement est terminé/,
		),
	],
	savedsearch: [
		allowed(
			'a member saves a search',
			lea,
			create(() => newSavedSearch(LA_PIOCHE, 'Vélos', 'vélo', {})),
		),
		refused(
			'a member cannot save a search for another structure',
			lea,
			create(() => newSavedSearch(LE_RELAIS, 'Vélos', 'vélo', {})),
			/qu’au nom de votre structure/,
		),
	],
	sdsession: [
		allowed(
			'staff open a speed-dating session',
			animator,
			create(() => newSession(atPioche._id, [], at)),
		),
		refused(
			'a member cannot open a speed-dating session',
			marcAccount,
			create(() => newSession(over._id, [], at)),
			/réservé à l’équipe du réseau/,
		),
	],
	meeting: [
		allowed('staff correct a meeting', animator, edit(meeting._id, { table: 2 })),
		refused(
			'a member cannot edit a meeting',
			lea,
			edit(meeting._id, { table: 3 }),
			/réservé à l’équipe du réseau/,
		),
	],
	followup: [
		allowed(
			'a member answers a meeting it took part in',
			lea,
			create(() => newFollowup(meeting, LA_PIOCHE, 'wanted', at)),
		),
		refused(
			'a member cannot answer for the other side',
			marcAccount,
			create(() => newFollowup(meeting, LA_PIOCHE, 'no', at)),
			/qu’au nom de votre structure/,
		),
	],
	favourite: [
		allowed(
			'a member stars another structure’s listing',
			lea,
			create(() => newFavourite(LA_PIOCHE, 'listing:relais-local')),
		),
		refused(
			'a favourite names its structure and its listing',
			lea,
			create(() => ({
				...newFavourite(LA_PIOCHE, 'listing:relais-local'),
				listing: 'listing:jardins-graines',
			})),
			/identifiant de favori invalide/,
		),
	],
	report: [
		allowed('a member reports another structure’s listing', lea, report('listing:relais-local', LE_RELAIS)),
		refused(
			'a member cannot report her own listing',
			lea,
			report('listing:pioche-velo', LA_PIOCHE),
			/celui de votre structure/,
		),
		allowed(
			'a member reports a message of her conversation',
			lea,
			report(relaisMessage._id, LE_RELAIS, { conversation: talk }),
		),
		refused(
			'a report of a message names the message’s conversation',
			lea,
			report(relaisMessage._id, LE_RELAIS),
			/nomme sa conversation/,
		),
	],
	notice: [
		allowed('a member marks a notice read', lea, edit(notice._id, { readAt: at })),
		refused(
			'a member cannot rewrite a notice',
			lea,
			edit(notice._id, { title: 'Tout va bien' }),
			/seulement marquer un avis comme lu/,
		),
	],
	invoice: [
		refused(
			'a member cannot issue an invoice, even to its own structure',
			lea,
			create(() => numberedInvoice(membershipBill, invoiceNumber('F-2026', 2), new Date(at))),
			/émise par le réseau/,
		),
		refused(
			'the payer cannot rewrite its invoice',
			lea,
			edit(billed._id, { totalCents: 0, lines: [{ label: 'Adhésion 2026', quantity: 1, unitCents: 0 }] }),
			/ne se modifie/,
		),
		refused(
			'the network’s team cannot edit an invoice',
			animator,
			edit(billed._id, { paymentTerms: '' }),
			/avoir/,
		),
		refused('the network’s team cannot delete an invoice', animator, remove(billed._id), /ne se supprime/),
	],
	order: [
		allowed(
			'a member orders its own listing featured, at the price list’s 2 €',
			lea,
			featureOrder('une-pioche', 'listing:pioche-velo'),
		),
		allowed(
			'a member cancels its waiting order',
			lea,
			edit(owed._id, { state: 'cancelled', cancelledAt: at }),
		),
		refused(
			'a member cannot pay less than the price list',
			lea,
			featureOrder('moins-cher', 'listing:pioche-velo', {
				lines: [{ kind: 'featured', label: 'À la une', quantity: 1, unitCents: 50 }],
				totalCents: 50,
			}),
			/tarif du réseau/,
		),
		refused(
			'a member cannot feature another structure’s listing',
			lea,
			featureOrder('chez-relais', 'listing:relais-local'),
			/annonce de sa structure/,
		),
		refused(
			'a member cannot mark its own order paid',
			lea,
			edit(owed._id, {
				state: 'paid',
				payment: { method: 'transfer', reference: 'moi', amountCents: 4500, at, by: 'moi' },
			}),
			/ne change ensuite que par le réseau/,
		),
		refused(
			'the network’s team does not mark an order paid by writing it either',
			animator,
			edit(owed._id, {
				state: 'paid',
				payment: { method: 'cheque', reference: '123', amountCents: 4500, at, by: 'animatrice' },
			}),
			/ne change ensuite que par le réseau/,
		),
		refused('a member cannot delete an order', lea, remove(owed._id), /ne se supprime pas/),
	],
};

export { create, remove };
