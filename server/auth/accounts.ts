// Accounts of the server-only store: creation with a hashed password, lookup by e-mail, verification.
/// <reference types="pouchdb-core" />
import * as v from 'valibot';
import type { Notifications } from '../../src/lib/domain/account-page';
import { HttpError } from '../errors';
import { argon2Hash, argon2Verify } from './hashing';
import { passwordQueue } from './password-queue';

/** An account document (`account:<normalised e-mail>`); it never leaves the server. */
export interface Account {
	_id: string;
	_rev?: string;
	type: 'account';
	email: string;
	name: string;
	passwordHash: string;
	structureId?: string;
	staff?: boolean;
	/** The language of the e-mails sent to this account, chosen on a device; French when unset. */
	locale?: MailLocale;
	/** Which e-mails the person wants (account page); unset: the defaults of NOTIFICATION_DEFAULTS. */
	notifications?: Notifications;
	/** Within its structure (server/invitations): unset counts as admin (accounts made before roles). */
	structureRole?: 'admin' | 'member';
	/** An invitation waits while invitedAt is set and activatedAt is not. */
	invitedAt?: string;
	invitedBy?: string;
	activatedAt?: string;
	/** An operator disabled it (`npm run accounts -- disable`): it opens nothing, gets no link. */
	disabled?: boolean;
	createdAt: string;
}

/** The digest stays on as before the account page existed; the newsletter is asked for, never assumed. */
export const NOTIFICATION_DEFAULTS: Notifications = { digest: true, newsletter: false };

export function notificationsOf(account: Pick<Account, 'notifications'>): Notifications {
	return { ...NOTIFICATION_DEFAULTS, ...account.notifications };
}

// E-MAIL CHANGES KEEP THE ACCOUNT ID. An account's id is `account:<the e-mail it was made with>`
// for good: sessions, tokens, digests and documents (`accountId`) point to it. When the person moves
// to another address, the account document's `email` becomes the new one and a login document
// `login:<new normalised e-mail>` → { account: <id> } says which account that address opens.
// Every lookup by e-mail (sign-in, HTTP Basic, reset request, creation) goes through
// `accountIdOfEmail`: the login document first, else the id made from the address, and only if that
// account's current e-mail is still this address — the old address opens nothing after a change.
// The old address stays reserved (its id exists), so no second account can take it; going back to
// it needs no login document.
export interface LoginDoc {
	_id: string;
	_rev?: string;
	type: 'login';
	account: string;
	createdAt: string;
}

export const loginId = (email: string) => `login:${normaliseEmail(email)}`;

