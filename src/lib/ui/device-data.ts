// What an empty page says while this device has no data yet: during the first sync, or while
// online with tables not filled yet, the data is on its way; offline, it comes at the next connection.
// `tablesReady()` is reactive (it reads rune state): a page shows « Chargement… » rather than
// « 0 annonce » until the device's first sync is in its query tables.
import { m } from '../i18n';
import { firstSync } from '../sync/first-sync.svelte';
import { navigatorOnline, syncStatus } from '../sync/status.svelte';

/** The text a page shows while its table is not ready. */
export function loadingDeviceData(): string {
	return m.common_loading_device_data();
}

/** The same text as a constant: the language is fixed for the page's life (changing it reloads). */
export const LOADING_DEVICE_DATA = m.common_loading_device_data();

/** The query tables hold at least one complete sync of this device (reactive). */
export function tablesReady(): boolean {
	return firstSync.tablesReady;
}

/** `empty`: the page's table holds nothing at all (not merely nothing matching the filters). */
export function deviceFilling(empty: boolean): boolean {
	if (!tablesReady() && navigatorOnline()) return true;
	if (syncStatus.state === 'syncing') return true;
	return empty && syncStatus.state === 'up-to-date' && navigatorOnline();
}
