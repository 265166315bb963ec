// The agenda: upcoming events on the device for everyone, details of one event, the door check-in
// offered to its host only, and the host's directory page pointing at its next apéro.
import { expect, type Page, test } from '@playwright/test';
import { MEMBER_A, MEMBER_B, resume, SYNC_TIMEOUT, savedDevice } from './helpers';

const PIOCHE_APERO = /découvrez La Pioche/;

async function openAgenda(page: Page): Promise<void> {
	await page.goto('/agenda');
	await expect(page.getByRole('heading', { level: 1, name: 'Agenda du réseau' })).toBeVisible();
	await expect(
		page.getByRole('list', { name: 'Événements à venir' }).getByRole('listitem').first(),
	).toBeVisible({
		timeout: SYNC_TIMEOUT,
	});
}

async function openPiocheApero(page: Page): Promise<void> {
	await openAgenda(page);
	await page.getByRole('link', { name: PIOCHE_APERO }).click();
	await expect(page.getByRole('heading', { level: 1, name: PIOCHE_APERO })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

test.describe(() => {
	test.use({ storageState: savedDevice() });

	test('a visitor sees the upcoming events, filters them, unfolds past ones and opens one', async ({
		page,
	}) => {
		await openAgenda(page);
		await expect(nav(page).getByRole('link', { name: 'Agenda', exact: true })).toHaveAttribute(
			'aria-current',
			'page',
		);

		const upcoming = page.getByRole('list', { name: 'Événements à venir' }).getByRole('listitem');
		expect(await upcoming.count()).toBeGreaterThan(5);
		const apero = upcoming.filter({ hasText: PIOCHE_APERO });
		await expect(apero).toContainText('Apéro itinérant');
		await expect(apero).toContainText(/de 18 h à 20 h 30/);
		await expect(apero).toContainText('Lille (59)');
		await expect(apero).toContainText('40 places');
		await expect(apero.getByRole('link', { name: 'La Pioche', exact: true })).toHaveAttribute(
			'href',
			'/annuaire/la-pioche',
		);

		// Finished events are folded away until asked for.
		const past = page.getByRole('list', { name: 'Événements passés' });
		await expect(past).toBeHidden();
		await page.getByText(/^Afficher les \d+ événements? passés?$/).click();
		await expect(past.getByRole('listitem').first()).toBeVisible();

		// Each filter has applied once no other event is left, and the list is not empty.
		await page.getByLabel('Type d’événement').selectOption({ label: 'Apéro itinérant' });
		await expect(upcoming.filter({ hasNotText: 'Apéro itinérant' })).toHaveCount(0);
		await expect(upcoming.filter({ hasText: PIOCHE_APERO })).toHaveCount(1);
		await page.getByLabel('Département').selectOption('62');
		await expect(upcoming.filter({ hasNotText: '(62)' })).toHaveCount(0);
		await expect(upcoming.first()).toContainText('Apéro itinérant');
		for (const text of await upcoming.allTextContents()) {
			expect(text).toContain('Apéro itinérant');
			expect(text).toContain('(62)');
		}
		await expect(upcoming.filter({ hasText: PIOCHE_APERO })).toHaveCount(0);
		await page.getByRole('button', { name: 'Effacer les filtres' }).click();

		await page.getByRole('link', { name: PIOCHE_APERO }).click();
		await expect(page.getByRole('heading', { level: 1, name: PIOCHE_APERO })).toBeVisible();
		await expect(page.getByText('32 rue Pierre Legrand, Lille (59)')).toBeVisible();
		await expect(page.getByRole('link', { name: 'La Pioche', exact: true })).toBeVisible();
		// The page knows it is a visitor's before the absence says anything.
		await expect(nav(page).getByRole('link', { name: 'Connexion', exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Accueillir les participants' })).toHaveCount(0);
	});

	test('La Pioche’s directory page links to its next apéro', async ({ page }) => {
		await page.goto('/annuaire/la-pioche');
		await expect(page.getByRole('heading', { level: 1, name: 'La Pioche' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await expect(page.getByText(/Prochain apéro chez La Pioche :/)).toBeVisible({ timeout: SYNC_TIMEOUT });
		await page.getByRole('link', { name: PIOCHE_APERO }).click();
		await expect(page.getByRole('heading', { level: 1, name: PIOCHE_APERO })).toBeVisible();
	});
});

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_A) });

	test('La Pioche’s member opens its apéro and reaches the door check-in', async ({ page }) => {
		await resume(page, MEMBER_A);
		await openPiocheApero(page);
		await page.getByRole('link', { name: 'Accueillir les participants' }).click();
		await expect(page).toHaveURL(/\/agenda\/[^/]+\/accueil$/);
		await expect(
			page.getByRole('heading', { level: 1, name: /^Accueil : .*découvrez La Pioche/ }),
		).toBeVisible();
	});
});

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_B) });

	test('a member of another structure sees the apéro but not the door check-in', async ({ page }) => {
		await resume(page, MEMBER_B);
		await openPiocheApero(page);
		await expect(page.getByRole('heading', { level: 2, name: 'Informations pratiques' })).toBeVisible();
		// Signed in as the other structure (not a visitor, not yet unknown) before the absence counts.
		await expect(nav(page).getByRole('link', { name: 'Mon espace' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Accueillir les participants' })).toHaveCount(0);
	});
});

test('while the first sync is still filling the device, empty pages say the data is loading', async ({
	page,
}) => {
	// The replication's requests are held unanswered: the device stays in its first sync.
	await page.route('**/db/**', () => {});
	for (const [path, title] of [
		['/agenda', 'Agenda du réseau'],
		['/annuaire', 'Annuaire des structures'],
		['/annonces', 'Annonces'],
	]) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByText('Chargement des données sur cet appareil…')).toBeVisible();
		await expect(page.getByText(/prochaine connexion/)).toHaveCount(0);
	}
});
