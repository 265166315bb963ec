// The client side of bench:sync-node: a PouchDB replica in Node's memory pulling (never pushing)
// from the server through the link, with the app's replication options (read from
// src/lib/sync/replication.ts) or variants to compare. Not the app: no IndexedDB, no Dexie tables,
// no drop check, no service-worker precache on the link; the phone benchmark speaks for the app.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-node';
import { pullChanges } from './changes-pull';
import { Connection } from './connection';

const Client = PouchDB.plugin(memoryAdapter);
type Options = PouchDB.Replication.ReplicateOptions;

export interface Credentials {
	username: string;
	password: string;
}

/** The app's pull options, read from its source so the bench follows them. */
export function appPullOptions(
	file = join(import.meta.dirname, '../../src/lib/sync/replication.ts'),
): Options & { source: string } {
	const text = readFileSync(file, 'utf8');
	const number = (name: string) =>
		Number(text.match(new RegExp(`${name}:\\s*([\\d_]+)`))?.[1]?.replace(/_/g, ''));
	const checkpoint = text.match(/const PULL[^;]*checkpoint:\s*'(\w+)'/)?.[1];
	const options: Options = { batch_size: number('batch_size'), batches_limit: number('batches_limit') };
	if (!options.batch_size || !options.batches_limit)
		throw new Error(`could not read the app's batch_size / batches_limit in ${file}`);
	if (checkpoint === 'target' || checkpoint === 'source') options.checkpoint = checkpoint;
	return { ...options, source: relative(process.cwd(), file) };
}

/** Every variant is a Node PouchDB client (memory adapter) that only pulls. */
export type Variant = 'app-options' | 'stock' | 'app-options-plain-up' | 'changes-docs';
export const VARIANTS: Record<Variant, string> = {
	'app-options':
		'Node PouchDB replication with the app’s options, request bodies gzipped as the app does (gzip-fetch.ts)',
	stock:
		'Node PouchDB replication, stock options (batch_size 100, batches_limit 10, checkpoints on both sides)',
	'app-options-plain-up': 'the app’s options with plain request bodies (before the app gzipped them)',
	'changes-docs':
		'not PouchDB replication: _changes?include_docs=true pages of 1000 written with new_edits:false, next page fetched during the write',
};

export interface Device {
	replica: PouchDB.Database;
	variant: Variant;
	credentials?: Credentials;
}

export function newDevice(variant: Variant, credentials?: Credentials): Device {
	return { replica: new Client(`bench-${randomUUID()}`, { adapter: 'memory' }), variant, credentials };
}

export interface PullResult {
	docs: number;
	ms: number;
	/** Requests resent after their reused connection was closed under them. */
	retries: number;
	/** The replica's sequence when the measured part began, if not at the start. */
	since?: number | string;
}

const pouchOptions = ({ source: _, ...options }: Options & { source?: string }): Options => options;

/** Pulls until caught up, as the app's live replication does (done at its first `paused`). */
export async function pull(device: Device, dbUrl: string, app: Options): Promise<PullResult> {
	const connection = new Connection(device.variant === 'app-options');
	const started = performance.now();
	try {
		if (device.variant === 'changes-docs') {
			const docs = await pullChanges(device.replica, dbUrl, connection, device.credentials);
			return { docs, ms: performance.now() - started, retries: connection.retries };
		}
		const remote = new Client(dbUrl, {
			auth: device.credentials,
			fetch: connection.fetch,
			...(device.variant === 'stock' ? {} : { skip_setup: true }),
		});
		const options = device.variant === 'stock' ? {} : pouchOptions(app);
		const docs = await replicateUntilPaused(device.replica, remote, options);
		return { docs, ms: performance.now() - started, retries: connection.retries };
	} finally {
		await connection.release();
	}
}

/** Resolves with the documents written, at the first `paused` (caught up); the replication is then cancelled. */
function replicateUntilPaused(replica: PouchDB.Database, remote: PouchDB.Database, options: Options) {
	return new Promise<number>((resolve, reject) => {
		let docs = 0;
		const replication = replica.replicate.from(remote, { ...options, live: true, retry: false });
		replication.on('change', (info) => {
			docs += info.docs.length;
		});
		replication.on('paused', (err) => {
			replication.on('complete', () => (err ? reject(err) : resolve(docs)));
			replication.cancel();
		});
		replication.on('error', reject);
	});
}

/** The documents written since `seq`, as stored (with _id and _rev): JSON bytes, and gzipped in one stream. */
export async function writtenSince(replica: PouchDB.Database, seq: number | string) {
	const changes = await replica.changes({ since: seq, include_docs: true });
	return streamSize(changes.results.map((change) => change.doc));
}

/** Documents serialised as one JSON stream (a document a line): its bytes, plain and gzipped. */
export function streamSize(docs: unknown[]): { json: number; gzip: number } {
	const json = docs.map((doc) => JSON.stringify(doc)).join('\n');
	return { json: Buffer.byteLength(json), gzip: gzipSync(json).length };
}

/**
 * A live replication with the app's options, caught up and waiting on its longpoll; `whileIdle`
 * makes changes on the server; done once `expect` documents have arrived.
 */
export async function follow(
	device: Device,
	dbUrl: string,
	app: Options,
	expect: number,
	whileIdle: () => Promise<unknown>,
): Promise<PullResult> {
	const connection = new Connection();
	const remote = new Client(dbUrl, { auth: device.credentials, fetch: connection.fetch, skip_setup: true });
	try {
		return await new Promise<PullResult>((resolve, reject) => {
			let docs = 0;
			let started: number | null = null;
			let since: number | string | undefined;
			const live = { ...pouchOptions(app), live: true, retry: false };
			const replication = device.replica.replicate.from(remote, live);
			replication.on('change', (info) => {
				if (started !== null) docs += info.docs.length;
			});
			replication.on('paused', (err) => {
				if (err) {
					replication.cancel();
					return reject(err);
				}
				if (started === null) {
					started = performance.now();
					device.replica
						.info()
						.then((info) => {
							since = info.update_seq;
							connection.retries = 0;
							return whileIdle();
						})
						.catch(reject);
					return;
				}
				if (docs < expect) return;
				const result = { docs, ms: performance.now() - started, retries: connection.retries, since };
				replication.on('complete', () => resolve(result));
				replication.cancel();
			});
			replication.on('error', reject);
		});
	} finally {
		await connection.release();
	}
}
