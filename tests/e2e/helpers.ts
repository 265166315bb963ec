// What every browser test of the pages needs: the demo accounts, signing in through the real
// form, and waiting for the device to hold the data (never a fixed sleep).
import { expect, type Page } from '@playwright/test';

export const MEMBER_A = { email: 'membre@la-pioche.example.org', password: 'membre-demo' };
export const MEMBER_B = { email: 'membre@paniers-de-la-mer.example.org', password: 'membre-demo' };

/** A first sync on a slow, shared 2-core machine can take a while. */
export const SYNC_TIMEOUT = 120_000;

export async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
	await page.goto('/connexion');
	await page.getByLabel('Adresse e-mail').fill(account.email);
	await page.getByLabel('Mot de passe').fill(account.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(account.email)).toBeVisible();
	// Signing in replaces the device's data: tests start from a device that holds this account's.
	await waitUpToDate(page);
}

/** Waits for the sync indicator of the layout to say the device is up to date. */
export async function waitUpToDate(page: Page): Promise<void> {
	await expect(page.getByRole('status').filter({ hasText: /^\s*À jour/ })).toBeVisible({
		timeout: SYNC_TIMEOUT,
	});
	await waitOfflineReady(page);
}

/**
 * Waits until the service worker controls the page: it is activated only once its precache (the
 * app's files) is complete, so a test that goes offline after this can reload any page.
 */
export async function waitOfflineReady(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, {
		timeout: SYNC_TIMEOUT,
	});
}

/** How many structures the directory says it holds ("1 234 structures" → 1234). */
export async function directoryCount(page: Page): Promise<number> {
	const text =
		(await page
			.getByRole('status')
			.filter({ hasText: /structures?/ })
			.first()
			.textContent()) ?? '';
	return Number(text.replace(/\s/g, '').match(/^(\d+)/)?.[1] ?? 0);
}

/** Waits until the directory lists at least `min` structures (they arrive with the first sync). */
export async function waitForDirectory(page: Page, min: number): Promise<void> {
	await expect.poll(() => directoryCount(page), { timeout: SYNC_TIMEOUT }).toBeGreaterThanOrEqual(min);
}

/** Fills and submits the listing form (the page must be on /annonces/nouvelle); returns the id. */
export async function publishListing(page: Page, title: string): Promise<string> {
	await expect(page.getByRole('heading', { level: 1, name: 'Publier une annonce' })).toBeVisible();
	await page.getByLabel('Offre').check();
	await page.getByLabel('Nature de l’échange').selectOption({ label: 'Prêt' });
	await page.getByLabel('Secteur').selectOption({ label: 'Réemploi, réparation et recyclage' });
	await page.getByLabel('Titre').fill(title);
	await page.getByLabel('Description').fill('Six bâches 3 × 3 m, à reprendre à la recyclerie.');
	await page.getByRole('combobox', { name: 'Commune' }).fill('Arras');
	await page.getByRole('option', { name: /^Arras \(/ }).click();
	await page.getByRole('button', { name: 'Publier l’annonce' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return `listing:${new URL(page.url()).pathname.split('/').pop()}`;
}
