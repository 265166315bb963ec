// Calendar apps cannot sign in: a subscription URL carries a per-account token instead. Tokens
// live in the server-only accounts store; the feed reads with the rights of the token's account.
/// <reference types="pouchdb-core" />
import { randomBytes } from 'node:crypto';
import type { Viewer } from '../../src/lib/domain';
import { viewerOfAccount } from '../auth/roles';

interface TokenDoc {
	_id: string;
	_rev?: string;
	type: 'feedtoken';
	account: string;
	token: string;
}

const byAccount = (account: string) => `feed:${account}`;
const byToken = (token: string) => `feedtoken:${token}`;

/** The account's token, created on first request. */
export async function feedToken(accounts: PouchDB.Database, account: string): Promise<string> {
	const found = (await accounts.get(byAccount(account)).catch(() => null)) as TokenDoc | null;
	if (found) return found.token;
	const token = randomBytes(24).toString('base64url');
	const doc: TokenDoc = { _id: byToken(token), type: 'feedtoken', account, token };
	await accounts.bulkDocs([doc, { ...doc, _id: byAccount(account) }]);
	return token;
}

/** Who a token reads as: the account's role today (membership may have lapsed since). */
export async function viewerOfToken(
	accounts: PouchDB.Database,
	db: PouchDB.Database,
	token: string,
): Promise<Viewer | null> {
	if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
	const found = (await accounts.get(byToken(token)).catch(() => null)) as TokenDoc | null;
	const account = found
		? ((await accounts.get(found.account).catch(() => null)) as {
				_id: string;
				staff?: boolean;
				structureId?: string;
			} | null)
		: null;
	if (!account) return null;
	return viewerOfAccount(db, account);
}
