// Live two-way replication between the replica and the server's /db/elbasar, and the sync status
// it drives. Restarted when the device comes back online and when the account changes.
import PouchDB from 'pouchdb-browser';
import { m } from '../i18n';
import { bootstrapHanded, bootstrapIfNew } from './bootstrap';
import { dropCheck } from './drop-check';
import { DROPPED } from './drops';
import { countingFetch, firstSync } from './first-sync.svelte';
import { gzipFetch } from './gzip-fetch';
import { outbox } from './outbox';
import { type Replica, replica } from './replica';
import { navigatorOnline, syncStatus } from './status.svelte';

/** Longest wait between two attempts when the server cannot be reached. */
export const MAX_BACK_OFF = 60_000;

/** Doubles the wait after each failure (first retry after 2 s), with some jitter, up to a minute. */
export function backOff(delay: number): number {
	if (delay === 0) return 2_000;
	return Math.min(Math.round(delay * (1.8 + Math.random() * 0.4)), MAX_BACK_OFF);
}

/**
 * Pushes only the documents written on this device, never the drop check's tombstones (a dropped document
 * is not a deletion). PouchDB hashes `filter.toString()` into the
 * checkpoint id: a fixed name keeps it stable whatever the minifier does to the function's text.
 */
const pushOnlyLocalWrites = Object.assign(
	(doc: { _id: string; [DROPPED]?: boolean }) => outbox.has(doc._id) && !doc[DROPPED],
	{
		toString: () => 'elbasar-push-local-writes-v1',
	},
);

/**
 * Options are part of the checkpoint identity (filter text, query params): change them and every
 * device pulls everything again. Big batches: each costs several round trips on a 300 ms link.
 */
const COMMON: PouchDB.Replication.ReplicateOptions = {
	live: true,
	retry: true,
	batch_size: 1000,
	batches_limit: 2,
};

/** How long to wait between attempts; the app keeps the defaults, tests shorten them. */
export interface Timing {
	/** The next wait after a failed attempt, from the previous one (0 before the first retry). */
	backOff?: (delay: number) => number;
	/** The wait before starting again after an error PouchDB does not retry. */
	restartAfter?: number;
}

/**
 * Checkpoints stay on the device (the replica is the target of the pull, the source of the push):
 * that saves the server's `_local` GET and PUT on every batch, and visitors need no write access.
 */
function pullOptions(
	since: string | undefined,
	back_off_function: (delay: number) => number,
): PouchDB.Replication.ReplicateOptions {
	// `since` (a bootstrap's sequence) is written as the pull's checkpoint before it starts.
	return { ...COMMON, back_off_function, checkpoint: 'target', ...(since !== undefined ? { since } : {}) };
}

/** The push starts where the outbox knows everything was pushed (`since` is not in the identity). */
function pushOptions(
	since: number | string | undefined,
	back_off_function: (delay: number) => number,
): PouchDB.Replication.ReplicateOptions {
	const filter = pushOnlyLocalWrites as unknown as PouchDB.Replication.ReplicateOptions['filter'];
	const options = {
		...COMMON,
		back_off_function,
		checkpoint: 'source',
		filter,
		...(since !== undefined ? { since } : {}),
	};
	return options as PouchDB.Replication.ReplicateOptions;
}

export function remoteUrl(origin = location.origin): string {
	return `${origin}/db/elbasar`;
}

/** No HTTP answer at all: on a rural link that is a lost connection more often than a fault. */
export function isNetworkFailure(err: unknown): boolean {
	const status = (err as { status?: unknown } | null)?.status;
	return typeof status !== 'number' || status === 0;
}

/** An explanation of a replication failure, in the reader's language. */
export function describeFailure(err: unknown): string {
	const e = (err ?? {}) as { status?: number; reason?: string };
	if (!navigatorOnline()) return m.common_sync_no_internet();
	if (e.status === 401 || e.status === 403) return m.common_sync_access_refused();
	if (e.status && e.status >= 500) return m.common_sync_server_problem();
	if (e.status && typeof e.reason === 'string') return e.reason;
	return m.common_sync_unreachable();
}

