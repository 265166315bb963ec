// The accounts of a structure as its team: who is invited, active or expired, and each one's role
// within the structure. Reads and writes account documents of the shape of auth/accounts.ts, with
// the fields invitations add; the accounts store never replicates.
/// <reference types="pouchdb-core" />
import { randomBytes } from 'node:crypto';
import type { StructureRole, TeamMember } from '../../src/lib/domain/team';
import { type Account, findAccount, updateAccount as updateAnyAccount } from '../auth/accounts';
import { argon2Hash } from '../auth/hashing';
import { passwordQueue } from '../auth/password-queue';
import { type TokenDoc, tokensOf } from '../auth/tokens';
import { HttpError } from '../errors';

export {
	STRUCTURE_ROLES,
	type StructureRole,
	type TeamMember,
	type TeamStatus,
} from '../../src/lib/domain/team';

/** An account with what invitations add to it. */
export interface TeamAccount extends Account {
	/** Accounts made before roles existed (the demo's) manage their structure: admin when unset. */
	structureRole?: StructureRole;
	invitedAt?: string;
	/** The account id of who invited (or `cli`). */
	invitedBy?: string;
	/** When the invited person set a password: from then on the account is active. */
	activatedAt?: string;
	/** Set by an operator (`npm run accounts -- disable`): no sign-in, no session. */
	disabled?: boolean;
}

export const roleOf = (account: TeamAccount): StructureRole => account.structureRole ?? 'admin';

/** Still waiting for its person to set a password. */
export const isPending = (account: TeamAccount) => !!account.invitedAt && !account.activatedAt;

/** The latest invitation link of an account that is still usable, if any. */
export function liveInvitation(tokens: TokenDoc[], now: number): TokenDoc | undefined {
	return tokens
		.filter((t) => t.purpose === 'invitation' && !t.usedAt && !t.revokedAt && Date.parse(t.expiresAt) > now)
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

export async function statusOf(
	accounts: PouchDB.Database,
	account: TeamAccount,
	now: number,
): Promise<Pick<TeamMember, 'status' | 'expiresAt'>> {
	if (account.disabled) return { status: 'disabled' };
	if (!isPending(account)) return { status: 'active' };
	const live = liveInvitation(await tokensOf(accounts, account._id), now);
	return live ? { status: 'invited', expiresAt: live.expiresAt } : { status: 'expired' };
}

export async function allAccounts(accounts: PouchDB.Database): Promise<TeamAccount[]> {
	const { rows } = await accounts.allDocs({
		startkey: 'account:',
		endkey: 'account:\ufff0',
		include_docs: true,
	});
	return rows.map((r) => r.doc as unknown as TeamAccount).filter((a) => a?.type === 'account');
}

export async function teamOf(accounts: PouchDB.Database, structureId: string, now: number) {
	const team = (await allAccounts(accounts)).filter((a) => a.structureId === structureId);
	const members: TeamMember[] = [];
	for (const a of team)
		members.push({
			email: a.email,
			name: a.name,
			structureRole: roleOf(a),
			...(await statusOf(accounts, a, now)),
		});
	return members.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export async function readTeamAccount(accounts: PouchDB.Database, id: string): Promise<TeamAccount | null> {
	return (await findAccount(accounts, id)) as TeamAccount | null;
}

/** An account's change, read again and retried on a conflict; a missing account is 404 here. */
export const updateAccount = (
	accounts: PouchDB.Database,
	id: string,
	change: (account: TeamAccount) => TeamAccount | null,
) => updateAnyAccount(accounts, id, change, () => new HttpError(404, 'not_found', 'Compte introuvable.'));

export const hashPassword = (password: string) => passwordQueue.run(() => argon2Hash(password));

// An invited account has no password yet. It holds the hash of a random secret nobody knows, so a
// sign-in with it fails like a wrong password, in the same time, without another code path.
let unknowable: Promise<string> | undefined;
export function noPasswordYet(): Promise<string> {
	unknowable ??= hashPassword(randomBytes(32).toString('base64url')).catch((err) => {
		unknowable = undefined;
		throw err;
	});
	return unknowable;
}

/** Ends every session of an account (disabled, or removed by an operator). */
export async function closeSessionsOf(accounts: PouchDB.Database, id: string): Promise<number> {
	const { rows } = await accounts.allDocs({
		startkey: 'session:',
		endkey: 'session:\uffff',
		include_docs: true,
	});
	const mine = rows
		.map((r) => r.doc as unknown as { _id: string; _rev: string; account?: string })
		.filter((s) => s.account === id);
	await accounts.bulkDocs(mine.map((s) => ({ _id: s._id, _rev: s._rev, _deleted: true })));
	return mine.length;
}
