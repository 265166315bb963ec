// Registrations to events: one document per person (or guest e-mail) per event, with an id computed
// from the two, so a retry or a second device edits ONE document. Who holds a place and who waits is
// never stored: it is computed from the live registrations in the order they came, the same everywhere.
import * as v from 'valibot';
import type { Decision, Lookup, Scoped, Viewer } from './access-types';
import { shortHash } from './checkin';
import type { ElbEvent } from './events';
import { attendee, base, isoTimestamp, keys } from './fields';
import { keyOf, NETWORK } from './ids';

export const REGISTRATION_STATUSES = { registered: 'Inscrit·e', cancelled: 'Annulée' } as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

/** `registration:<event key>~<person key>`: the same on every device. */
export function registrationId(eventId: string, personId: string): string {
	return `registration:${keyOf(eventId)}~${keyOf(personId)}`;
}

/** A guest is known by their e-mail: registering twice with it edits one registration. */
export function guestRegistrationId(eventId: string, mail: string): string {
	return `registration:${keyOf(eventId)}~guest-${shortHash(mail.trim().toLowerCase())}`;
}

export const RegistrationSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('registration'),
		...attendee,
		guest: v.optional(v.literal(true)),
		status: v.picklist(keys(REGISTRATION_STATUSES)),
		/** When the person took their turn: the waiting list follows this order. */
		registeredAt: isoTimestamp,
		cancelledAt: v.optional(isoTimestamp),
	}),
	v.check((r) => !!r.guest !== !!r.person, 'une inscription nomme une personne de l’annuaire, ou un invité'),
	v.check((r) => !r.guest || !!r.email, 'l’e-mail de l’invité est obligatoire'),
	v.check(
		(r) =>
			r._id === (r.person ? registrationId(r.event, r.person) : guestRegistrationId(r.event, r.email ?? '')),
		'identifiant d’inscription incohérent avec l’événement et la personne',
	),
	v.check(
		(r) => (r.guest ? r.owner === NETWORK : r.owner === r.structure),
		'une inscription appartient à la structure de la personne (au réseau pour un invité)',
	),
	v.check(
		(r) => r.audience === 'participants' && (r.participants?.length ?? 0) <= 1,
		'une inscription se lit par la structure inscrite, la structure qui accueille et l’équipe du réseau',
	),
);
export type Registration = v.InferOutput<typeof RegistrationSchema>;

interface RegistrationInput {
	event: { _id: string; host?: string };
	person: { _id: string; structure: string; name: string };
	at?: string;
}

/** The host reads the registrations to its event (participants); the registrant's structure owns them. */
export function hostScope(event: { host?: string }, owner: string): string[] {
	return event.host && event.host !== owner ? [event.host] : [];
}

/** A person of a structure registering (or registering again after cancelling: back of the queue). */
export function newRegistration({ event, person, at }: RegistrationInput): Registration {
	const now = at ?? new Date().toISOString();
	return {
		_id: registrationId(event._id, person._id),
		type: 'registration',
		schema: 1,
		owner: person.structure,
		audience: 'participants',
		participants: hostScope(event, person.structure),
		createdAt: now,
		updatedAt: now,
		event: event._id,
		person: person._id,
		structure: person.structure,
		name: person.name,
		status: 'registered',
		registeredAt: now,
	};
}

/** Where one live registration stands: holding a place, or waiting at a position (1 = next). */
export type Standing = { status: 'confirmed' } | { status: 'waiting'; position: number };

export interface Places<R> {
	/** Registrations holding a place, in registration order. */
	confirmed: R[];
	/** The waiting list, next one first. */
	waiting: R[];
	standing: Map<string, Standing>;
	/** Free places, or null when the event has no limit. */
	free: number | null;
}

type Ranked = { _id: string; status: string; registeredAt: string };

/** Registration order: earliest first, then by id, so every device and the server agree. */
export function byRegistrationOrder(a: Ranked, b: Ranked): number {
	return a.registeredAt.localeCompare(b.registeredAt) || a._id.localeCompare(b._id);
}

/**
 * The first `capacity` live registrations hold a place; the rest wait in order. Cancelling frees a
 * place and the next one moves up at once, since nothing but this computation says who waits.
 */
export function placesOf<R extends Ranked>(registrations: R[], capacity: number | undefined): Places<R> {
	const live = registrations.filter((r) => r.status === 'registered').sort(byRegistrationOrder);
	const limit = capacity ?? Number.POSITIVE_INFINITY;
	const confirmed = live.slice(0, limit);
	const waiting = live.slice(confirmed.length);
	const standing = new Map<string, Standing>();
	for (const r of confirmed) standing.set(r._id, { status: 'confirmed' });
	for (const [i, r] of waiting.entries()) standing.set(r._id, { status: 'waiting', position: i + 1 });
	return { confirmed, waiting, standing, free: capacity === undefined ? null : capacity - confirmed.length };
}

type Arrival = { _id: string; event: string; person?: string; registration?: string; email?: string };

/**
 * The registration a check-in honours: a member's own (one per person and event), the guest
 * registration it names, or, for a walk-in typed with the e-mail a guest registered with (as the
 * door did before it found guests by name), that guest's registration.
 */
export function registrationOfCheckin(c: Arrival): string {
	if (c.person) return registrationId(c.event, c.person);
	if (c.registration) return c.registration;
	return c.email?.trim() ? guestRegistrationId(c.event, c.email) : '';
}

