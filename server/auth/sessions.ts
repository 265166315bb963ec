// Sessions of the server-only store: a random token goes into the cookie, only its hash is stored.
/// <reference types="pouchdb-core" />
import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../src/lib/domain/account-page';

export const SESSION_COOKIE = 'elbasar_session';
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
const SESSION_MS = SESSION_DAYS * DAY_MS;

/** lastSeen is written at most this often: a request does not cost a write. */
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

export interface SessionDoc {
	_id: string;
	_rev?: string;
	type: 'session';
	account: string;
	expiresAt: string;
	/** A short label of the device, read from its User-Agent at sign-in (« Chrome · Android »). */
	device?: string;
	createdAt?: string;
	/** The last request, to within LAST_SEEN_EVERY_MS. */
	lastSeen?: string;
}

export function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

const sessionId = (token: string) => `session:${sha256(token)}`;

/** A few words a person recognises their device by: browser and system, from the User-Agent. */
export function deviceLabel(userAgent: string | undefined): string {
	const ua = (userAgent ?? '').slice(0, 512);
	const pick = (table: [RegExp, string][]) => table.find(([re]) => re.test(ua))?.[1] ?? null;
	const browser = pick([
		[/Edg\//, 'Edge'],
		[/OPR\/|Opera/, 'Opera'],
		[/Firefox\//, 'Firefox'],
		[/SamsungBrowser\//, 'Samsung Internet'],
		[/Chrom(e|ium)\//, 'Chrome'],
		[/Safari\//, 'Safari'],
	]);
	const system = pick([
		[/Android/, 'Android'],
		[/iPhone|iPad|iPod/, 'iOS'],
		[/Windows/, 'Windows'],
		[/Mac OS X|Macintosh/, 'macOS'],
		[/CrOS/, 'ChromeOS'],
		[/Linux/, 'Linux'],
	]);
	if (browser && system) return `${browser} · ${system}`;
	return (browser ?? system ?? ua.split(/[\s/]/)[0].slice(0, 40)) || 'Appareil inconnu';
}

/** Opens a session for the account and returns the token to put in the cookie. */
export async function openSession(
	accounts: PouchDB.Database,
	account: string,
	now = Date.now(),
	device?: string,
) {
	const token = randomBytes(32).toString('base64url');
	const at = new Date(now).toISOString();
	const doc: SessionDoc = {
		_id: sessionId(token),
		type: 'session',
		account,
		expiresAt: new Date(now + SESSION_MS).toISOString(),
		device: device ?? 'Appareil inconnu',
		createdAt: at,
		lastSeen: at,
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
	const slide = expiresAt - now <= SESSION_MS - DAY_MS;
	const seen = !doc.lastSeen || now - Date.parse(doc.lastSeen) >= LAST_SEEN_EVERY_MS;
	if (!slide && !seen) return { account: doc.account, refreshed: false };
	// Two requests may write together: the loser's conflict is harmless.
	const written = await accounts
		.put({
			...doc,
			lastSeen: new Date(now).toISOString(),
			...(slide ? { expiresAt: new Date(now + SESSION_MS).toISOString() } : {}),
		})
		.then(() => true)
		.catch(() => false);
	return { account: doc.account, refreshed: slide && written };
}

/** The handle the account page names a session by. */
const handleOf = (doc: Pick<SessionDoc, '_id'>) => sha256(`handle:${doc._id}`).slice(0, 24);

/** Every session of an account (expired ones are swept on the way). */
async function sessionsOf(accounts: PouchDB.Database, account: string, now: number): Promise<SessionDoc[]> {
	// Sessions are keyed by their token's hash: a scan of the `session:` range, filtered.
	const { rows } = await accounts.allDocs({
		startkey: 'session:',
		endkey: 'session:\uffff',
		include_docs: true,
	});
	const mine = rows
		.map((r) => r.doc as unknown as SessionDoc)
		.filter((d) => d?.type === 'session' && d.account === account);
	const expired = mine.filter((d) => Date.parse(d.expiresAt) <= now);
	if (expired.length) await accounts.bulkDocs(expired.map((d) => ({ ...d, _deleted: true }))).catch(() => {});
	return mine.filter((d) => Date.parse(d.expiresAt) > now);
}

/** The live sessions of an account, the most recently seen first; `token` is this device's. */
export async function listSessions(
	accounts: PouchDB.Database,
	account: string,
	token: string | undefined,
	now = Date.now(),
): Promise<SessionInfo[]> {
	const current = token ? sessionId(token) : null;
	return (await sessionsOf(accounts, account, now))
		.map((d) => ({
			id: handleOf(d),
			device: d.device ?? 'Appareil inconnu',
			createdAt: d.createdAt ?? null,
			lastSeen: d.lastSeen ?? d.createdAt ?? null,
			current: d._id === current,
		}))
		.sort(
			(a, b) => Number(b.current) - Number(a.current) || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
		);
}

/** Ends one session of the account by its handle; false when it has none such. */
export async function closeSessionByHandle(
	accounts: PouchDB.Database,
	account: string,
	handle: string,
	now = Date.now(),
): Promise<boolean> {
	const doc = (await sessionsOf(accounts, account, now)).find((d) => handleOf(d) === handle);
	if (!doc) return false;
	await accounts.remove(doc._id, doc._rev!).catch(() => {});
	return true;
}

/** Ends every session of the account but the one of `keepToken` (none kept without it); returns how many. */
export async function closeSessionsOf(
	accounts: PouchDB.Database,
	account: string,
	keepToken?: string,
	now = Date.now(),
): Promise<number> {
	const keep = keepToken ? sessionId(keepToken) : null;
	const ending = (await sessionsOf(accounts, account, now)).filter((d) => d._id !== keep);
	const results = await accounts.bulkDocs(ending.map((d) => ({ ...d, _deleted: true })));
	// A session written meanwhile (a lastSeen) conflicts: read it again and end it all the same.
	for (const [i, r] of results.entries())
		if ('error' in r && r.error)
			await accounts
				.get(ending[i]._id)
				.then((d) => accounts.remove(d))
				.catch(() => {});
	return ending.length;
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
