// Starts the app's machinery once: session, query tables, replication, service worker. Also the
// one place that knows what a change of account does to the device's data.
import { m } from './i18n';
import { tables } from './local/db';
import { clearTables, Indexer } from './local/indexer';
import { type SessionUser, session } from './session.svelte';
import { getDoc, removeDoc, saveDoc, writeAs } from './sync/docs';
import { dropCheck } from './sync/drop-check';
import { rebuildReplica } from './sync/drops';
import { firstSync } from './sync/first-sync.svelte';
import { OUTBOX_ID, outbox } from './sync/outbox';
import { replaceReplica, replica, resetReplica } from './sync/replica';
import { followConnectivity, restartSync, startSync, stopSync } from './sync/replication';
import { syncStatus } from './sync/status.svelte';
import { registerServiceWorker } from './sync/updates.svelte';

/**
 * The device's own write actions and its copy of a document, reachable from the browser console as
 * `elbasar`: for support (what does this phone hold, what would it refuse?) and for browser tests
 * that must try writes the pages never offer (another structure's listing). Same gate as the pages.
 */
export interface DeviceHandle {
	saveDoc: typeof saveDoc;
	removeDoc: typeof removeDoc;
	getDoc: typeof getDoc;
}

declare global {
	var elbasar: DeviceHandle | undefined;
}

let started = false;
let indexer: Indexer | null = null;

function startIndexer(): void {
	indexer = new Indexer(replica(), tables);
	void indexer.start();
}

/**
 * Another account, or none: nothing of the previous one may stay on a shared device. Replication
 * stops, the replica and the tables are wiped, and both start again for the new viewer.
 */
async function wipeDeviceData(): Promise<void> {
	await stopSync();
	await indexer?.stop();
	await outbox.flush();
	await resetReplica();
	await outbox.load(replica());
	await clearTables(tables);
	syncStatus.reset();
	firstSync.reset();
	startIndexer();
}

/**
 * Documents dropped by the drop check are readable again (a membership active again): their revisions
 * stay in the replica's history, so it is rebuilt without them and the pull brings them back.
 */
async function takeBackReadable(): Promise<void> {
	await stopSync();
	await indexer?.stop();
	await outbox.flush();
	await replaceReplica((old, fresh) => rebuildReplica(old, fresh, [OUTBOX_ID]));
	await outbox.load(replica());
	startIndexer();
	await syncIfAllowed(true);
}

/** Starts (or restarts, resetting the back-off) replication, unless a sign-out awaits the server. */
async function syncIfAllowed(restart: boolean): Promise<void> {
	// After an offline sign-out the old cookie is still valid: close it before pulling anything.
	if (await session.closePendingSignOut()) return restart ? restartSync() : startSync();
	await stopSync();
	syncStatus.failed(m.common_sync_sign_out_pending());
}

async function onAccountChange(before: SessionUser | null, after: SessionUser | null): Promise<void> {
	if (before && before.email !== after?.email) await wipeDeviceData();
	// The server re-sends what the new viewer may read; nothing is wiped on sign-in.
	await syncIfAllowed(true);
}

/** Idempotent: the layout calls it on mount. */
export async function startApp(): Promise<void> {
	if (started) return;
	started = true;
	registerServiceWorker();
	// Every write of the device goes through the domain's gate as the signed-in viewer.
	writeAs(() => session.viewer);
	globalThis.elbasar = { saveDoc, removeDoc, getDoc };
	session.onChange(onAccountChange);
	dropCheck.onBack = takeBackReadable;
	// Pages say « Chargement… » until the first pull is in the query tables, not merely in the replica.
	firstSync.onFinished = () => {
		void (indexer?.catchUp() ?? Promise.resolve()).finally(() => firstSync.markTablesReady());
	};
	startIndexer();
	followConnectivity(() => {
		void session.refresh().then(() => syncIfAllowed(true));
	});
	await session.start();
	await syncIfAllowed(false);
}
