// The shell of the PWA: installable (manifest, icons), controlled by its service worker from the
// first visit, synced, usable offline after a reload (its update: update.deploy.ts).
import { expect, type Page, test } from '@playwright/test';
import { ANIMATOR, MEMBER_A, publishListing, resume, SYNC_TIMEOUT, savedDevice } from './helpers';

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

test('the first visit installs the service worker, takes control and syncs', async ({ page, request }) => {
	// The served page already holds the app shell (prerendered), painted before any script runs.
	const html = await (await request.get('/')).text();
	expect(html).toContain('aria-label="Navigation principale"');
	expect(html).toMatch(/<a[^>]+href="\/annonces"/);
	expect(html).toMatch(/<link href="[^"]+\.css" rel="stylesheet">/);
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
	// Passwords are checked at a low CPU priority: on a loaded machine a sign-in takes seconds.
	await expect(nav.getByRole('link', { name: 'Mon espace' })).toBeVisible({ timeout: 30_000 });
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

/** Nothing wider than the screen: the page never scrolls sideways. */
async function fitsTheScreen(page: Page): Promise<void> {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth,
	}));
	expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** A screenshot kept in the test report (and in test-results/), to look at the page as a person would. */
async function keepScreenshot(page: Page, name: string): Promise<void> {
	const path = test.info().outputPath(`${name}.png`);
	await page.screenshot({ path, fullPage: false });
	await test.info().attach(name, { path, contentType: 'image/png' });
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test.describe('on a phone', () => {
	test.use({ ...PHONE, storageState: savedDevice() });

	test('the tab bar leads to the main pages and marks the current one', async ({ page }) => {
		await resume(page);
		const tabs = page.getByRole('navigation', { name: 'Navigation principale' });
		for (const name of ['Accueil', 'Annonces', 'Recherche', 'Agenda', 'Connexion'])
			await expect(tabs.getByRole('link', { name, exact: true })).toBeVisible();
		// The wide screens' extra links and search box wait for a wider screen.
		await expect(tabs.getByRole('link', { name: 'Annuaire', exact: true })).toBeHidden();
		await expect(page.getByRole('search', { name: 'Recherche dans elBasar' })).toBeHidden();
		// The bar sits at the bottom of the screen.
		const box = await tabs.boundingBox();
		expect(box && Math.round(box.y + box.height)).toBe(844);

		await tabs.getByRole('link', { name: 'Annonces', exact: true }).click();
		await expect(page).toHaveURL(/\/annonces$/);
		await expect(tabs.getByRole('link', { name: 'Annonces', exact: true })).toHaveAttribute(
			'aria-current',
			'page',
		);
		await expect(tabs.getByRole('link', { name: 'Accueil', exact: true })).not.toHaveAttribute(
			'aria-current',
		);
		await keepScreenshot(page, 'phone-listings');
		await tabs.getByRole('link', { name: 'Recherche', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Rechercher' })).toBeVisible();
		await fitsTheScreen(page);
	});
});

test.describe('on a member’s phone', () => {
	test.use({ ...PHONE, storageState: savedDevice(MEMBER_A) });

	test('offline with a pending change, the header stays short and the page fits the screen', async ({
		page,
		context,
	}) => {
		await resume(page, MEMBER_A);
		const tabs = page.getByRole('navigation', { name: 'Navigation principale' });
		// « Mon espace » may carry a badge (unread messages of another test): its name starts with the label.
		await expect(tabs.getByRole('link', { name: /^Mon espace/ })).toBeVisible();
		await page.goto('/annonces/nouvelle');
		await context.setOffline(true);
		await expect(indicator(page)).toHaveText(/Hors ligne/);
		await publishListing(page, `Bâches hors ligne ${Date.now()}`);

		// A short text on screen, the whole sentence for screen readers and as a tooltip.
		const status = indicator(page);
		await expect(status).toContainText('Hors ligne · 1');
		await expect(status).toContainText('1 modification en attente');
		const sync = page.locator('.sync');
		await expect(sync).toHaveAttribute('title', /1 modification en attente/);
		const header = await page.locator('.site-header-inner').boundingBox();
		const indicatorBox = await sync.boundingBox();
		expect(indicatorBox && indicatorBox.x + indicatorBox.width).toBeLessThanOrEqual(
			header!.x + header!.width,
		);
		await fitsTheScreen(page);
		await keepScreenshot(page, 'phone-offline-pending');

		// The details open in a popover that fits too.
		await page.locator('.sync summary').click();
		await expect(page.getByText('Dernière synchronisation :')).toBeVisible();
		await fitsTheScreen(page);
		await keepScreenshot(page, 'phone-sync-details');
		// The change stays on this device: the context (and its pending listing) ends offline.
	});
});

test.describe('the network’s team', () => {
	test.use({ storageState: savedDevice(ANIMATOR) });

	test('reaches every animator screen from the « Animation » entry', async ({ page }) => {
		await resume(page, ANIMATOR);
		const nav = page.getByRole('navigation', { name: 'Navigation principale' });
		await nav.getByRole('link', { name: 'Animation', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Animation du réseau' })).toBeVisible();
		await expect(nav.getByRole('link', { name: 'Animation', exact: true })).toHaveAttribute(
			'aria-current',
			'page',
		);
		const screens = page.getByRole('main').getByRole('listitem');
		await expect(screens).toHaveCount(7);
		for (const href of [
			'/animation/annuaire',
			'/animation/moderation',
			'/animation/inscriptions',
			'/animation/agenda',
			'/animation/presences',
			'/animation/speed-dating',
			'/animation/donnees',
		])
			await expect(page.getByRole('main').locator(`a[href="${href}"]`)).toBeVisible();
		await page.getByRole('link', { name: 'Annuaire : import et export CSV' }).click();
		await expect(page).toHaveURL(/\/animation\/annuaire$/);
	});
});

test('a member sees no « Animation » entry and the hub turns them away', async ({ browser }) => {
	const context = await browser.newContext({ storageState: savedDevice(MEMBER_A) });
	const page = await context.newPage();
	await resume(page, MEMBER_A);
	const nav = page.getByRole('navigation', { name: 'Navigation principale' });
	await expect(nav.getByRole('link', { name: 'Mon espace', exact: true })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Animation', exact: true })).toHaveCount(0);
	await page.goto('/animation');
	await expect(page.getByText('Cette page est réservée à l’équipe d’animation du réseau.')).toBeVisible();
	await context.close();
});

test('a fresh device shows the first sync’s progress, then the data', async ({ page }) => {
	// The server's answers with documents wait until the progress has been seen.
	let release: () => void = () => {};
	const released = new Promise<void>((resolve) => {
		release = resolve;
	});
	await page.route('**/db/elbasar/_bulk_get*', async (route) => {
		await released;
		await route.continue();
	});
	await page.goto('/');
	const progress = page.getByRole('region', { name: 'Premier chargement des données sur cet appareil' });
	await expect(progress).toBeVisible({ timeout: SYNC_TIMEOUT });
	await expect(progress.getByRole('progressbar')).toBeVisible();
	// The total comes from the server's count of what this visitor may read.
	await expect(progress).toContainText(/\d+ \/ [\d\s\u202f]+ fiches · [\d,\s\u202f]+ (Ko|Mo)/);
	// The home page says the listings are coming, not that there are none.
	await expect(page.getByText('Chargement des annonces…')).toBeVisible();
	await expect(page.getByText('Aucune annonce ouverte sur cet appareil')).toHaveCount(0);

	release();
	await expect(indicator(page)).toHaveText(/À jour/, { timeout: SYNC_TIMEOUT });
	await expect(progress).toBeHidden();
	await expect(page.getByRole('link', { name: /^Toutes les annonces \(\d+\)$/ })).toBeVisible();
});

test('the sign-in page says whom to write to, how a structure joins, and what to do without a password', async ({
	page,
}) => {
	await page.goto('/connexion');
	await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
	const write = page.getByRole('link', { name: 'Écrire à l’équipe du réseau' });
	await expect(write).toHaveAttribute('href', /^mailto:[^@?]+@[^?]+\?subject=/);
	await expect(page.getByRole('heading', { name: 'Comment une structure rejoint le réseau' })).toBeVisible();
	await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié ?' })).toBeVisible();
	// The page asks for the address the link goes to (the link itself is account.spec's scene).
	await expect(page.getByLabel('Adresse e-mail')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Recevoir le lien' })).toBeVisible();
	await page.getByRole('link', { name: 'Retour à la connexion' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
});