export interface DoorCounts {
	/** Everyone checked in, each document once. */
	checkedIn: number;
	/** Of them, people holding a live registration (members and guests, waiting list included). */
	registered: number;
	/** Of them, people who came without one: the two always add up to `checkedIn`. */
	walkins: number;
}

/** The door's counts for one event, from its check-ins and its registrations. */
export function doorCounts(checkins: Arrival[], registrations: Ranked[]): DoorCounts {
	const live = new Set(registrations.filter((r) => r.status === 'registered').map((r) => r._id));
	const unique = [...new Map(checkins.map((c) => [c._id, c])).values()];
	const registered = unique.filter((c) => live.has(registrationOfCheckin(c))).length;
	return { checkedIn: unique.length, registered, walkins: unique.length - registered };
}

/** Live registrations (places, then the waiting list) whose person has not been checked in yet. */
export function notArrived<R extends Ranked>(
	checkins: Arrival[],
	registrations: R[],
	capacity?: number,
): R[] {
	const came = new Set(checkins.map(registrationOfCheckin));
	const { confirmed, waiting } = placesOf(registrations, capacity);
	return [...confirmed, ...waiting].filter((r) => !came.has(r._id));
}

/** French words for a standing: what the person and the host read. */
export function standingLabel(standing: Standing | undefined): string {
	if (!standing) return 'Inscription annulée';
	return standing.status === 'confirmed' ? 'Inscrit·e' : `En liste d’attente (n° ${standing.position})`;
}

/**
 * Two revisions of one registration (two devices offline): the later edit wins, ties broken by the
 * whole document, so every device resolves the conflict the same way.
 */
export function mergeRegistrations(a: Registration, b: Registration): Registration {
	const strip = ({ _rev, ...rest }: Registration & { _conflicts?: unknown }) => {
		const { _conflicts, ...clean } = rest as typeof rest & { _conflicts?: unknown };
		return clean as Registration;
	};
	const [x, y] = [strip(a), strip(b)];
	const order = x.updatedAt.localeCompare(y.updatedAt) || JSON.stringify(x).localeCompare(JSON.stringify(y));
	return order >= 0 ? x : y;
}

/**
 * A structure registers its own people: the person must be one of its own (the lookup reads the
 * person), and the document must say so. The event and its host are checked by the server.
 */
export function canWriteRegistration(
	viewer: Viewer & { structureId: string },
	before: Scoped | null,
	incoming: Scoped & { _deleted?: boolean },
	lookup: Lookup | undefined,
): Decision {
	const after = incoming as Scoped & {
		_deleted?: boolean;
		guest?: unknown;
		structure?: unknown;
		person?: unknown;
	};
	if (before && before.owner !== viewer.structureId)
		return deny('cette inscription est celle d’une autre structure');
	if (after._deleted) return deny('une inscription ne s’efface pas : annulez-la');
	if (after.guest) return deny('les invités s’inscrivent par le formulaire public');
	if (after.owner !== viewer.structureId || after.structure !== viewer.structureId)
		return deny('vous ne pouvez inscrire que des personnes de votre structure');
	const person = typeof after.person === 'string' ? lookup?.(after.person) : undefined;
	if (person?.type !== 'person' || !person) return deny('personne inconnue de l’annuaire');
	if (person.owner !== viewer.structureId)
		return deny('vous ne pouvez inscrire que des personnes de votre structure');
	return { ok: true };
}

const deny = (reason: string): Decision => ({ ok: false, reason });

/** A device offline may be a little ahead; more than that would jump the waiting list. */
const CLOCK_SKEW_MS = 5 * 60_000;
const sameList = (a: unknown, b: string[]) =>
	Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What the access rules cannot see from a registration alone: its event. It shares itself with the
 * event's host, and a new place is taken only for an event still open (not cancelled, not over,
 * members-only events for members), at a time not ahead of `now` (ms).
 */
export function registrationEventRule(
	viewer: Viewer,
	before: Scoped | null,
	incoming: Scoped & { event?: unknown },
	lookup: Lookup,
	now: number,
): Decision {
	const doc = incoming as Scoped & Partial<Registration>;
	const found = typeof doc.event === 'string' ? lookup(doc.event) : undefined;
	if (found?.type !== 'event') return deny('inscription à un événement inconnu');
	const event = found as ElbEvent;
	if (!sameList(doc.participants, hostScope(event, String(doc.owner))))
		return deny('une inscription se partage avec la structure qui accueille l’événement, et elle seule');
	if (viewer.role === 'animator') return { ok: true };
	const previous = before as (Scoped & Partial<Registration>) | null;
	const taking = doc.status === 'registered' && previous?.status !== 'registered';
	if (!taking) {
		if (previous && doc.registeredAt !== previous.registeredAt)
			return deny('le rang d’une inscription ne change pas');
		return { ok: true };
	}
	if (event.status === 'cancelled') return deny('cet événement est annulé');
	if (event.end < new Date(now).toISOString()) return deny('cet événement est terminé');
	if (event.audience === 'members' && viewer.role !== 'member')
		return deny('cet événement est réservé aux structures adhérentes');
	if (Date.parse(String(doc.registeredAt)) > now + CLOCK_SKEW_MS)
		return deny('heure d’inscription dans le futur : vérifiez l’horloge de l’appareil');
	return { ok: true };
}
