// What an operator does from the command line (server/cli/accounts.ts) on the accounts store: make
// the network's first animator, stop an account, hand out a link to set a new password.
/// <reference types="pouchdb-core" />
import { accountId, accountIdOfEmail, ownerIdOfEmail } from '../auth/accounts';
import { passwordProblem } from '../auth/password-policy';
import { issueToken, revokeTokens } from '../auth/tokens';
import { HttpError } from '../errors';
import { INVITATION_DAYS, parseEmail, parseInvitation } from './service';
import { closeSessionsOf, hashPassword, noPasswordYet, type TeamAccount, updateAccount } from './team';

/** A reset link holds half an hour (the page is /connexion/nouveau-mot-de-passe). */
export const RESET_MINUTES = 30;

/**
 * A staff account: with a password (checked by the policy) it is active at once; without, it waits
 * and the returned link (7 days) lets its person choose one.
 */
export async function createAnimator(
	accounts: PouchDB.Database,
	input: { name: unknown; email: unknown; password?: string },
	base: string,
	now = Date.now(),
): Promise<{ email: string; link?: string }> {
	const { name, email } = parseInvitation({ name: input.name, email: input.email });
	if (input.password !== undefined) {
		const problem = passwordProblem(input.password, [name, email]);
		if (problem) throw new HttpError(400, 'weak_password', problem);
	}
	const at = new Date(now).toISOString();
	const account: TeamAccount = {
		_id: accountId(email),
		type: 'account',
		email,
		name,
		staff: true,
		passwordHash: input.password !== undefined ? await hashPassword(input.password) : await noPasswordYet(),
		createdAt: at,
		invitedBy: 'cli',
		...(input.password !== undefined ? { activatedAt: at } : { invitedAt: at }),
	};
	if (await ownerIdOfEmail(accounts, email))
		throw new HttpError(409, 'conflict', `Un compte existe déjà pour l’adresse ${email}.`);
	// Made meanwhile by another operator: the store's conflict (409) stops this one.
	await accounts.put(account);
	if (input.password !== undefined) return { email };
	const token = await issueToken(accounts, {
		purpose: 'invitation',
		account: account._id,
		data: { inviter: 'L’équipe du réseau' },
		ttlMs: INVITATION_DAYS * 24 * 3600 * 1000,
		now,
	});
	return { email, link: `${base}/invitation#${token}` };
}

/** An operator's stop: no sign-in, every session closed, live links revoked. */
export async function disableAccount(accounts: PouchDB.Database, email: unknown, now = Date.now()) {
	const address = parseEmail(email);
	const id = (await accountIdOfEmail(accounts, address)) ?? accountId(address);
	const account = await updateAccount(accounts, id, (a) => (a.disabled ? null : { ...a, disabled: true }));
	for (const purpose of ['invitation', 'reset'] as const) await revokeTokens(accounts, id, purpose, now);
	return { account, sessions: await closeSessionsOf(accounts, id) };
}

/** A link to choose a new password, for someone who asked the team (the previous ones stop). */
export async function resetLink(accounts: PouchDB.Database, email: unknown, base: string, now = Date.now()) {
	const address = parseEmail(email);
	const id = (await accountIdOfEmail(accounts, address)) ?? accountId(address);
	const account = (await accounts.get(id).catch(() => null)) as TeamAccount | null;
	if (!account) throw new HttpError(404, 'not_found', 'Aucun compte pour cette adresse.');
	if (account.disabled) throw new HttpError(409, 'conflict', 'Ce compte est désactivé.');
	await revokeTokens(accounts, id, 'reset', now);
	const token = await issueToken(accounts, {
		purpose: 'reset',
		account: id,
		ttlMs: RESET_MINUTES * 60_000,
		now,
	});
	return `${base}/connexion/nouveau-mot-de-passe#${token}`;
}
