// The network's card signing key: made on first start, kept in the server-only accounts store
// (never replicated), its public half published as a public document every device replicates.
/// <reference types="pouchdb-core" />
import * as ed from '@noble/ed25519';
import {
	bytesToHex,
	CARD_KEY_ID,
	type CardKey,
	hexToBytes,
	NETWORK,
	SCHEMA_VERSION,
} from '../../src/lib/domain';
import type { Stores } from '../store';

const SECRET_ID = '_local/card-key';

export interface CardKeys {
	secretKey: Uint8Array;
	publicKey: string;
}

interface StoredKey {
	_id: string;
	_rev?: string;
	secretKey: string;
	publicKey: string;
	createdAt: string;
}

const isStatus = (err: unknown, status: number) => (err as { status?: number })?.status === status;

async function readSecret(accounts: PouchDB.Database): Promise<StoredKey | null> {
	try {
		return (await accounts.get(SECRET_ID)) as unknown as StoredKey;
	} catch (err) {
		if (isStatus(err, 404)) return null;
		throw err;
	}
}

/** The stored key pair, or a new one; two servers starting together end up with the same. */
async function secretOf(accounts: PouchDB.Database): Promise<StoredKey> {
	const stored = await readSecret(accounts);
	if (stored) return stored;
	const { secretKey, publicKey } = await ed.keygenAsync();
	const fresh: StoredKey = {
		_id: SECRET_ID,
		secretKey: bytesToHex(secretKey),
		publicKey: bytesToHex(publicKey),
		createdAt: new Date().toISOString(),
	};
	try {
		await accounts.put(fresh);
		return fresh;
	} catch (err) {
		if (!isStatus(err, 409)) throw err;
		return (await readSecret(accounts)) ?? fresh;
	}
}

/** Writes the public key document when it is missing or names another key. */
async function publish(db: PouchDB.Database, key: StoredKey): Promise<void> {
	let current: (CardKey & { _rev: string }) | null = null;
	try {
		current = (await db.get(CARD_KEY_ID)) as unknown as CardKey & { _rev: string };
	} catch (err) {
		if (!isStatus(err, 404)) throw err;
	}
	if (current?.publicKey === key.publicKey) return;
	const now = new Date().toISOString();
	const doc: CardKey = {
		_id: CARD_KEY_ID,
		...(current ? { _rev: current._rev } : {}),
		type: 'cardkey',
		schema: SCHEMA_VERSION,
		owner: NETWORK,
		audience: 'public',
		createdAt: current?.createdAt ?? now,
		updatedAt: now,
		algorithm: 'Ed25519',
		publicKey: key.publicKey,
		since: key.createdAt,
	};
	await db.put(doc).catch((err) => {
		if (!isStatus(err, 409)) throw err;
	});
}

const ready = new WeakMap<Stores, Promise<CardKeys>>();

/** The card keys of these stores, made and published once per process. */
export function cardKeys(stores: Pick<Stores, 'db' | 'accounts'>): Promise<CardKeys> {
	const known = ready.get(stores as Stores);
	if (known) return known;
	const made = (async () => {
		const key = await secretOf(stores.accounts);
		await publish(stores.db, key);
		return { secretKey: hexToBytes(key.secretKey), publicKey: key.publicKey };
	})();
	made.catch(() => ready.delete(stores as Stores));
	ready.set(stores as Stores, made);
	return made;
}
