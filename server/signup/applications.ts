// The applications of non-member structures, kept in the server-only accounts store (never on /db):
// `signup:<normalised e-mail>`, one per address. Unverified until the link of its mail is followed
// (then the account exists and the application waits in the animator's queue), then accepted,
// refused with a reason, or attached to a structure already in the directory.
/// <reference types="pouchdb-core" />

import type { EmployeeBand, LegalForm, SectorId } from '../../src/lib/domain';
import type { IdentifierKind } from '../../src/lib/domain/identifiers';
import type { MailLocale } from '../auth/accounts';
import { normaliseEmail } from '../auth/accounts';
import { HttpError } from '../errors';

export type ApplicationStatus = 'unverified' | 'pending' | 'accepted' | 'refused' | 'attached';

export interface ApplicationStructure {
	name: string;
	identifier: string;
	identifierKind: IdentifierKind;
	legalForm: LegalForm;
	sector: SectorId;
	employees: EmployeeBand;
	/** INSEE code. */
	commune: string;
}

export interface Application {
	_id: string;
	_rev?: string;
	type: 'signup';
	status: ApplicationStatus;
	structure: ApplicationStructure;
	contact: { name: string; email: string };
	/** Until the address is confirmed; it then moves to the account. */
	passwordHash?: string;
	locale: MailLocale;
	/** When the terms and privacy notice were accepted, and which version of them. */
	consent: { at: string; version: string };
	createdAt: string;
	verifiedAt?: string;
	decidedAt?: string;
	/** The animator's account. */
	decidedBy?: string;
	reason?: string;
	/** The directory entry the account belongs to once accepted or attached. */
	structureId?: string;
}

/** What the animator's queue shows of an application: no password hash. */
export type QueueEntry = Omit<Application, '_rev' | 'passwordHash' | 'type'> & { id: string };

export const applicationId = (email: string) => `signup:${normaliseEmail(email)}`;

export async function findApplication(accounts: PouchDB.Database, id: string): Promise<Application | null> {
	if (!id.startsWith('signup:')) return null;
	try {
		return (await accounts.get(id)) as unknown as Application;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

export async function pendingApplications(accounts: PouchDB.Database): Promise<QueueEntry[]> {
	const { rows } = await accounts.allDocs({
		startkey: 'signup:',
		endkey: 'signup:\uffff',
		include_docs: true,
	});
	return rows
		.map((r) => r.doc as unknown as Application)
		.filter((a) => a.status === 'pending')
		.sort((a, b) => (a.verifiedAt ?? a.createdAt).localeCompare(b.verifiedAt ?? b.createdAt))
		.map(({ _id, _rev, passwordHash, type, ...rest }) => ({ id: _id, _id, ...rest }));
}

/** The pending application `id`, or a French refusal (unknown, or already dealt with). */
export async function pendingApplication(accounts: PouchDB.Database, id: string): Promise<Application> {
	const application = await findApplication(accounts, id);
	if (!application || application.status === 'unverified')
		throw new HttpError(404, 'not_found', 'Demande d’inscription introuvable.');
	if (application.status !== 'pending')
		throw new HttpError(409, 'conflict', 'Cette demande d’inscription a déjà été traitée.');
	return application;
}

/** Saves the application's new state; a concurrent decision makes this one fail with a 409. */
export async function saveApplication(accounts: PouchDB.Database, application: Application): Promise<void> {
	try {
		await accounts.put(application);
	} catch (err) {
		if ((err as { status?: number }).status === 409)
			throw new HttpError(409, 'conflict', 'Cette demande d’inscription vient d’être traitée ailleurs.');
		throw err;
	}
}
