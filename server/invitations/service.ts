// Invitations: the animator, or a structure's admin, invites a person by name and e-mail; the
// person gets a single-use link (7 days) that sets a password and opens a session. Resend replaces
// the link, revoke withdraws it, removal takes an account out of its structure. Every decision on
// who may do what is made here, on the server.
/// <reference types="pouchdb-core" />

import * as v from 'valibot';
import type { Viewer } from '../../src/lib/domain';
import { PersonName } from '../auth/account-page';
import { accountId, accountIdOfEmail, accountLocale, ownerIdOfEmail } from '../auth/accounts';
import { passwordProblem } from '../auth/password-policy';
import { issueToken, readToken, revokeTokens, useToken } from '../auth/tokens';
import { HttpError } from '../errors';
import type { Mailer } from '../mail';
import { alreadyThereMail, invitationMail } from './mails';
import {
	hashPassword,
	isPending,
	noPasswordYet,
	readTeamAccount,
	roleOf,
	STRUCTURE_ROLES,
	type StructureRole,
	type TeamAccount,
	teamOf,
	updateAccount,
} from './team';

export const INVITATION_DAYS = 7;
const INVITATION_MS = INVITATION_DAYS * 24 * 3600 * 1000;

export interface InvitationOptions {
	accounts: PouchDB.Database;
	db: PouchDB.Database;
	mailer: Mailer;
	/** PUBLIC_URL; without it, the address the request came to (`origin` of each call). */
	publicUrl?: string;
	now?: () => number;
}

const Email = v.pipe(
	v.string('e-mail attendu'),
	v.trim(),
	v.toLowerCase(),
	v.maxLength(254, 'adresse e-mail trop longue'),
	v.email('adresse e-mail invalide'),
);
const NewInvitation = v.object({
	name: PersonName,
	email: Email,
	role: v.optional(v.picklist(STRUCTURE_ROLES, 'rôle attendu : « admin » ou « member »'), 'member'),
});
export type InvitationInput = v.InferInput<typeof NewInvitation>;

export function parseInvitation(body: unknown) {
	const parsed = v.safeParse(NewInvitation, body);
	if (!parsed.success) throw new HttpError(400, 'bad_request', `Invitation : ${parsed.issues[0].message}.`);
	return parsed.output;
}

export function parseEmail(value: unknown): string {
	const parsed = v.safeParse(Email, value);
	if (!parsed.success) throw new HttpError(400, 'bad_request', `E-mail : ${parsed.issues[0].message}.`);
	return parsed.output;
}

const NOT_ALLOWED = 'Seuls l’équipe du réseau et les administrateurs de la structure gèrent ses comptes.';
const NOT_HERE = 'Cette personne n’a pas de compte dans cette structure.';

export type Invitations = ReturnType<typeof createInvitations>;

