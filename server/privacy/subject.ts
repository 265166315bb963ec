// What of the shared database is one person's (RGPD export and erasure). Documents belong to
// structures (`owner`), not to accounts, so a person's own documents are found this way:
// - their person entries: `person` documents of the account's structure whose contact (`contact`
//   document) has the account's e-mail, or, without a contact, whose name is the account's name;
// - the contact details of those entries;
// - what names one of those entries (`person` field: check-ins, registrations) or the account's
//   e-mail (a guest registration, a check-in typed in);
// - messages and reports they wrote: written for the account's structure (`author`/`owner`) and
//   signed with the account's or an entry's name (`authorName`, `reporterName`).
// Listings, favourites, saved searches, conversations and read marks belong to the structure (no
// account is recorded on them): they are the structure's, exported for its admin only and never
// erased with one person. Messages of other people are never exported, not even in part.
/// <reference types="pouchdb-core" />
import type { Account } from '../auth/accounts';

export type StoredDoc = Record<string, unknown> & { _id: string; _rev: string; type?: string };

/** A structure admin (roles of the structure, see the invitations work): exports the structure's documents too. */
export const isStructureAdmin = (account: Account) =>
	(account as Account & { structureRole?: string }).structureRole === 'admin';

export interface Subject {
	/** The person's own documents, by id. */
	own: Map<string, StoredDoc>;
	/** Messages they signed: kept, anonymised, at an erasure. */
	messages: StoredDoc[];
	/** For a structure admin, the structure's documents not already in `own`. */
	structure: StoredDoc[];
}

const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);

/** Whom the documents are about: an account, or a directory entry without one (`person`). */
export interface Who {
	name: string;
	email?: string;
	structureId?: string;
	/** A directory entry erased on request: this entry alone, not those found from an account. */
	person?: string;
	admin?: boolean;
}

export const whoOfAccount = (account: Account): Who => ({
	name: account.name,
	email: account.email,
	structureId: account.structureId,
	admin: isStructureAdmin(account),
});

export async function subjectOf(db: PouchDB.Database, account: Who): Promise<Subject> {
	const { rows } = await db.allDocs({ include_docs: true });
	const docs = rows.flatMap((r) => (r.doc ? [r.doc as unknown as StoredDoc] : []));
	const email = lower(account.email);
	const structureId = account.structureId;
	const ofStructure = (d: StoredDoc) => structureId !== undefined && d.owner === structureId;

	const contacts = new Map<string, StoredDoc>();
	for (const d of docs) if (d.type === 'contact' && typeof d.person === 'string') contacts.set(d.person, d);
	const people = docs.filter((d) => {
		if (account.person !== undefined) return d._id === account.person;
		if (d.type !== 'person' || !ofStructure(d)) return false;
		const contact = contacts.get(d._id);
		if (contact && typeof contact.email === 'string') return lower(contact.email) === email;
		return lower(d.name) === lower(account.name);
	});
	const personIds = new Set(people.map((p) => p._id));
	const names = new Set([lower(account.name), ...people.map((p) => lower(p.name))].filter(Boolean));

	const own = new Map<string, StoredDoc>();
	const messages: StoredDoc[] = [];
	for (const d of docs) {
		const mine =
			personIds.has(d._id) ||
			(d.type === 'contact' && personIds.has(d.person as string)) ||
			(typeof d.person === 'string' && personIds.has(d.person)) ||
			((d.type === 'registration' || d.type === 'checkin') &&
				email !== undefined &&
				lower(d.email) === email) ||
			(d.type === 'report' && ofStructure(d) && names.has(lower(d.reporterName)));
		if (mine) own.set(d._id, d);
		else if (d.type === 'message' && d.author === structureId && names.has(lower(d.authorName)))
			messages.push(d);
	}
	const structure = account.admin
		? docs.filter((d) => ofStructure(d) && !own.has(d._id) && !messages.includes(d))
		: [];
	return { own, messages, structure };
}
