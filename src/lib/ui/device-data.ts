// What an empty page says while this device has no data yet: during the first sync, or while
// online with tables not filled yet, the data is on its way; offline, it comes at the next connection.
import { navigatorOnline, syncStatus } from '../sync/status.svelte';

export const LOADING_DEVICE_DATA = 'Chargement des données sur cet appareil…';

/** `empty`: the page's table holds nothing at all (not merely nothing matching the filters). */
export function deviceFilling(empty: boolean): boolean {
	if (syncStatus.state === 'syncing') return true;
	return empty && syncStatus.state === 'up-to-date' && navigatorOnline();
}
