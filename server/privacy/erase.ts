// Erasure of one person (RGPD): their own documents are deleted with a tombstone (which replicates
// to every device that may hold them: each drops its copy at its next sync, an offline one too),
// their messages stay with the author shown as FORMER_MEMBER, the ids are recorded as erased so no
// stale copy can be written back (erased.ts), and the store is compacted so the old revisions'
// bodies are not kept. Then the account, its sessions and links go. A log line keeps who erased,
// when and why — not whom, nor any of the data.
/// <reference types="pouchdb-core" />
import { randomBytes } from 'node:crypto';
import type { Scoped, Viewer } from '../../src/lib/domain';
import type { Account } from '../auth/accounts';
import { type TokenDoc, tokensOf } from '../auth/tokens';
import type { Couch } from '../couch/context';
import { type ErasedKind, FORMER_MEMBER } from '../couch/erased';
import { writeDocs } from '../couch/writes';
import { applicationId } from '../signup/applications';
import { subjectOf, type Who, whoOfAccount } from './subject';

/** The server itself writing, with staff's rights (through the same write path and index). */
const SERVER: Viewer = { role: 'animator', accountId: 'server:privacy' };

export interface ErasureLog {
	_id: string;
	type: 'erasure';
	at: string;
	/** Who erased: the account itself (`self`) or the animator's account id. */
	by: string;
	reason: string;
	/** How many documents were deleted and messages anonymised: numbers, no ids. */
	deleted: number;
	anonymised: number;
}

export interface ErasureResult {
	deleted: number;
	anonymised: number;
	/** Export files of the account, to remove. */
	files: string[];
}

/** Erases an account and its person's documents (see subject.ts for which). */
export async function eraseAccount(
	couch: Couch,
	accounts: PouchDB.Database,
	account: Account,
	how: { by: string; reason: string; now?: Date },
): Promise<ErasureResult> {
	const done = await eraseDocuments(couch, accounts, whoOfAccount(account), how);
	return { ...done, files: await forgetAccount(accounts, account) };
}

/** Erases a directory entry without an account (its contact, check-ins…, messages signed with its name). */
export function erasePerson(
	couch: Couch,
	accounts: PouchDB.Database,
	person: { _id: string; name: string; structure?: string },
	how: { by: string; reason: string; now?: Date },
): Promise<ErasureResult> {
	const who: Who = { name: person.name, structureId: person.structure, person: person._id };
	return eraseDocuments(couch, accounts, who, how);
}

async function eraseDocuments(
	couch: Couch,
	accounts: PouchDB.Database,
	who: Who,
	{ by, reason, now = new Date() }: { by: string; reason: string; now?: Date },
): Promise<ErasureResult> {
	const subject = await subjectOf(couch.db, who);
	const kinds = new Map<string, ErasedKind>();
	for (const id of subject.own.keys()) kinds.set(id, 'deleted');
	for (const m of subject.messages) kinds.set(m._id, 'anonymised');
	// Recorded first: from now on a stale copy is refused, even one pushed during the erasure.
	if (kinds.size > 0) await couch.erased.add(kinds, now);
	const at = now.toISOString();
	const writes = [
		...[...subject.own.values()].map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true })),
		...subject.messages.map((d) => ({ ...d, authorName: FORMER_MEMBER, updatedAt: at })),
	];
	if (writes.length > 0) {
		const outcomes = await writeDocs(couch, SERVER, writes, true);
		const failed = outcomes.find((o) => !o.ok);
		if (failed) throw new Error(`erasure: ${failed.id} not written: ${failed.error} ${failed.reason}`);
		// Devices learn at their next drop check that these are to be dropped, content and all.
		for (const d of subject.own.values())
			couch.index.drops.recordErased(couch.index.seq, {
				_id: d._id,
				type: d.type,
				owner: d.owner as string | undefined,
				audience: d.audience as Scoped['audience'],
				participants: d.participants as string[] | undefined,
			});
		// Saved before the compaction takes away the history a restart would recover them from.
		await couch.index.drops.save();
		// Only leaves are kept: the bodies of the revisions just replaced are gone from the store.
		await couch.db.compact();
	}
	const log: ErasureLog = {
		_id: `erasure:${at}~${randomBytes(4).toString('hex')}`,
		type: 'erasure',
		at,
		by,
		reason,
		deleted: subject.own.size,
		anonymised: subject.messages.length,
	};
	await accounts.put(log);
	return { deleted: subject.own.size, anonymised: subject.messages.length, files: [] };
}

/** Removes the account, its sessions and its links; returns the export files its links named. */
async function forgetAccount(accounts: PouchDB.Database, account: Account): Promise<string[]> {
	const { rows } = await accounts.allDocs({
		startkey: 'session:',
		endkey: 'session:\uffff',
		include_docs: true,
	});
	const sessions = rows.filter((r) => (r.doc as { account?: string } | undefined)?.account === account._id);
	// The addresses it signed in with (server/auth/accounts.ts LoginDoc) and its sign-up form.
	const logins = await accounts.allDocs({ startkey: 'login:', endkey: 'login:\uffff', include_docs: true });
	const owned = logins.rows.filter(
		(r) => (r.doc as { account?: string } | undefined)?.account === account._id,
	);
	const signup = await accounts.get(applicationId(account.email)).catch(() => null);
	const tokens = await tokensOf(accounts, account._id);
	const files = tokens.flatMap((t: TokenDoc) => (typeof t.data.file === 'string' ? [t.data.file] : []));
	const current = await accounts.get(account._id);
	const gone = [
		...sessions.map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true })),
		...tokens.map((t) => ({ _id: t._id, _rev: t._rev as string, _deleted: true })),
		...owned.map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true })),
		...(signup ? [{ _id: signup._id, _rev: signup._rev, _deleted: true }] : []),
		{ _id: current._id, _rev: current._rev, _deleted: true },
	];
	await accounts.bulkDocs(gone);
	// The account store keeps no old bodies either (the password hash, the e-mail).
	await accounts.compact();
	return files;
}

export async function erasureLog(accounts: PouchDB.Database): Promise<ErasureLog[]> {
	const { rows } = await accounts.allDocs({
		startkey: 'erasure:',
		endkey: 'erasure:\uffff',
		include_docs: true,
	});
	return rows.map((r) => r.doc as unknown as ErasureLog).reverse();
}
