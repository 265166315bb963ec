// What the access rules cannot see from a registration alone: its event. A registration must
// share itself with the event's host, and a new place is taken only for an event that is still
// open (not cancelled, not over, members-only events for members).
/// <reference types="pouchdb-core" />
import { type Decision, type ElbEvent, hostScope, type Viewer } from '../../src/lib/domain';
import type { Incoming } from '../couch/write-checks';

const isRegistration = (doc: Incoming) => typeof doc._id === 'string' && doc._id.startsWith('registration:');
/** A device offline may be a little ahead; more than that would jump the waiting list. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The events a batch's registrations refer to. */
export async function registrationEvents(
	db: PouchDB.Database,
	docs: Incoming[],
): Promise<Map<string, ElbEvent>> {
	const ids = new Set<string>();
	for (const doc of docs) if (isRegistration(doc) && typeof doc.event === 'string') ids.add(doc.event);
	const events = new Map<string, ElbEvent>();
	if (ids.size === 0) return events;
	const rows = await db.allDocs({ keys: [...ids], include_docs: true });
	for (const row of rows.rows)
		if ('doc' in row && row.doc && (row.doc as { type?: string }).type === 'event')
			events.set(row.id, row.doc as unknown as ElbEvent);
	return events;
}

const deny = (reason: string): Decision => ({ ok: false, reason });
const sameList = (a: unknown, b: string[]) =>
	Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

export function checkRegistration(
	viewer: Viewer,
	before: Record<string, unknown> | null,
	doc: Incoming,
	events: Map<string, ElbEvent>,
): Decision {
	if (!isRegistration(doc) || doc._deleted === true) return { ok: true };
	const event = events.get(String(doc.event));
	if (!event) return deny('inscription à un événement inconnu');
	if (!sameList(doc.participants, hostScope(event, String(doc.owner))))
		return deny('une inscription se partage avec la structure qui accueille l’événement, et elle seule');
	if (viewer.role === 'animator') return { ok: true };
	const taking = doc.status === 'registered' && before?.status !== 'registered';
	if (!taking) {
		if (before && doc.registeredAt !== before.registeredAt)
			return deny('le rang d’une inscription ne change pas');
		return { ok: true };
	}
	if (event.status === 'cancelled') return deny('cet événement est annulé');
	if (event.end < new Date().toISOString()) return deny('cet événement est terminé');
	if (event.audience === 'members' && viewer.role !== 'member')
		return deny('cet événement est réservé aux structures adhérentes');
	if (Date.parse(String(doc.registeredAt)) > Date.now() + CLOCK_SKEW_MS)
		return deny('heure d’inscription dans le futur : vérifiez l’horloge de l’appareil');
	return { ok: true };
}
