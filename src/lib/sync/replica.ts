// The device's replica: a PouchDB database in IndexedDB holding every document this device may
// read. Pages never touch it directly: they read the query tables and write through docs.ts.
import PouchDB from 'pouchdb-browser';

export const REPLICA_NAME = 'elbasar';

export type Replica = PouchDB.Database;

let current: Replica | null = null;

export function replica(): Replica {
	current ??= new PouchDB(REPLICA_NAME);
	return current;
}

/** Destroys the replica and starts an empty one: nothing of the previous account stays behind. */
export async function resetReplica(): Promise<Replica> {
	const old = replica();
	current = null;
	await old.destroy();
	return replica();
}
