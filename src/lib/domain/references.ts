// Documents that name other documents, often another structure's: which fields do, what the write
// gate fetches to check them, and the rules that keep a structure from writing about what is not its.
//
// Every type, its fields naming another document or structure, and where the gate checks them:
// - structure: its id is its owner (access.ts: only your own card, staff create them).
// - person: `structure` must be its owner (personRule here): a person is listed under the structure
//   that publishes it, never under another's.
// - contact: `person` must be a person of the contact's owner, and the id `contact:<person key>`
//   (contactRule here): one contact per person, written by the person's structure only.
// - membership, event (`host`, `proposal`), cardkey, sdsession (`event`), meeting (`event`, sides),
//   notice (`subject`): staff's alone (access.ts, notices.ts); a notice's structure only marks it read.
// - listing: `concludedWith` names the partner of the owner's own listing, the owner's statement,
//   nothing of the partner's changes; `hidden.report` is staff's (moderation.ts).
// - conversation: `listing` (its owner owns the conversation), `answerer` (the writer) and
//   `participants` (conversations.ts, through the lookup).
// - message, readmark: `conversation`, which the writer must take part in; `author` is the writer
//   (conversations.ts).
// - checkin: `event` (its host owns the check-in, checkin.ts); `person` and `structure` must agree
//   when the gate knows the person (checkinPersonRule here: a door cannot book another structure's
//   person under a third one); a card the device does not know yet is checked at sync.
// - registration: `person` must be the writer's (registrations.ts), `structure` its owner, `event`
//   open (registrationEventRule).
// - proposal: `structure` is its owner (schema); `event` is set by staff when they accept it.
// - savedsearch: names nothing. favourite: `listing` may be anyone's, the id names owner and
//   listing (favourites.ts).
// - followup: `meeting` must be one the writer sat at, `side` the writer (speed-dating.ts).
// - report: `target` must exist and belong to `targetOwner` (moderation.ts); `conversation` must be
//   the reported message's own (reportRule here).
// - order: `payer` is its owner (the price of a membership reads its band), `listing` must be the
//   payer's own (orders.ts); invoice: the server's alone.
// - `participants` on other types only widens who reads the writer's own document.
// Deleted documents keep their type and owner (write-gate.ts), so an id cannot be taken over.
import type { Decision, Lookup, Scoped } from './access-types';
import { docId, keyOf, typeOfId } from './ids';

/** Fields naming another document whose content a rule reads (a conversation's listing, an event…). */
const REFERENCES = ['listing', 'conversation', 'event', 'person', 'target', 'meeting', 'payer'] as const;

/** The ids of the other documents the gate may read to decide on `doc`: fetch these for the lookup. */
export function referencesOf(doc: Record<string, unknown>): string[] {
	const ids = new Set<string>();
	for (const field of REFERENCES) {
		const value = doc[field];
		if (typeof value === 'string' && value !== '') ids.add(value);
	}
	return [...ids];
}

type Linked = Scoped & Record<string, unknown>;

const allow: Decision = { ok: true };
const deny = (reason: string): Decision => ({ ok: false, reason });

/** The rules on a document's links to others, for every writer (staff included: they keep data coherent). */
export function linkRule(doc: Linked, lookup: Lookup): Decision {
	switch (typeOfId(doc._id)) {
		case 'person':
			return personRule(doc);
		case 'contact':
			return contactRule(doc, lookup);
		case 'checkin':
			return checkinPersonRule(doc, lookup);
		case 'report':
			return reportRule(doc, lookup);
		default:
			return allow;
	}
}

function personRule(doc: Linked): Decision {
	return doc.structure === doc.owner
		? allow
		: deny('une personne figure dans l’annuaire de sa propre structure');
}

function contactRule(doc: Linked, lookup: Lookup): Decision {
	const personId = typeof doc.person === 'string' ? doc.person : '';
	if (doc._id !== docId('contact', keyOf(personId)))
		return deny('identifiant de coordonnées incohérent avec la personne');
	const person = lookup(personId);
	if (person?.type !== 'person') return deny('personne inconnue de l’annuaire');
	if (person.owner !== doc.owner)
		return deny('ces coordonnées sont celles d’une personne d’une autre structure');
	return allow;
}

function checkinPersonRule(doc: Linked, lookup: Lookup): Decision {
	if (typeof doc.person !== 'string' || doc.structure === undefined) return allow;
	const person = lookup(doc.person) as Linked | undefined;
	if (person?.type !== 'person') return allow;
	return person.structure === doc.structure
		? allow
		: deny('un pointage nomme la structure de la personne pointée');
}

function reportRule(doc: Linked, lookup: Lookup): Decision {
	const target = typeof doc.target === 'string' ? (lookup(doc.target) as Linked | undefined) : undefined;
	// A report on a content gone since (staff deleted it) is still handled: nothing left to compare.
	if (!target) return allow;
	const expected = target.type === 'message' ? target.conversation : undefined;
	return doc.conversation === expected ? allow : deny('un signalement de message nomme sa conversation');
}
