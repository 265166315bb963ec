// The shell of the PWA: installable (manifest, icons), controlled by its service worker from the
// first visit, synced, usable offline after a reload (its update: update.deploy.ts).
import { expect, type Page, test } from '@playwright/test';
import { MEMBER_A, SYNC_TIMEOUT } from './helpers';

const indicator = (page: Page) =>
	page.getByRole('status').filter({ hasText: /Hors ligne|Synchronisation|À jour|Erreur/ });

/** Documents of a type on the device: in the replica (PouchDB's IndexedDB store) and in the query tables. */
function countOnDevice(page: Page, type: string, table: string) {
	return page.evaluate(
		async ({ type, table }) => {
			// Never creates the database (an empty one would break the app opening it), and closes it at
			// once (an open connection would block the app deleting it).
			const open = (name: string) =>
				new Promise<IDBDatabase | null>((resolve) => {
					const request = indexedDB.open(name);
					request.onupgradeneeded = () => request.transaction?.abort();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => resolve(null);
				});
			const count = async (name: string, store: string, range?: IDBKeyRange) => {
				const db = await open(name);
				if (!db) return 0;
				try {
					if (!db.objectStoreNames.contains(store)) return 0;
					return await new Promise<number>((resolve) => {
						const request = db.transaction(store).objectStore(store).count(range);
						request.onsuccess = () => resolve(request.result);
					});
				} finally {
					db.close();
				}
			};
			return {
				replica: await count(
					'_pouch_elbasar',
					'document-store',
					IDBKeyRange.bound(`${type}:`, `${type}:\uffff`),
				),
				tables: await count('elbasar-tables', table),
			};
		},
		{ type, table },
	);
}

async function controlled(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
		timeout: SYNC_TIMEOUT,
	});
}

test('the first visit installs the service worker, takes control and syncs', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveTitle(/elBasar/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeAttached();
	const nav = page.getByRole('navigation', { name: 'Navigation principale' });
	for (const name of ['Accueil', 'Annuaire', 'Annonces', 'Connexion'])
		await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();

	await controlled(page);
	await expect(indicator(page)).toHaveText(/À jour · \d{2}:\d{2}/, { timeout: SYNC_TIMEOUT });
	// The replica holds the public data, and the query tables are built from it (right after).
	const structures = await countOnDevice(page, 'structure', 'structures');
	expect(structures.replica).toBeGreaterThan(0);
	await expect
		.poll(async () => (await countOnDevice(page, 'structure', 'structures')).tables)
		.toBe(structures.replica);
	expect((await countOnDevice(page, 'listing', 'listings')).tables).toBeGreaterThan(0);
	expect((await countOnDevice(page, 'contact', 'contacts')).replica).toBe(0);
});

test('the manifest is served, valid and its icons reachable', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const response = await request.get(new URL(href!, page.url()).href);
	expect(response.ok()).toBe(true);
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		name: "elBasar — échanges entre structures de l'ESS",
		short_name: 'elBasar',
		lang: 'fr',
		start_url: '/',
		display: 'standalone',
	});
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
	const sizes = manifest.icons.map(
		(icon: { sizes: string; purpose?: string }) => `${icon.sizes} ${icon.purpose}`,
	);
	expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
	for (const icon of manifest.icons as { src: string; type: string }[]) {
		const file = await request.get(icon.src);
		expect(file.ok(), icon.src).toBe(true);
		expect(file.headers()['content-type']).toContain(icon.type);
	}
	const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	expect((await request.get(touchIcon!)).ok()).toBe(true);
});

test('offline, a reload still opens the app and the indicator says so', async ({ page, context }) => {
	await page.goto('/');
	await controlled(page);
	await expect(indicator(page)).toHaveText(/À jour/, { timeout: SYNC_TIMEOUT });

	await context.setOffline(true);
	await expect(indicator(page)).toHaveText(/Hors ligne/);
	await page.reload();
	await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
	await expect(indicator(page)).toHaveText(/Hors ligne/);
	// A route never visited online is the same shell, served by the service worker.
	await page.goto('/annuaire');
	await expect(page.getByRole('link', { name: 'Annuaire', exact: true })).toHaveAttribute(
		'aria-current',
		'page',
	);

	await context.setOffline(false);
	await expect(indicator(page)).toHaveText(/À jour/, { timeout: SYNC_TIMEOUT });
});

test('signing out leaves none of the members-only data on the device', async ({ page }) => {
	await page.goto('/connexion');
	await page.getByLabel('Adresse e-mail').fill(MEMBER_A.email);
	await page.getByLabel('Mot de passe').fill(MEMBER_A.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	const nav = page.getByRole('navigation', { name: 'Navigation principale' });
	await expect(nav.getByRole('link', { name: 'Mon espace' })).toBeVisible();
	// Signed in, the server sends the members' contact details too.
	await expect
		.poll(async () => (await countOnDevice(page, 'contact', 'contacts')).tables, { timeout: SYNC_TIMEOUT })
		.toBeGreaterThan(0);

	await nav.getByRole('link', { name: 'Mon espace' }).click();
	await page.getByRole('button', { name: 'Se déconnecter' }).click();
	await expect(nav.getByRole('link', { name: 'Connexion' })).toBeVisible();
	await expect.poll(() => countOnDevice(page, 'contact', 'contacts')).toEqual({ replica: 0, tables: 0 });
	// The device syncs again as a visitor: the public data comes back, the private data does not.
	await expect(indicator(page)).toHaveText(/À jour/, { timeout: SYNC_TIMEOUT });
	await expect.poll(async () => (await countOnDevice(page, 'listing', 'listings')).tables).toBeGreaterThan(0);
	expect(await countOnDevice(page, 'contact', 'contacts')).toEqual({ replica: 0, tables: 0 });
});
