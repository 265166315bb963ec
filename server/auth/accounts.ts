// Accounts of the server-only store: creation with a hashed password, lookup by e-mail, verification.
/// <reference types="pouchdb-core" />
import * as v from 'valibot';
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
	createdAt: string;
}

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
	const account = email ? await findAccount(accounts, accountId(email)) : null;
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
