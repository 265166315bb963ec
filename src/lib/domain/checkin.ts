// Door check-ins: one document per person per event, with an id computed from the two, so two
// phones checking in the same person offline write two revisions of ONE document (a conflict that
// `mergeCheckins` resolves the same way everywhere), never two check-ins.
import * as v from 'valibot';
import type { Decision, Lookup, Scoped } from './access-types';
import { attendee, base, isoTimestamp, keys, required } from './fields';
import { keyOf, NETWORK, slugify } from './ids';

export const CHECKIN_METHODS = {
	qr: 'Carte scannée',
	search: 'Recherche par nom',
	walkin: 'Sans inscription',
} as const;
export type CheckinMethod = keyof typeof CHECKIN_METHODS;

/** FNV-1a: a short, stable hash (not a secret), so a walk-in's id does not spell their e-mail. */
export function shortHash(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(36).padStart(7, '0');
}

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

export interface WalkIn {
	name: string;
	structureName?: string;
	email?: string;
}

/** `checkin:<event key>~<person key>`: the same on every phone. */
export function checkinId(eventId: string, personId: string): string {
	return `checkin:${keyOf(eventId)}~${keyOf(personId)}`;
}

/**
 * `checkin:<event key>~guest-<hash>`: a guest registered without an account is checked in under
 * their registration's own key, so the door's two phones and the reports find one document.
 */
export function guestCheckinId(eventId: string, registrationId: string): string {
	return `checkin:${keyOf(eventId)}~${registrationId.slice(registrationId.indexOf('~') + 1)}`;
}

/** A walk-in is known by their e-mail, or else by name and structure: typed twice, counted once. */
export function walkinId(eventId: string, who: WalkIn): string {
	const identity = who.email?.trim() ? norm(who.email) : `${norm(who.name)}|${norm(who.structureName)}`;
	const slug = slugify(who.name).slice(0, 40) || 'anonyme';
	return `checkin:${keyOf(eventId)}~walkin-${slug}-${shortHash(identity)}`;
}

export const CheckinSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('checkin'),
		...attendee,
		method: v.picklist(keys(CHECKIN_METHODS)),
		/** The guest registration (no account, no person) this check-in honours. */
		registration: v.optional(
			v.pipe(v.string(), v.startsWith('registration:', 'identifiant d’inscription attendu')),
		),
		at: isoTimestamp,
		/** Every device that checked this person in; the merge keeps them all. */
		devices: v.pipe(v.array(required(80)), v.minLength(1, 'appareil manquant')),
		/** A validly signed card of someone this device did not know: confirmed at sync. */
		unconfirmed: v.optional(v.literal(true)),
	}),
	v.check(
		(c) => (c.method === 'walkin') !== !!(c.person || c.registration),
		'un pointage nomme une personne ou une inscription d’invité, sauf sans inscription',
	),
	v.check((c) => !(c.person && c.registration), 'un pointage nomme une personne ou un invité, pas les deux'),
	v.check(
		(c) =>
			c._id ===
			(c.person
				? checkinId(c.event, c.person)
				: c.registration
					? guestCheckinId(c.event, c.registration)
					: walkinId(c.event, c)),
		'identifiant de pointage incohérent avec l’événement et la personne',
	),
	v.check(
		(c) =>
			c.owner === NETWORK
				? c.audience === 'staff'
				: c.audience === 'participants' && c.participants?.length === 1 && c.participants[0] === c.owner,
		'un pointage est réservé à la structure qui accueille et à l’équipe du réseau',
	),
);
export type Checkin = v.InferOutput<typeof CheckinSchema>;

export interface CheckinInput {
	event: { _id: string; host?: string };
	method: CheckinMethod;
	device: string;
	at?: string;
	person?: { _id: string; structure?: string; name: string };
	walkin?: WalkIn;
	/** A guest registration found at the door (by name): checked in as registered. */
	guest?: { _id: string; name: string; structureName?: string; email?: string };
	unconfirmed?: boolean;
}

