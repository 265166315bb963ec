// Sends the saved-search digests: for each account whose structure has saved searches with the
// e-mail on, the listings created since its last digest (and readable by it) that match, found by
// the same engine as the device's alerts. Safe to call often: an account gets at most one a day.
/// <reference types="pouchdb-core" />
import { canRead, type Listing, type SavedSearch } from '../../src/lib/domain';
import { matchNewListings } from '../../src/lib/domain/saved-search-matches';
import { type Account, accountLocale, notificationsOf } from '../auth/accounts';
import { viewerOfAccount } from '../auth/roles';
import type { Mailer } from '../mail';
import { digestMessage } from './digest';

export interface DigestContext {
	db: PouchDB.Database;
	accounts: PouchDB.Database;
	mailer: Pick<Mailer, 'send'>;
	now(): Date;
	publicUrl?: string;
	warn(message: string): void;
}

export const DIGEST_INTERVAL_MS = 24 * 3600 * 1000;
/** The first digest of an account looks back this far (its searches' own dates bound it too). */
const FIRST_LOOK_BACK_MS = 7 * 24 * 3600 * 1000;

/** When the account's last digest was made (server-only, beside the accounts). */
interface DigestMark {
	_id: string;
	_rev?: string;
	type: 'searchdigest';
	lastSentAt: string;
}

const markId = (accountId: string) => `searchdigest:${accountId}`;

async function allOf<T>(db: PouchDB.Database, prefix: string): Promise<T[]> {
	const rows = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
	return rows.rows.flatMap((row) => (row.doc ? [row.doc as unknown as T] : []));
}

/** Sends the digests that are due; returns the addresses written to. */
export async function sendSearchDigests(ctx: DigestContext): Promise<string[]> {
	const now = ctx.now();
	const searches = (await allOf<SavedSearch>(ctx.db, 'savedsearch:')).filter((s) => s.digest);
	if (searches.length === 0) return [];
	const byOwner = new Map<string, SavedSearch[]>();
	for (const s of searches) byOwner.set(s.owner, [...(byOwner.get(s.owner) ?? []), s]);
	// A person who turned the digest off on the account page gets none (their structure's searches stay).
	const accounts = (await allOf<Account>(ctx.accounts, 'account:')).filter(
		(a) => a.structureId && byOwner.has(a.structureId) && notificationsOf(a).digest,
	);
	const due: { account: Account; mark: DigestMark | null }[] = [];
	for (const account of accounts) {
		const mark = (await ctx.accounts.get(markId(account._id)).catch(() => null)) as DigestMark | null;
		if (!mark || now.getTime() - Date.parse(mark.lastSentAt) >= DIGEST_INTERVAL_MS)
			due.push({ account, mark });
	}
	if (due.length === 0) return [];
	// Listings are read once per run, and only when some digest is due (a region holds 50,000).
	const listings = await allOf<Listing>(ctx.db, 'listing:');
	const sent: string[] = [];
	for (const { account, mark } of due) {
		const since = mark?.lastSentAt ?? new Date(now.getTime() - FIRST_LOOK_BACK_MS).toISOString();
		const viewer = await viewerOfAccount(ctx.db, account);
		const readable = listings.filter((l) => l.createdAt > since && canRead(viewer, l));
		const matches = matchNewListings(byOwner.get(account.structureId ?? '') ?? [], readable, { since, now });
		const message = digestMessage({
			to: account.email,
			name: account.name,
			locale: accountLocale(account),
			matches,
			listings: new Map(readable.map((l) => [l._id, l])),
			publicUrl: ctx.publicUrl,
		});
		try {
			if (message) await ctx.mailer.send(message);
		} catch (err) {
			ctx.warn(`Recherches enregistrées : envoi à ${account.email} impossible (${(err as Error).message})`);
			continue;
		}
		if (message) sent.push(account.email);
		await ctx.accounts.put({
			...mark,
			_id: markId(account._id),
			type: 'searchdigest',
			lastSentAt: now.toISOString(),
		});
	}
	return sent;
}
