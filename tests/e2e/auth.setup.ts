// Signs each demo role in once, waits for its first sync and for the app to be offline-ready, and
// saves the device (cookies, localStorage, IndexedDB) for the tests to start from: one first sync
// per role for the whole run instead of one per test.
import { expect, test as setup } from '@playwright/test';
import {
	ANIMATOR,
	MEMBER_A,
	MEMBER_B,
	NON_MEMBER,
	savedDevice,
	signIn,
	waitForDirectory,
	waitUpToDate,
} from './helpers';

setup.describe.configure({ mode: 'parallel' });

for (const account of [MEMBER_A, MEMBER_B, ANIMATOR, NON_MEMBER, undefined]) {
	setup(`a synced device of ${account?.email ?? 'a visitor'}`, async ({ page }) => {
		setup.setTimeout(240_000);
		if (account) await signIn(page, account);
		else {
			await page.goto('/');
			await waitUpToDate(page);
		}
		// The query tables follow the replica: saved once they hold the directory too.
		await page.goto('/annuaire');
		await waitForDirectory(page, 100);
		await waitUpToDate(page);
		await page.context().storageState({ path: savedDevice(account), indexedDB: true });
		expect(await page.evaluate(() => indexedDB.databases())).not.toHaveLength(0);
	});
}
