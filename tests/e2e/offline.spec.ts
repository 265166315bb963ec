// Once synced, the directory and the listings work without any connection.
import { expect, test } from '@playwright/test';
import { SYNC_TIMEOUT, savedDevice, waitForDirectory, waitUpToDate } from './helpers';

// A visitor's device that has made its first sync (in the setup project).
test.use({ storageState: savedDevice() });

test('after the first sync, the directory and a listing open offline', async ({ page, context }) => {
	await page.goto('/annonces');
	await waitUpToDate(page);
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
		timeout: SYNC_TIMEOUT,
	});
	const firstListing = page.getByRole('list', { name: 'Annonces ouvertes' }).getByRole('link').first();
	await expect(firstListing).toBeVisible({ timeout: SYNC_TIMEOUT });
	const title = (await firstListing.textContent())?.trim() ?? '';
	const href = (await firstListing.getAttribute('href')) ?? '';
	expect(title.length).toBeGreaterThan(2);
	expect(href).toMatch(/^\/annonces\/.+/);
	await page.goto('/annuaire');
	await waitForDirectory(page, 100);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Annuaire des structures' })).toBeVisible();
	await waitForDirectory(page, 100);
	await expect(page.getByRole('list', { name: 'Structures' }).getByRole('listitem')).toHaveCount(50);
	await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();

	await page.goto(href);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText(/^(Proposée|Demandée) par$/)).toBeVisible();
	await expect(page.getByText('Secteur', { exact: true })).toBeVisible();
	await context.setOffline(false);
});
