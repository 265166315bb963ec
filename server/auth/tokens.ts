// Single-use links (invitation, password reset, e-mail check, data export): a random token goes
// into the link, only its hash is stored (`token:<sha256>` in the server-only accounts store), with
// what it is for, whom it concerns and until when it holds. Using one is one conditional write:
// two clicks at once on the same link, one wins and the other is told it was used.
/// <reference types="pouchdb-core" />
import { randomBytes } from 'node:crypto';
import { HttpError } from '../errors';
import { sha256 } from './sessions';

export type TokenPurpose = 'invitation' | 'reset' | 'verify-email' | 'change-email' | 'export';

export interface TokenDoc<D = Record<string, unknown>> {
	_id: string;
	_rev?: string;
	type: 'token';
	purpose: TokenPurpose;
	/** The account it concerns (`account:…`). */
	account: string;
	/** What the link carries besides (a new e-mail, an export's file…). */
	data: D;
	createdAt: string;
	expiresAt: string;
	usedAt?: string;
	revokedAt?: string;
}

/** Why a link no longer works, in the words of the page that says so. */
export const TOKEN_REASONS = {
	unknown: 'Ce lien n’est pas valable : vérifiez qu’il est complet, ou demandez-en un nouveau.',
	used: 'Ce lien a déjà servi : il ne vaut qu’une fois. Demandez-en un nouveau si besoin.',
	expired: 'Ce lien a expiré : demandez-en un nouveau.',
	revoked: 'Ce lien a été annulé : demandez-en un nouveau si besoin.',
} as const;
export type TokenProblem = keyof typeof TOKEN_REASONS;

export class TokenError extends HttpError {
	readonly problem: TokenProblem;
	constructor(problem: TokenProblem) {
		super(problem === 'unknown' ? 404 : 410, `token_${problem}`, TOKEN_REASONS[problem]);
		this.problem = problem;
	}
}

const tokenId = (token: string) => `token:${sha256(token)}`;
/** A token as it reaches us in a link: base64url, 43 characters for 32 bytes. */
const WELL_FORMED = /^[A-Za-z0-9_-]{20,100}$/;

export interface IssueOptions<D> {
	purpose: TokenPurpose;
	account: string;
	data?: D;
	ttlMs: number;
	now?: number;
}

/** Stores a new token and returns the secret to put in the link (never stored). */
export async function issueToken<D extends Record<string, unknown>>(
	accounts: PouchDB.Database,
	{ purpose, account, data, ttlMs, now = Date.now() }: IssueOptions<D>,
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	const doc: TokenDoc<D> = {
		_id: tokenId(token),
		type: 'token',
		purpose,
		account,
		data: data ?? ({} as D),
		createdAt: new Date(now).toISOString(),
		expiresAt: new Date(now + ttlMs).toISOString(),
	};
	await accounts.put(doc);
	return token;
}

/** A link's token as it arrived, what it should be for, and when it is used (tests move the clock). */
export interface TokenQuery {
	token: unknown;
	purpose: TokenPurpose;
	now?: number;
}

/** The token's document if it can still be used for `purpose`; a TokenError otherwise. */
export async function readToken<D = Record<string, unknown>>(
	accounts: PouchDB.Database,
	{ token, purpose, now = Date.now() }: TokenQuery,
): Promise<TokenDoc<D>> {
	if (typeof token !== 'string' || !WELL_FORMED.test(token)) throw new TokenError('unknown');
	let doc: TokenDoc<D>;
	try {
		doc = (await accounts.get(tokenId(token))) as unknown as TokenDoc<D>;
	} catch (err) {
		if ((err as { status?: number }).status === 404) throw new TokenError('unknown');
		throw err;
	}
	// A token for something else is no token for this.
	if (doc.type !== 'token' || doc.purpose !== purpose) throw new TokenError('unknown');
	if (doc.usedAt) throw new TokenError('used');
	if (doc.revokedAt) throw new TokenError('revoked');
	if (Date.parse(doc.expiresAt) <= now) throw new TokenError('expired');
	return doc;
}

/**
 * Marks the token used and returns its document, or throws a TokenError. The write is conditional
 * on the revision read: of two uses at once, the second is refused as used.
 */
export async function useToken<D = Record<string, unknown>>(
	accounts: PouchDB.Database,
	query: TokenQuery,
): Promise<TokenDoc<D>> {
	const doc = await readToken<D>(accounts, query);
	const now = query.now ?? Date.now();
	const used = { ...doc, usedAt: new Date(now).toISOString() };
	try {
		const { rev } = await accounts.put(used);
		return { ...used, _rev: rev };
	} catch (err) {
		if ((err as { status?: number }).status === 409) throw new TokenError('used');
		throw err;
	}
}

/** Revokes every live token of `purpose` for the account (a new invitation replaces the old one). */
export async function revokeTokens(
	accounts: PouchDB.Database,
	account: string,
	purpose: TokenPurpose,
	now = Date.now(),
): Promise<number> {
	const live = (await tokensOf(accounts, account)).filter(
		(t) => t.purpose === purpose && !t.usedAt && !t.revokedAt && Date.parse(t.expiresAt) > now,
	);
	const revokedAt = new Date(now).toISOString();
	const results = await accounts.bulkDocs(live.map((t) => ({ ...t, revokedAt })));
	return results.filter((r) => 'ok' in r && r.ok).length;
}

/** Every token of an account, used or not (an invitation's status is read from its latest one). */
export async function tokensOf(accounts: PouchDB.Database, account: string): Promise<TokenDoc[]> {
	// Tokens are few (a handful per account, expired ones swept): a scan of the `token:` range.
	const { rows } = await accounts.allDocs({ startkey: 'token:', endkey: 'token:\uffff', include_docs: true });
	return rows.map((r) => r.doc as unknown as TokenDoc).filter((t) => t.account === account);
}