/** The languages e-mails are written in (the app's). */
export const MAIL_LOCALES = ['fr', 'en'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

/** The language to write to `account` in: its own choice, else French (the network's language). */
export function accountLocale(account: Pick<Account, 'locale'>): MailLocale {
	return account.locale === 'en' ? 'en' : 'fr';
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function accountId(email: string): string {
	return `account:${normaliseEmail(email)}`;
}

const NewAccount = v.object({
	email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('adresse e-mail invalide')),
	password: v.pipe(v.string(), v.minLength(8, 'le mot de passe doit compter 8 caractères au moins')),
	name: v.pipe(v.string(), v.trim(), v.minLength(1, 'le nom est obligatoire'), v.maxLength(120)),
	structureId: v.optional(v.pipe(v.string(), v.startsWith('structure:', 'identifiant de structure attendu'))),
	staff: v.optional(v.boolean()),
});

export async function createAccount(
	accounts: PouchDB.Database,
	input: { email: string; password: string; name: string; structureId?: string; staff?: boolean },
): Promise<{ id: string }> {
	const parsed = v.safeParse(NewAccount, input);
	if (!parsed.success) throw new HttpError(400, 'bad_request', parsed.issues[0].message);
	const { email, password, name, structureId, staff } = parsed.output;
	// An address another account moved to is taken too (see LoginDoc).
	if (await getDoc(accounts, loginId(email)))
		throw new HttpError(409, 'conflict', `Un compte existe déjà pour l’adresse ${email}.`);
	const account: Account = {
		_id: accountId(email),
		type: 'account',
		email,
		name,
		passwordHash: await hashPassword(password),
		...(structureId ? { structureId } : {}),
		...(staff ? { staff: true } : {}),
		createdAt: new Date().toISOString(),
	};
	try {
		await accounts.put(account);
	} catch (err) {
		if ((err as { status?: number }).status === 409)
			throw new HttpError(409, 'conflict', `Un compte existe déjà pour l’adresse ${email}.`);
		throw err;
	}
	return { id: account._id };
}

const Locale = v.picklist(MAIL_LOCALES, 'langue attendue : « fr » ou « en »');

/** Records the language the account chose on a device (a JSON body `{ locale }`); returns it. */
export async function setAccountLocale(
	accounts: PouchDB.Database,
	id: string,
	body: unknown,
): Promise<MailLocale> {
	// The field alone is parsed: a missing or misspelt key gets the same French reason.
	const parsed = v.safeParse(Locale, (body as { locale?: unknown } | null)?.locale);
	if (!parsed.success) throw new HttpError(400, 'bad_request', `Langue : ${parsed.issues[0].message}.`);
	const locale = parsed.output;
	// Another write to the account (a password change) may land meanwhile: read again and retry.
	for (let attempt = 0; attempt < 3; attempt++) {
		const account = await findAccount(accounts, id);
		if (!account) throw new HttpError(401, 'unauthorized', 'Session expirée : reconnectez-vous.');
		if (account.locale === locale) return locale;
		try {
			await accounts.put({ ...account, locale });
			return locale;
		} catch (err) {
			if ((err as { status?: number }).status !== 409) throw err;
		}
	}
	throw new HttpError(409, 'conflict', 'Le compte vient d’être modifié ailleurs : réessayez.');
}

export async function findAccount(accounts: PouchDB.Database, id: string): Promise<Account | null> {
	try {
		return (await accounts.get(id)) as unknown as Account;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

async function getDoc<T>(accounts: PouchDB.Database, id: string): Promise<T | null> {
	try {
		return (await accounts.get(id)) as unknown as T;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** The id of the account `email` opens today, or null (see LoginDoc). */
export async function accountIdOfEmail(accounts: PouchDB.Database, email: string): Promise<string | null> {
	const address = normaliseEmail(email);
	if (!address || address.length > 254) return null;
	const login = await getDoc<LoginDoc>(accounts, loginId(address));
	if (login?.type === 'login') {
		const moved = await findAccount(accounts, login.account);
		if (moved && normaliseEmail(moved.email) === address) return moved._id;
	}
	const own = await findAccount(accounts, accountId(address));
	return own && normaliseEmail(own.email) === address ? own._id : null;
}

/**
 * The account that holds `email` or held it before an e-mail change (old addresses stay reserved),
 * or null when nobody ever had it: what invitations, sign-ups and the CLI check before making one.
 */
export async function ownerIdOfEmail(accounts: PouchDB.Database, email: string): Promise<string | null> {
	const address = normaliseEmail(email);
	const login = await getDoc<LoginDoc>(accounts, loginId(address));
	if (login?.type === 'login') return login.account;
	return (await findAccount(accounts, accountId(address)))?._id ?? null;
}

/** The account `email` opens today, or null. */
export async function findAccountByEmail(accounts: PouchDB.Database, email: string): Promise<Account | null> {
	const id = await accountIdOfEmail(accounts, email);
	return id ? findAccount(accounts, id) : null;
}

/** Whether `email` is free for `account` to move to: nobody else's, now or before. */
export async function emailFreeFor(
	accounts: PouchDB.Database,
	email: string,
	account: Account,
): Promise<boolean> {
	const address = normaliseEmail(email);
	if (accountId(address) === account._id) return true;
	const login = await getDoc<LoginDoc>(accounts, loginId(address));
	if (login && login.account !== account._id) return false;
	return !(await findAccount(accounts, accountId(address)));
}

/**
 * Moves the account to `email` (already checked free): the login document first, so the address is
 * claimed before the account says it — a conflicting claim by another account loses with 409.
 * Returns the account as written.
 */
export async function moveAccountEmail(
	accounts: PouchDB.Database,
	id: string,
	email: string,
): Promise<Account> {
	const address = normaliseEmail(email);
	const own = accountId(address) === id;
	const previous = await findAccount(accounts, id);
	if (!previous) throw new HttpError(404, 'not_found', 'Compte introuvable.');
	if (!own) {
		const existing = await getDoc<LoginDoc>(accounts, loginId(address));
		if (existing && existing.account !== id)
			throw new HttpError(409, 'conflict', 'Cette adresse est déjà celle d’un autre compte.');
		if (!existing) {
			const claim: LoginDoc = {
				_id: loginId(address),
				type: 'login',
				account: id,
				createdAt: new Date().toISOString(),
			};
			await accounts.put(claim).catch((err) => {
				if ((err as { status?: number }).status === 409)
					throw new HttpError(409, 'conflict', 'Cette adresse est déjà celle d’un autre compte.');
				throw err;
			});
		}
	}
	const moved = await updateAccount(accounts, id, (a) => ({ ...a, email: address }));
	// The address left behind opens nothing any more: its login document (if any) goes.
	const oldAddress = normaliseEmail(previous.email);
	if (oldAddress !== address && accountId(oldAddress) !== id) {
		const old = await getDoc<LoginDoc>(accounts, loginId(oldAddress));
		if (old?.account === id) await accounts.remove(old._id, old._rev!).catch(() => {});
	}
	return moved;
}

/**
 * Rewrites the account with `change`, reading again when another write landed meanwhile (a
 * sign-in's locale, a session); `change` returns null to leave it as it is. A missing account is
 * `missing` (by default: the session's account is gone).
 */
export async function updateAccount(
	accounts: PouchDB.Database,
	id: string,
	change: (account: Account) => Account | null,
	missing = () => new HttpError(401, 'unauthorized', 'Session expirée : reconnectez-vous.'),
): Promise<Account> {
	for (let attempt = 0; attempt < 5; attempt++) {
		const account = await findAccount(accounts, id);
		if (!account) throw missing();
		const next = change(account);
		if (!next) return account;
		try {
			const { rev } = await accounts.put(next);
			return { ...next, _rev: rev };
		} catch (err) {
			if ((err as { status?: number }).status !== 409) throw err;
		}
	}
	throw new HttpError(409, 'conflict', 'Le compte vient d’être modifié ailleurs : réessayez.');
}

/** Sets a new password (already checked by passwordProblem) and returns the account as written. */
export async function setPassword(
	accounts: PouchDB.Database,
	id: string,
	password: string,
): Promise<Account> {
	const passwordHash = await hashPassword(password);
	// A password set from a reset link on a waiting invitation accepts it too.
	return updateAccount(accounts, id, (a) => ({
		...a,
		passwordHash,
		...(a.invitedAt && !a.activatedAt ? { activatedAt: new Date().toISOString() } : {}),
	}));
}

/** Whether `password` is the account's (a password change asks for the current one). */
export const passwordMatches = (account: Account, password: string) =>
	verifyPassword(account.passwordHash, password);

/** Every argon2 operation goes through the one queue to the hashing process (hashing.ts). */
const hashPassword = (password: string) => passwordQueue.run(() => argon2Hash(password));
const verifyPassword = (hash: string, password: string) =>
	passwordQueue.run(() => argon2Verify(hash, password));

// Verifying against a fixed hash when the account is unknown keeps both answers equally slow,
// so timing does not tell which e-mails have an account. It is made once, in the queue too; refused
// by a full queue, it is made again next time.
let decoyHash: Promise<string> | undefined;

/** The account these credentials open, or null. Throws 503 when the hashing queue is full. */
export async function verifyCredentials(
	accounts: PouchDB.Database,
	email: string,
	password: string,
): Promise<Account | null> {
	const account = email ? await findAccountByEmail(accounts, email) : null;
	if (!account) {
		decoyHash ??= hashPassword('decoy-password').catch((err) => {
			decoyHash = undefined;
			throw err;
		});
		await verifyPassword(await decoyHash, password);
		return null;
	}
	return (await verifyPassword(account.passwordHash, password)) ? account : null;
}
