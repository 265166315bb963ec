// A new version of the app waits for the user, then takes over when asked. It deploys a changed
// service worker in build/ (the server reads it at each request; the browser fetches the worker's
// script itself, out of reach of page.route), so it runs alone, after every other browser test
// (the `deploy` project), and puts the build back whatever happens.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SYNC_TIMEOUT } from './helpers';

const WORKER = 'build/service-worker.js';

test('a new version waits for the user, then takes over when asked', async ({ page }) => {
	const controlled = () =>
		page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: SYNC_TIMEOUT });
	await page.goto('/');
	await controlled();
	const prompt = page.getByText('Une nouvelle version est disponible');
	await expect(prompt).toBeHidden();

	const original = readFileSync(WORKER, 'utf8');
	try {
		writeFileSync(WORKER, `${original}\n// nouvelle version ${Date.now()}\n`);
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await expect(prompt).toBeVisible({ timeout: 30_000 });
		// Until the user says so, the old version keeps the page.
		expect(
			await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
		).toBe(true);

		const reloaded = page.waitForEvent('load');
		await page.getByRole('button', { name: 'Mettre à jour' }).click();
		await reloaded;
		await expect(prompt).toBeHidden();
		await controlled();
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting),
		).toBeNull();
	} finally {
		writeFileSync(WORKER, original);
	}
});
