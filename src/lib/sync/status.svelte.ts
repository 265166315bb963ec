/// <reference types="svelte" />
// What the sync indicator shows: one rune object the replication drives and the layout reads.
// `lastSync` survives restarts (localStorage) so an offline start still says how fresh the data is.

export type SyncState = 'offline' | 'syncing' | 'up-to-date' | 'error';

/** A local document the server refused, with its reason (French, from the server). */
export interface RefusedDoc {
	id: string;
	reason: string;
}

const LAST_SYNC_KEY = 'elbasar:last-sync';

function storedLastSync(): Date | null {
	const raw = globalThis.localStorage?.getItem(LAST_SYNC_KEY);
	const date = raw ? new Date(raw) : null;
	return date && !Number.isNaN(date.getTime()) ? date : null;
}

class SyncStatus {
	state = $state<SyncState>(navigatorOnline() ? 'syncing' : 'offline');
	lastSync = $state<Date | null>(storedLastSync());
	/** Local changes not yet accepted by the server; null while unknown. */
	pending = $state<number | null>(null);
	/** Why the last replication attempt failed, in French; null when it did not. */
	error = $state<string | null>(null);
	refused = $state<RefusedDoc[]>([]);

	syncing(): void {
		this.state = navigatorOnline() ? 'syncing' : 'offline';
	}

	upToDate(at = new Date()): void {
		this.error = null;
		this.lastSync = at;
		globalThis.localStorage?.setItem(LAST_SYNC_KEY, at.toISOString());
		this.state = this.refused.length > 0 ? 'error' : 'up-to-date';
	}

	offline(): void {
		this.state = 'offline';
	}

	/** `unreachable`: no answer at all from the server, which the user knows as being offline. */
	failed(reason: string, unreachable = false): void {
		this.error = reason;
		this.state = navigatorOnline() && !unreachable ? 'error' : 'offline';
	}

	setRefused(refused: RefusedDoc[]): void {
		this.refused = refused;
		if (refused.length > 0 && this.state !== 'offline') this.state = 'error';
		else if (refused.length === 0 && this.state === 'error' && this.error === null) this.state = 'up-to-date';
	}

	/** Back to a blank state (sign-out wipes the device's data). */
	reset(): void {
		this.error = null;
		this.pending = null;
		this.refused = [];
		this.lastSync = null;
		globalThis.localStorage?.removeItem(LAST_SYNC_KEY);
		this.syncing();
	}
}

export function navigatorOnline(): boolean {
	return globalThis.navigator?.onLine ?? true;
}

export const syncStatus = new SyncStatus();
