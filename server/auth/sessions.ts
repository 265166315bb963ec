// Sessions of the server-only store: a random token goes into the cookie, only its hash is stored.
/// <reference types="pouchdb-core" />
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'elbasar_session';
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
const SESSION_MS = SESSION_DAYS * DAY_MS;

interface SessionDoc {
	_id: string;
	_rev?: string;
	type: 'session';
	account: string;
	expiresAt: string;
}

export function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

const sessionId = (token: string) => `session:${sha256(token)}`;

/** Opens a session for the account and returns the token to put in the cookie. */
export async function openSession(accounts: PouchDB.Database, account: string, now = Date.now()) {
	const token = randomBytes(32).toString('base64url');
	const doc: SessionDoc = {
		_id: sessionId(token),
		type: 'session',
		account,
		expiresAt: new Date(now + SESSION_MS).toISOString(),
	};
	await accounts.put(doc);
	return token;
}

/**
 * The account id of a live session, or null. The expiry slides forward at most once a day,
 * so an active user stays signed in without a write on every request.
 */
export async function sessionAccount(
	accounts: PouchDB.Database,
	token: string,
	now = Date.now(),
): Promise<{ account: string; refreshed: boolean } | null> {
	const doc = await getSession(accounts, token);
	if (!doc) return null;
	const expiresAt = Date.parse(doc.expiresAt);
	if (expiresAt <= now) {
		await accounts.remove(doc._id, doc._rev!).catch(() => {});
		return null;
	}
	if (expiresAt - now > SESSION_MS - DAY_MS) return { account: doc.account, refreshed: false };
	// Two requests may refresh together: the loser's conflict is harmless.
	const refreshed = await accounts
		.put({ ...doc, expiresAt: new Date(now + SESSION_MS).toISOString() })
		.then(() => true)
		.catch(() => false);
	return { account: doc.account, refreshed };
}

export async function closeSession(accounts: PouchDB.Database, token: string): Promise<void> {
	const doc = await getSession(accounts, token);
	if (doc) await accounts.remove(doc._id, doc._rev!).catch(() => {});
}

async function getSession(accounts: PouchDB.Database, token: string): Promise<SessionDoc | null> {
	if (!token || token.length > 100) return null;
	try {
		const doc = (await accounts.get(sessionId(token))) as unknown as SessionDoc;
		return doc.type === 'session' ? doc : null;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}
