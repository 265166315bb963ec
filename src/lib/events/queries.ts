// Live queries of the events part: an event's registrations as this device holds them (the host
// and staff hold them all, a structure its own), a structure's team, proposals to host, and the
// names of the structures these documents point to.
import { liveQuery, type Observable } from 'dexie';
import type { Person, Proposal, Registration } from '../domain';
import { compareText } from '../i18n';
import { type Row, tables } from '../local/db';

export type RegistrationRow = Row<Registration>;

export function registrationsOf(eventId: string): Observable<RegistrationRow[]> {
	return liveQuery(() => tables.registrations.where('event').equals(eventId).toArray());
}

/** The person of the directory the signed-in account is (its contact carries the e-mail), if known. */
export async function personOfAccount(email: string, structureId: string): Promise<Row<Person> | undefined> {
	const key = email.trim().toLowerCase();
	const contacts = await tables.contacts.where('owner').equals(structureId).toArray();
	const contact = contacts.find((c) => c.email?.trim().toLowerCase() === key);
	return contact ? tables.people.get(contact.person) : undefined;
}

/** People of a structure, by name. */
export function teamOf(structureId: string): Observable<Row<Person>[]> {
	return liveQuery(async () =>
		(await tables.people.where('owner').equals(structureId).toArray()).sort((a, b) =>
			compareText(a.name, b.name),
		),
	);
}

/** Proposals on this device (a structure has its own, staff all), newest first. */
export function proposals(owner?: string): Observable<Row<Proposal>[]> {
	return liveQuery(async () => {
		const rows = owner
			? await tables.proposals.where('owner').equals(owner).toArray()
			: await tables.proposals.toArray();
		return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
	});
}

export function proposal(id: string): Observable<Row<Proposal> | undefined> {
	return liveQuery(() => tables.proposals.get(id));
}

/** The directory names of these structures, for lists that show where people come from. */
export function structureNames(ids: readonly string[]): Observable<Map<string, string>> {
	const unique = [...new Set(ids)];
	return liveQuery(async () => {
		const rows = await tables.structures.bulkGet(unique);
		return new Map(rows.flatMap((s) => (s ? [[s._id, s.name] as const] : [])));
	});
}
