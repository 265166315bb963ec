// Whether a save just made stays on this device for now (no connection to send it).
import { syncStatus } from '../sync/status.svelte';

export function savedOffline(): boolean {
	return (typeof navigator !== 'undefined' && !navigator.onLine) || syncStatus.state === 'offline';
}
