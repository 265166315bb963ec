// Where the documents live: the shared database `db` (replicated to devices) and the server-only
// `accounts` (accounts, sessions: never served on /db). One interface, three backends.
/// <reference types="pouchdb-core" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb-node';
import { openMemoryStores } from './memory';
import type { StoreOptions, Stores } from './types';

export type { StoreOptions, Stores } from './types';

export const DB_NAME = 'elbasar';
const ACCOUNTS_NAME = 'accounts';
/** On a shared CouchDB the accounts database is prefixed so its role is obvious to an operator. */
const COUCH_ACCOUNTS_NAME = 'elbasar_accounts';

export function openStores(opts: StoreOptions): Stores {
	if (opts.memory) return openMemoryStores();
	if (opts.couchUrl) return openCouchStores(opts.couchUrl);
	if (!opts.dataDir) throw new Error('openStores: dataDir, memory or couchUrl is required');
	mkdirSync(opts.dataDir, { recursive: true });
	return pair(new PouchDB(join(opts.dataDir, DB_NAME)), new PouchDB(join(opts.dataDir, ACCOUNTS_NAME)));
}

/**
 * Scale-out: the same two databases on CouchDB over HTTP (pouchdb-node carries the http
 * adapter and creates them when missing). Credentials may sit in the URL.
 */
function openCouchStores(couchUrl: string): Stores {
	const base = couchUrl.replace(/\/+$/, '');
	return pair(new PouchDB(`${base}/${DB_NAME}`), new PouchDB(`${base}/${COUCH_ACCOUNTS_NAME}`));
}

function pair(db: PouchDB.Database, accounts: PouchDB.Database): Stores {
	return {
		db,
		accounts,
		close: async () => {
			await Promise.all([db.close(), accounts.close()]);
		},
	};
}
