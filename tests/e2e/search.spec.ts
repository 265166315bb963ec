// The search page on the device: offline, a search with filters is ranked and the map draws the
// departments and the results' points with no network; a saved search tells its member of a new
// listing another member publishes; "around me" says in French when the position is refused.
import { expect, type Page, test } from '@playwright/test';
import { api, deviceOf, MEMBER_A, MEMBER_B, SYNC_TIMEOUT, savedDevice, waitUpToDate } from './helpers';

const results = (page: Page) =>
	page.getByRole('list', { name: 'Résultats de la recherche' }).getByRole('listitem');
const resultCount = (page: Page) =>
	page.getByRole('status').filter({ hasText: /^\s*[\d\s\u202f\u00a0]+ résultats?\s*$/ });

test.describe(() => {
	// A visitor's device that has made its first sync (in the setup project).
	test.use({ storageState: savedDevice() });

	test('offline, a search with filters is ranked and the map shows the departments and the points', async ({
		page,
		context,
	}) => {
		const errors: string[] = [];
		page.on('pageerror', (err) => errors.push(err.message));
		await page.goto('/recherche');
		await waitUpToDate(page);
		await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
			timeout: SYNC_TIMEOUT,
		});

		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Rechercher' })).toBeVisible();
		await page.getByLabel('Que cherchez-vous ?').fill('broyeuse');
		await page.getByLabel('Que cherchez-vous ?').press('Enter');
		await expect(page).toHaveURL(/q=broyeuse/);
		await page.getByLabel('Nature de l’échange').selectOption('loan');
		await expect(page).toHaveURL(/nature=loan/);
		await expect(resultCount(page)).toBeVisible({ timeout: 30_000 });

		// Ranked: the showcase offer names it in its title; every result passed the filter.
		const first = results(page).first();
		await expect(first.getByRole('heading')).toContainText(/broyeuse/i);
		const kinds = await results(page).locator('.kind').allTextContents();
		expect(kinds.length).toBeGreaterThan(0);
		for (const kind of kinds) expect(kind).toMatch(/· Prêt$/);
		// The counts per value say how many each choice would give.
		await expect(page.getByLabel('Nature de l’échange').locator('option[value="loan"]')).toHaveText(
			/^Prêt \(\d+\)$/,
		);

		// The back button returns to the search before the filter.
		await page.goBack();
		await expect(page).not.toHaveURL(/nature=/);
		await expect(page.getByLabel('Nature de l’échange')).toHaveValue('');
		await page.goForward();
		await expect(page.getByLabel('Nature de l’échange')).toHaveValue('loan');

		// The map, still offline: outlines of Nord and Pas-de-Calais, and the results' points.
		await page.getByLabel('Que cherchez-vous ?').fill('');
		await page.getByLabel('Que cherchez-vous ?').press('Enter');
		await expect(page).not.toHaveURL(/q=/);
		await page.getByRole('button', { name: 'Carte' }).click();
		await expect(page).toHaveURL(/view=carte/);
		const map = page.getByRole('region', { name: 'Carte des résultats' });
		await expect(map.locator('path.map-outline')).toHaveCount(2, { timeout: 30_000 });
		await expect(map.locator('.map-point, .map-cluster').first()).toBeVisible();
		expect(await map.locator('.map-point, .map-cluster').count()).toBeGreaterThan(1);
		await expect(map.locator('.leaflet-tile')).toHaveCount(0);
		await expect(page.getByRole('status').filter({ hasText: /résultats? dans \d+ communes?/ })).toBeVisible();

		// Around one commune, one point: its popup lists the results there, with links.
		await page.goto('/recherche?commune=59350&view=carte');
		await expect(map.locator('path.map-outline')).toHaveCount(2, { timeout: 30_000 });
		await map.locator('.map-point').first().click();
		await expect(map.locator('.leaflet-popup-content a').first()).toHaveAttribute(
			'href',
			/^\/(annonces|annuaire)\//,
		);
		expect(errors).toEqual([]);
		await context.setOffline(false);
	});

	test('a search with no result suggests close words and filters to drop', async ({ page }) => {
		await page.goto('/recherche');
		await waitUpToDate(page);
		await page.goto('/recherche?q=broyeuze&sector=culture');
		await expect(page.getByText('Aucun résultat.')).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('list', { name: 'Filtres à enlever' })).toContainText('Sans « Secteur »');
		await page.getByRole('button', { name: /^Sans « Secteur »/ }).click();
		await expect(page).not.toHaveURL(/sector=/);
		await expect(results(page).first()).toBeVisible();
	});

	test('“around me” explains a refused position in French, and searches around a given one', async ({
		page,
		context,
	}) => {
		await page.goto('/recherche');
		await page.getByRole('button', { name: 'Autour de moi' }).click();
		await expect(page.getByRole('alert')).toHaveText(/refusé de partager votre position/);

		await context.grantPermissions(['geolocation']);
		await context.setGeolocation({ latitude: 50.291, longitude: 2.7775 });
		await page.getByRole('button', { name: 'Autour de moi' }).click();
		await expect(page).toHaveURL(/pos=50\.291%2C2\.778|pos=50\.291,2\.778/);
		await expect(page).toHaveURL(/radius=10/);
		await expect(page.getByText('Autour de votre position, à 10 km.')).toBeVisible();
	});
});

test('a saved search shows the new listing another member publishes', async ({ browser, request }) => {
	const pageA = await deviceOf(browser, MEMBER_A);
	try {
		await pageA.goto('/recherche?q=tandem');
		await expect(pageA.getByText('Aucun résultat.')).toBeVisible({ timeout: 30_000 });
		await pageA.getByRole('button', { name: 'Enregistrer cette recherche' }).click();
		await pageA.getByLabel('Nom de la recherche').fill('Tandems à prêter');
		await pageA.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await expect(
			pageA.getByRole('status').filter({ hasText: 'Recherche « Tandems à prêter » enregistrée' }),
		).toBeVisible();

		// Published from B's own device: for this test, it is enough that it reaches the server.
		await api.listing(request, MEMBER_B, 'Prêt d’un tandem pour vos sorties');

		// On A's device the listing arrives by sync: the search shown takes it in (the index follows the
		// tables), the nav tells of it, the list of news shows it.
		await expect(results(pageA).first()).toContainText('Prêt d’un tandem pour vos sorties', {
			timeout: SYNC_TIMEOUT,
		});
		const nav = pageA.getByRole('navigation', { name: 'Navigation principale' });
		await expect(nav.getByRole('link', { name: /Mes recherches\s*1 nouveauté(?!s)/ })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await nav.getByRole('link', { name: /Mes recherches/ }).click();
		const news = pageA.getByRole('list', { name: 'Nouveautés de la recherche Tandems à prêter' });
		await expect(news.getByRole('listitem')).toHaveCount(1);
		await expect(news.getByRole('listitem').first()).toContainText('Prêt d’un tandem pour vos sorties');
		await expect(news.getByText('Nouveau')).toBeVisible();
		// Seen once shown: the badge goes.
		await expect(nav.getByRole('link', { name: 'Mes recherches', exact: true })).toBeVisible();
	} finally {
		await pageA.context().close();
	}
});