/** A new check-in, owned by the event's host (its accounts run the door) or by the network. */
export function newCheckin(input: CheckinInput): Checkin {
	const at = input.at ?? new Date().toISOString();
	const host = input.event.host;
	const scope = host
		? { owner: host, audience: 'participants' as const, participants: [host] }
		: { owner: NETWORK, audience: 'staff' as const };
	const who = input.person
		? {
				_id: checkinId(input.event._id, input.person._id),
				person: input.person._id,
				name: input.person.name,
				...(input.person.structure ? { structure: input.person.structure } : {}),
			}
		: input.guest
			? guestFields(input.event._id, input.guest)
			: walkinFields(input.event._id, input.walkin);
	const named = input.person || input.guest;
	return {
		...who,
		type: 'checkin',
		schema: 1,
		...scope,
		createdAt: at,
		updatedAt: at,
		event: input.event._id,
		method: named ? (input.method === 'walkin' ? 'search' : input.method) : 'walkin',
		at,
		devices: [input.device],
		...(input.unconfirmed ? { unconfirmed: true as const } : {}),
	};
}

function guestFields(eventId: string, guest: NonNullable<CheckinInput['guest']>) {
	return {
		_id: guestCheckinId(eventId, guest._id),
		registration: guest._id,
		name: guest.name,
		...(guest.structureName ? { structureName: guest.structureName } : {}),
		...(guest.email ? { email: guest.email } : {}),
	};
}

function walkinFields(eventId: string, walkin: WalkIn | undefined) {
	const name = walkin?.name.trim() ?? '';
	const structureName = walkin?.structureName?.trim();
	const mail = walkin?.email?.trim();
	return {
		_id: walkinId(eventId, { name, structureName, email: mail }),
		name,
		...(structureName ? { structureName } : {}),
		...(mail ? { email: mail } : {}),
	};
}

/** JSON with sorted keys: a total order on documents, whatever order their fields came in. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

function strip(doc: Checkin): Checkin {
	const { _rev, _conflicts, _revisions, ...rest } = doc as Checkin & Record<string, unknown>;
	return rest as Checkin;
}

/**
 * Merges two revisions of one check-in: the earliest arrival wins (then the smaller device, then
 * the whole document in canonical order), devices are united, and it stays unconfirmed only if
 * both are (then the confirmed revision's name is kept). Commutative and idempotent, so every
 * phone that sees the conflict writes the same document.
 */
export function mergeCheckins(a: Checkin, b: Checkin): Checkin {
	const [x, y] = [strip(a), strip(b)];
	const order =
		x.at.localeCompare(y.at) ||
		x.devices[0].localeCompare(y.devices[0]) ||
		canonical(x).localeCompare(canonical(y));
	const [first, second] = order <= 0 ? [x, y] : [y, x];
	const { unconfirmed, ...merged } = first;
	// A phone that knew the person wrote their real name: keep it over the placeholder.
	const named = first.unconfirmed && !second.unconfirmed ? second : first;
	return {
		...merged,
		name: named.name,
		...(named.structure ? { structure: named.structure } : {}),
		createdAt: [x.createdAt, y.createdAt].sort()[0],
		updatedAt: [x.updatedAt, y.updatedAt].sort()[1],
		devices: [...new Set([...x.devices, ...y.devices])].sort(),
		...(x.unconfirmed && y.unconfirmed ? { unconfirmed } : {}),
	};
}

/**
 * A check-in belongs to the structure hosting its event (or to the network when none does): the
 * access rules see only the check-in, so its owner is compared with the event here.
 */
export function checkinHostRule(doc: Scoped & { event?: unknown }, lookup: Lookup): Decision {
	const event = typeof doc.event === 'string' ? lookup(doc.event) : undefined;
	if (event?.type !== 'event') return { ok: false, reason: 'pointage d’un événement inconnu' };
	const host = (event as { host?: unknown }).host;
	if (doc.owner !== (typeof host === 'string' ? host : NETWORK))
		return { ok: false, reason: 'seule la structure qui accueille l’événement pointe ses participants' };
	return { ok: true };
}
