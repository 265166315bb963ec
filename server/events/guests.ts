// Guests (visitors with no account) register through the server: name, structure and e-mail,
// checked here, written as a network-owned registration shared with the host. A secret token,
// of which only a hash is stored, lets the guest cancel later.
/// <reference types="pouchdb-core" />
import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import {
	type ElbEvent,
	guestRegistrationId,
	hostScope,
	NETWORK,
	placesOf,
	type Registration,
	type Standing,
} from '../../src/lib/domain';
import { HttpError } from '../errors';

const field = (label: string, max: number) =>
	v.pipe(
		v.string(`${label} : texte attendu`),
		v.trim(),
		v.minLength(1, `${label} : champ obligatoire`),
		v.maxLength(max, `${label} : ${max} caractères au plus`),
	);

export const GuestInput = v.object({
	name: field('Nom', 120),
	structureName: field('Structure', 120),
	email: v.pipe(
		v.string('E-mail : texte attendu'),
		v.trim(),
		v.toLowerCase(),
		v.maxLength(254, 'E-mail : 254 caractères au plus'),
		v.email('E-mail : adresse invalide'),
	),
});

export function parseGuest(body: unknown) {
	const parsed = v.safeParse(GuestInput, body);
	if (parsed.success) return parsed.output;
	const issue = parsed.issues[0];
	const missing = issue.kind === 'schema' && issue.received === 'undefined' && issue.path?.length;
	const reason = missing ? `${labelOf(issue.path?.[0]?.key)} : champ obligatoire` : issue.message;
	throw new HttpError(400, 'bad_request', `Inscription impossible. ${reason}.`);
}

function labelOf(key: unknown): string {
	return key === 'name'
		? 'Nom'
		: key === 'structureName'
			? 'Structure'
			: key === 'email'
				? 'E-mail'
				: 'Champ';
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);

/** The registrations of one event, read straight from the store. */
export async function registrationsOf(db: PouchDB.Database, eventId: string): Promise<Registration[]> {
	const prefix = `registration:${keyOf(eventId)}~`;
	const rows = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
	return rows.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as Registration] : []));
}

export function openForRegistration(event: ElbEvent, now = new Date()): void {
	if (event.status === 'cancelled') throw new HttpError(409, 'conflict', 'Cet événement est annulé.');
	if (event.end < now.toISOString()) throw new HttpError(409, 'conflict', 'Cet événement est terminé.');
	if (event.audience !== 'public')
		throw new HttpError(403, 'forbidden', 'Cet événement est réservé aux adhérents du réseau.');
}

export interface GuestOutcome {
	id: string;
	standing: Standing;
	/** Give it back to cancel: shown once, never stored in clear. */
	cancelToken: string;
}

/** Registers a guest (again, if they had cancelled); an e-mail already holding a turn is refused. */
export async function registerGuest(
	db: PouchDB.Database,
	event: ElbEvent,
	guest: v.InferOutput<typeof GuestInput>,
): Promise<GuestOutcome> {
	openForRegistration(event);
	const id = guestRegistrationId(event._id, guest.email);
	const existing = (await db.get(id).catch(() => null)) as (Registration & { _rev: string }) | null;
	if (existing?.status === 'registered')
		throw new HttpError(409, 'conflict', 'Cette adresse e-mail est déjà inscrite à cet événement.');
	const now = new Date().toISOString();
	const token = `${keyOf(id)}.${randomBytes(18).toString('base64url')}`;
	const doc: Registration & { cancelHash: string } = {
		_id: id,
		...(existing ? { _rev: existing._rev } : {}),
		type: 'registration',
		schema: 1,
		owner: NETWORK,
		audience: 'participants',
		participants: hostScope(event, NETWORK),
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		event: event._id,
		guest: true,
		name: guest.name,
		structureName: guest.structureName,
		email: guest.email,
		status: 'registered',
		registeredAt: now,
		cancelHash: hash(token),
	};
	await db.put(doc);
	const standing = placesOf(await registrationsOf(db, event._id), event.capacity).standing.get(id);
	return { id, standing: standing ?? { status: 'confirmed' }, cancelToken: token };
}

/** Cancels the guest registration the token was given for. */
export async function cancelGuest(db: PouchDB.Database, token: string): Promise<Registration> {
	const key = token.slice(0, token.lastIndexOf('.'));
	const doc = (await db.get(`registration:${key}`).catch(() => null)) as
		| (Registration & { _rev: string; cancelHash?: string })
		| null;
	if (!doc?.guest || !doc.cancelHash || doc.cancelHash !== hash(token))
		throw new HttpError(404, 'not_found', 'Lien d’annulation inconnu ou périmé.');
	if (doc.status === 'cancelled') return doc;
	const now = new Date().toISOString();
	const cancelled = { ...doc, status: 'cancelled' as const, cancelledAt: now, updatedAt: now };
	await db.put(cancelled);
	return cancelled;
}
