// The storage interface every backend gives: two PouchDB databases and a way to close them.
/// <reference types="pouchdb-core" />

export interface Stores {
	/** The shared documents: directory, listings, events… what /db serves, filtered per viewer. */
	db: PouchDB.Database;
	/** Accounts and sessions; never replicated, never reachable over /db. */
	accounts: PouchDB.Database;
	close(): Promise<void>;
}

export interface StoreOptions {
	/** Folder of the embedded LevelDB stores (default backend). */
	dataDir?: string;
	/** Throw-away stores for tests; each call gets its own. */
	memory?: boolean;
	/** An Apache CouchDB (or cluster) to use instead, e.g. `https://user:pass@couch:5984`. */
	couchUrl?: string;
}