export function createInvitations(opts: InvitationOptions) {
	const { accounts, db, mailer } = opts;
	const now = opts.now ?? Date.now;
	const base = (origin: string) => opts.publicUrl ?? origin;

	async function structureName(structureId: string): Promise<string> {
		const doc = (await db.get(structureId).catch(() => null)) as { type?: string; name?: string } | null;
		if (!structureId.startsWith('structure:') || doc?.type !== 'structure')
			throw new HttpError(404, 'not_found', 'Structure introuvable.');
		return doc.name ?? structureId;
	}

	/** The caller's name as the invitee reads it, and whether they may manage the structure's accounts. */
	async function authority(viewer: Viewer, structureId: string) {
		if (viewer.role === 'animator') {
			const account = viewer.accountId ? await readTeamAccount(accounts, viewer.accountId) : null;
			return { manages: true, animator: true, name: account?.name ?? 'L’équipe du réseau' };
		}
		const account = viewer.accountId ? await readTeamAccount(accounts, viewer.accountId) : null;
		const manages =
			!!account && !account.disabled && account.structureId === structureId && roleOf(account) === 'admin';
		return { manages, animator: false, name: account?.name ?? '' };
	}

	async function mustManage(viewer: Viewer, structureId: string) {
		await structureName(structureId);
		const who = await authority(viewer, structureId);
		if (!who.manages) throw new HttpError(viewer.role === 'visitor' ? 401 : 403, 'forbidden', NOT_ALLOWED);
		return who;
	}

	async function memberOf(structureId: string, email: string): Promise<TeamAccount> {
		const account = await readTeamAccount(
			accounts,
			(await accountIdOfEmail(accounts, email)) ?? accountId(email),
		);
		if (!account || account.structureId !== structureId) throw new HttpError(404, 'not_found', NOT_HERE);
		return account;
	}

	/** Revokes the live link, issues a new one and mails it. */
	async function sendLink(account: TeamAccount, inviter: string, origin: string): Promise<void> {
		const structureId = account.structureId as string;
		const structure = await structureName(structureId);
		await revokeTokens(accounts, account._id, 'invitation', now());
		const token = await issueToken(accounts, {
			purpose: 'invitation',
			account: account._id,
			data: { structureId, inviter },
			ttlMs: INVITATION_MS,
			now: now(),
		});
		const words = {
			to: account.email,
			name: account.name,
			structure,
			inviter,
			locale: accountLocale(account),
		};
		await mailer.send(invitationMail(words, `${base(origin)}/invitation#${token}`)).catch(() => {
			throw new HttpError(
				502,
				'mail_failed',
				'L’invitation est enregistrée mais l’e-mail n’a pas pu partir : réessayez avec « Renvoyer ».',
			);
		});
	}

	/** Creates the pending account and mails its link; an address with an account gets a word instead. */
	async function invite(viewer: Viewer, structureId: string, body: unknown, origin: string) {
		const input = parseInvitation(body);
		const who = await mustManage(viewer, structureId);
		if (input.role === 'admin' && !who.animator)
			throw new HttpError(
				403,
				'forbidden',
				'Seule l’équipe du réseau nomme les administrateurs d’une structure.',
			);
		const id = accountId(input.email);
		// An address someone holds, or held before changing it, is theirs: never a new account.
		const existing = await readTeamAccount(accounts, (await ownerIdOfEmail(accounts, input.email)) ?? id);
		if (existing && isPending(existing) && existing.structureId === structureId) {
			await sendLink(existing, who.name, origin);
			return { ok: true as const };
		}
		if (existing) {
			await tellOwner(existing, structureId, who.name, origin);
			return { ok: true as const };
		}
		const at = new Date(now()).toISOString();
		const account: TeamAccount = {
			_id: id,
			type: 'account',
			email: input.email,
			name: input.name,
			passwordHash: await noPasswordYet(),
			structureId,
			structureRole: input.role,
			invitedAt: at,
			invitedBy: viewer.accountId ?? 'cli',
			createdAt: at,
		};
		try {
			await accounts.put(account);
		} catch (err) {
			if ((err as { status?: number }).status !== 409) throw err;
			// Made meanwhile by someone else: it is an existing account now.
			const made = await readTeamAccount(accounts, id);
			if (made) await tellOwner(made, structureId, who.name, origin);
			return { ok: true as const };
		}
		await sendLink(account, who.name, origin);
		return { ok: true as const };
	}

	async function tellOwner(owner: TeamAccount, structureId: string, inviter: string, origin: string) {
		const structure = await structureName(structureId);
		const words = { to: owner.email, name: owner.name, structure, inviter, locale: accountLocale(owner) };
		// The inviter must not learn the address has an account: a failed mail is not told either.
		await mailer.send(alreadyThereMail(words, `${base(origin)}/connexion`)).catch(() => {});
	}

	async function resend(viewer: Viewer, structureId: string, email: string, origin: string) {
		const who = await mustManage(viewer, structureId);
		const account = await memberOf(structureId, parseEmail(email));
		if (!isPending(account))
			throw new HttpError(
				409,
				'conflict',
				'Ce compte est déjà actif : il n’y a plus d’invitation à renvoyer.',
			);
		await sendLink(account, who.name, origin);
		return { ok: true as const };
	}

	/** Withdraws a pending invitation: its link stops working and the account that waited is gone. */
	async function revoke(viewer: Viewer, structureId: string, email: string) {
		await mustManage(viewer, structureId);
		const account = await memberOf(structureId, parseEmail(email));
		if (!isPending(account))
			throw new HttpError(409, 'conflict', 'Ce compte est déjà actif : retirez-le de la structure plutôt.');
		await revokeTokens(accounts, account._id, 'invitation', now());
		await accounts.remove(account._id, account._rev as string);
		return { ok: true as const };
	}

	/**
	 * Takes an account out of the structure. It keeps its sign-in but reads as an account of no
	 * structure from its next request: its devices drop the members' documents at their next sync.
	 */
	async function remove(viewer: Viewer, structureId: string, email: string) {
		await mustManage(viewer, structureId);
		const account = await memberOf(structureId, parseEmail(email));
		if (isPending(account)) return revoke(viewer, structureId, email);
		await revokeTokens(accounts, account._id, 'invitation', now());
		await updateAccount(accounts, account._id, (a) => {
			if (a.structureId !== structureId) return null;
			const { structureId: _s, structureRole: _r, ...rest } = a;
			return rest;
		});
		return { ok: true as const };
	}

	async function setRole(viewer: Viewer, structureId: string, email: string, body: unknown) {
		await structureName(structureId);
		if (viewer.role !== 'animator')
			throw new HttpError(403, 'forbidden', 'Seule l’équipe du réseau change les rôles dans une structure.');
		const parsed = v.safeParse(v.picklist(STRUCTURE_ROLES), (body as { role?: unknown } | null)?.role);
		if (!parsed.success) throw new HttpError(400, 'bad_request', 'Rôle attendu : « admin » ou « member ».');
		const role: StructureRole = parsed.output;
		const account = await memberOf(structureId, parseEmail(email));
		await updateAccount(accounts, account._id, (a) =>
			a.structureId === structureId && roleOf(a) !== role ? { ...a, structureRole: role } : null,
		);
		return { ok: true as const };
	}

	/** The structure's accounts, for its own accounts and staff; `manage` says whether the caller acts. */
	async function team(viewer: Viewer, structureId: string) {
		await structureName(structureId);
		const who = await authority(viewer, structureId);
		if (!who.manages && viewer.structureId !== structureId)
			throw new HttpError(viewer.role === 'visitor' ? 401 : 403, 'forbidden', NOT_ALLOWED);
		return { people: await teamOf(accounts, structureId, now()), manage: who.manages, roles: who.animator };
	}

	/** What the landing page shows before the password is chosen; a TokenError when the link is dead. */
	async function peek(token: unknown) {
		const doc = await readToken<{ structureId?: string; inviter?: string }>(accounts, {
			token,
			purpose: 'invitation',
			now: now(),
		});
		const account = await readTeamAccount(accounts, doc.account);
		if (!account || !isPending(account) || account.structureId !== doc.data.structureId)
			throw new HttpError(410, 'token_revoked', 'Cette invitation a été annulée : demandez-en une nouvelle.');
		// The network's staff are invited to no structure (npm run accounts -- create-animator).
		const structure = account.structureId
			? { id: account.structureId, name: await structureName(account.structureId) }
			: null;
		return {
			account,
			invitation: { name: account.name, email: account.email, structure, inviter: doc.data.inviter ?? '' },
		};
	}

	/** Sets the password the link's person chose; the token is spent only once the password is good. */
	async function accept(token: unknown, password: unknown): Promise<TeamAccount> {
		const { account } = await peek(token);
		const problem = passwordProblem(password, [account.name, account.email]);
		if (problem) throw new HttpError(400, 'weak_password', problem);
		const passwordHash = await hashPassword(password as string);
		await useToken(accounts, { token, purpose: 'invitation', now: now() });
		const activatedAt = new Date(now()).toISOString();
		return updateAccount(accounts, account._id, (a) => ({ ...a, passwordHash, activatedAt }));
	}

	return { invite, resend, revoke, remove, setRole, team, peek, accept };
}
