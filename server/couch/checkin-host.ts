// A check-in belongs to the structure hosting its event (or to the network when none does): the
// access rules see only the check-in, so the server compares its owner with the stored event here.
/// <reference types="pouchdb-core" />
import { type Decision, NETWORK } from '../../src/lib/domain';
import type { Incoming } from './write-checks';

/** The host of each event a batch's check-ins refer to (null: no host; absent: no such event). */
export async function checkinHosts(
	db: PouchDB.Database,
	docs: Incoming[],
): Promise<Map<string, string | null>> {
	const events = new Set<string>();
	for (const doc of docs)
		if (typeof doc._id === 'string' && doc._id.startsWith('checkin:') && typeof doc.event === 'string')
			events.add(doc.event);
	const hosts = new Map<string, string | null>();
	if (events.size === 0) return hosts;
	const rows = await db.allDocs({ keys: [...events], include_docs: true });
	for (const row of rows.rows)
		if ('doc' in row && row.doc) {
			const host = (row.doc as { host?: unknown }).host;
			hosts.set(row.id, typeof host === 'string' ? host : null);
		}
	return hosts;
}

export function checkCheckinHost(doc: Incoming, hosts: Map<string, string | null>): Decision {
	if (typeof doc._id !== 'string' || !doc._id.startsWith('checkin:') || doc._deleted === true)
		return { ok: true };
	const host = hosts.get(String(doc.event));
	if (host === undefined) return { ok: false, reason: 'pointage d’un événement inconnu' };
	if (doc.owner !== (host ?? NETWORK))
		return { ok: false, reason: 'seule la structure qui accueille l’événement pointe ses participants' };
	return { ok: true };
}