type Replication = PouchDB.Replication.Replication<object>;
type Direction = 'push' | 'pull';
/** Where each direction stands: busy, caught up, or waiting to retry after `error`. */
type Phase = { busy: true } | { busy: false; error?: unknown };

/** Both directions together make the status: busy if one is, failed if one failed, else up to date. */
class Tracker {
	#phases: Record<Direction, Phase> = { push: { busy: true }, pull: { busy: true } };
	/** A cancelled replication may still emit (a late 'error' or 'paused'): it must not touch the status. */
	muted = false;
	/** Both directions caught up: time for the drop check. */
	caughtUp: () => void = () => {};
	/** Documents a bootstrap wrote before the pull started: the progress bar counts on from there. */
	bootstrapped = 0;
	constructor(private remote: PouchDB.Database) {}

	/** Resolves when the replication ends: cancelled (false) or stopped by an error PouchDB won't retry (true). */
	watch(direction: Direction, replication: Replication): Promise<boolean> {
		replication.on('active', () => this.#set(direction, { busy: true }));
		replication.on('paused', (error) => this.#set(direction, { busy: false, error }));
		if (direction === 'pull')
			replication.on(
				'change',
				(info) => this.muted || firstSync.progress(this.bootstrapped + info.docs_read),
			);
		if (direction === 'push') {
			replication.on('change', (info) => this.muted || outbox.pushed(info.docs));
			replication.on('denied', (refusal) => {
				const r = refusal as { id?: string; reason?: string; message?: string };
				if (r.id && !this.muted)
					outbox.markRefused(r.id, r.reason ?? r.message ?? m.common_sync_refused_default());
			});
		}
		return new Promise((resolve) => {
			replication.on('error', (error) => {
				this.#set(direction, { busy: false, error: error ?? 'error' });
				resolve(true);
			});
			replication.on('complete', () => resolve(false));
		});
	}

	#set(direction: Direction, phase: Phase): void {
		if (this.muted) return;
		this.#phases[direction] = phase;
		const phases = Object.values(this.#phases);
		const failed = phases.find((p) => !p.busy && p.error);
		if (phases.some((p) => p.busy)) syncStatus.syncing();
		else if (failed && !failed.busy)
			syncStatus.failed(describeFailure(failed.error), isNetworkFailure(failed.error));
		else {
			syncStatus.upToDate();
			firstSync.finish();
			outbox.settle(this.remote).catch(() => undefined);
			this.caughtUp();
		}
	}
}

function refreshOutboxStatus(): void {
	syncStatus.pending = outbox.pendingCount;
	syncStatus.setRefused(outbox.refused);
}

interface Running {
	replications: Replication[];
	tracker: Tracker;
	/** Stops a bootstrap stream still loading. */
	abort: AbortController;
	done: Promise<unknown>;
}

let running: Running | null = null;
/** Start and stop run one after the other, whoever calls them (online event, sign-in, sign-out). */
let lifecycle: Promise<unknown> = Promise.resolve();

function serially<T>(step: () => Promise<T>): Promise<T> {
	const next = lifecycle.then(step, step);
	lifecycle = next.catch(() => undefined);
	return next;
}

/**
 * Starts replicating `db` (the replica by default) with `server` (the origin's /db/elbasar, or a
 * database handle), unless it already runs or the device is offline.
 */
export function startSync(
	db: Replica = replica(),
	server: string | PouchDB.Database = remoteUrl(),
	timing: Timing = {},
): Promise<void> {
	return serially(async () => {
		if (running) return;
		outbox.onChange = refreshOutboxStatus;
		await outbox.load(db);
		if (!navigatorOnline()) return syncStatus.offline();
		syncStatus.syncing();
		const remote =
			typeof server === 'string'
				? withSteadyInfo(new PouchDB(server, { skip_setup: true, fetch: countingFetch(gzipFetch()) }))
				: server;
		firstSync.begin();
		// The total of the progress bar: the records this viewer may read (the server counts them).
		if (firstSync.active) remote.info().catch(() => undefined);
		const tracker = new Tracker(remote);
		dropCheck.reset();
		if (typeof server === 'string') tracker.caughtUp = () => dropCheck.caughtUp(db, server);
		const wait = timing.backOff ?? backOff;
		const push = db.replicate.to(remote, pushOptions(outbox.pushedThrough, wait));
		const abort = new AbortController();
		const run: Running = { replications: [push], tracker, abort, done: Promise.resolve() };
		const pullEnd = startPull(run, db, remote, server, wait);
		const ends = [pullEnd, tracker.watch('push', push)];
		run.done = Promise.all(ends);
		running = run;
		// An error PouchDB does not retry ends that direction: start both again after the longest back-off.
		for (const ended of ends) void ended.then((failed) => failed && retryLater(run, db, server, timing));
	});
}

/**
 * A device that never synced first loads the server's bootstrap stream (bootstrap.ts), then pulls
 * from its sequence; any other device pulls from its checkpoint. Resolves as `Tracker.watch` does.
 */
async function startPull(
	run: Running,
	db: Replica,
	remote: PouchDB.Database,
	server: string | PouchDB.Database,
	wait: (delay: number) => number,
): Promise<boolean> {
	let since: string | undefined;
	if (firstSync.active && typeof server === 'string') {
		try {
			since = await bootstrapIfNew(
				db,
				server,
				{
					total: (count) => firstSync.serverTotal(count),
					loaded: (count) => {
						run.tracker.bootstrapped = count;
						if (!run.tracker.muted) firstSync.progress(count);
					},
				},
				{ fetch: countingFetch((url, init) => fetch(url, init)), signal: run.abort.signal },
			);
		} catch {
			// Stopped (offline, sign-out: muted below) or the replica could not be read: a normal pull.
			since = undefined;
		}
	}
	if (run.tracker.muted) return false;
	const pull = db.replicate.from(remote, pullOptions(since, wait));
	run.replications.push(pull);
	if (since !== undefined) {
		const handed = (error: unknown) => {
			if (error) return;
			pull.removeListener('paused', handed);
			bootstrapHanded(db).catch(() => undefined);
		};
		pull.on('paused', handed);
	}
	return run.tracker.watch('pull', pull);
}

/**
 * PouchDB's replication asks the server's info only to report its progress, and after each batch
 * it does so without a catch (pouchdb-browser 9, replicate's finishBatch): a device going offline
 * at that moment gets an unhandled "Failed to fetch" (seen in the offline search test). Progress can
 * use the last answer; the replication's own requests still fail and are retried as before.
 */
function withSteadyInfo(remote: PouchDB.Database): PouchDB.Database {
	const info = remote.info.bind(remote) as () => Promise<PouchDB.Core.DatabaseInfo>;
	let last: PouchDB.Core.DatabaseInfo | undefined;
	const steady = async () => {
		try {
			last = await info();
			firstSync.serverTotal(last.doc_count);
			return last;
		} catch (err) {
			if (last) return last;
			throw err;
		}
	};
	remote.info = steady as typeof remote.info;
	return remote;
}

function retryLater(run: Running, db: Replica, server: string | PouchDB.Database, timing: Timing): void {
	setTimeout(() => {
		if (running === run) void restartSync(db, server, timing);
	}, timing.restartAfter ?? MAX_BACK_OFF);
}

/** Stops replication and waits until PouchDB has let go of the replica. */
export function stopSync(): Promise<void> {
	return serially(async () => {
		const current = running;
		running = null;
		if (!current) return;
		current.tracker.muted = true;
		current.abort.abort();
		for (const replication of current.replications) replication.cancel();
		await Promise.race([current.done, new Promise((resolve) => setTimeout(resolve, 5_000))]);
	});
}

export async function restartSync(
	db?: Replica,
	server?: string | PouchDB.Database,
	timing?: Timing,
): Promise<void> {
	await stopSync();
	await startSync(db, server, timing);
}

export function isSyncing(): boolean {
	return running !== null;
}

/** Follows the browser's connectivity: stop on 'offline', start again at once on 'online'. */
export function followConnectivity(onOnline: () => void): () => void {
	const offline = () => {
		syncStatus.offline();
		void stopSync();
	};
	addEventListener('offline', offline);
	addEventListener('online', onOnline);
	return () => {
		removeEventListener('offline', offline);
		removeEventListener('online', onOnline);
	};
}
