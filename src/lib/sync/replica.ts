// The device's replica: a PouchDB database in IndexedDB holding every document this device may
// read. Pages never touch it directly: they read the query tables and write through docs.ts.
import PouchDB from 'pouchdb-browser';

export const REPLICA_NAME = 'elbasar';
/** A rebuilt replica (see `replaceReplica`) lives under another name, remembered here. */
const NAME_KEY = 'elbasar:replica-name';

export type Replica = PouchDB.Database;

let current: Replica | null = null;

export function replica(): Replica {
	current ??= new PouchDB(globalThis.localStorage?.getItem(NAME_KEY) ?? REPLICA_NAME);
	return current;
}

/**
 * Fills a new replica from the current one, then uses it and destroys the old one. Until `fill` is
 * done the old replica stays the device's: a crash halfway leaves it as it was.
 */
export async function replaceReplica(
	fill: (old: Replica, fresh: Replica) => Promise<void>,
): Promise<Replica> {
	const old = replica();
	const fresh = new PouchDB(`${REPLICA_NAME}-${Date.now().toString(36)}`);
	try {
		await fill(old, fresh);
	} catch (err) {
		await fresh.destroy().catch(() => undefined);
		throw err;
	}
	globalThis.localStorage?.setItem(NAME_KEY, fresh.name);
	current = fresh;
	await old.destroy().catch((err) => console.warn('replica: old copy not destroyed', err));
	return fresh;
}

/** Destroys the replica and starts an empty one: nothing of the previous account stays behind. */
export async function resetReplica(): Promise<Replica> {
	const old = replica();
	current = null;
	globalThis.localStorage?.removeItem(NAME_KEY);
	await old.destroy();
	return replica();
}
