// Starts the app's machinery (src/lib/app.ts: replica, query tables' indexer, replication) from a
// chunk of its own, after the first paint: PouchDB stays off the first route's critical path.
// What changes the account awaits it, so the change is seen by the app's listeners.
let started: Promise<void> | null = null;

export function appStarted(): Promise<void> {
	started ??= import('./app').then((app) => app.startApp());
	return started;
}
