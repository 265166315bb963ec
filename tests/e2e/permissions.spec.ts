// Actions appear only to those the access rules allow: visitors do not publish, a member edits
// only its own structure's listings.
import { expect, type Page, test } from '@playwright/test';
import { MEMBER_B, resume, SYNC_TIMEOUT, savedDevice } from './helpers';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

test.describe(() => {
	test.use({ storageState: savedDevice() });

	test('a visitor sees no « Publier » action and is invited to sign in to publish', async ({ page }) => {
		await page.goto('/annonces');
		await expect(page.getByRole('list', { name: 'Annonces ouvertes' }).getByRole('link').first()).toBeVisible(
			{
				timeout: SYNC_TIMEOUT,
			},
		);
		// The page knows it is a visitor's before the absences say anything.
		await expect(nav(page).getByRole('link', { name: 'Connexion', exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: /publier/i })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /publier/i })).toHaveCount(0);

		await page.goto('/annonces/nouvelle');
		await expect(
			page.getByText('Connectez-vous avec le compte de votre structure pour publier une annonce.'),
		).toBeVisible();
		await expect(page.getByRole('main').getByRole('link', { name: 'Se connecter' })).toBeVisible();
		await expect(page.getByLabel('Titre')).toHaveCount(0);
	});
});

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_B) });

	test('a member may edit its own listing but not another structure’s', async ({ page }) => {
		await resume(page, MEMBER_B);
		await expect(page.getByRole('link', { name: 'Publier une annonce' })).toBeVisible();

		const mine = page
			.getByRole('region', { name: 'Mes annonces' })
			.getByRole('article')
			.first()
			.getByRole('link');
		await expect(mine).toBeVisible({ timeout: SYNC_TIMEOUT });
		await mine.click();
		await expect(page.getByRole('link', { name: 'Modifier', exact: true })).toBeVisible();

		await page.goto('/annuaire/la-pioche');
		const theirs = page
			.getByRole('region', { name: 'Annonces en cours' })
			.getByRole('article')
			.first()
			.getByRole('link');
		await expect(theirs).toBeVisible({ timeout: SYNC_TIMEOUT });
		await theirs.click();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('link', { name: 'La Pioche' })).toBeVisible();
		// Shown to a member of another structure only: the page knows whose session it is.
		await expect(page.getByRole('button', { name: 'Répondre' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Modifier', exact: true })).toHaveCount(0);

		const href = new URL(page.url()).pathname;
		await page.goto(`${href}/modifier`);
		await expect(page.getByText(/Vous ne pouvez pas modifier cette annonce/)).toBeVisible();
	});
});
