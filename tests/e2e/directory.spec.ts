// The directory arrives with the first visit, and contact details stay with members.
import { expect, test } from '@playwright/test';
import { MEMBER_B, resume, SYNC_TIMEOUT, savedDevice, waitForDirectory } from './helpers';

test('a first visit syncs the directory and lists many structures, La Pioche among them', async ({
	page,
}) => {
	await page.goto('/annuaire');
	await expect(page.getByRole('heading', { level: 1, name: 'Annuaire des structures' })).toBeVisible();
	await waitForDirectory(page, 100);
	await expect(page.getByRole('list', { name: 'Structures' }).getByRole('listitem')).toHaveCount(50);

	await page.getByLabel('Nom de la structure').fill('pioche');
	await expect(page.getByRole('link', { name: 'La Pioche', exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'La Pioche', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'La Pioche' })).toBeVisible();
});

test.describe(() => {
	test.use({ storageState: savedDevice() });

	test('« Voir plus » shows the next 50 structures', async ({ page }) => {
		await page.goto('/annuaire');
		await waitForDirectory(page, 100);
		const items = page.getByRole('list', { name: 'Structures' }).getByRole('listitem');
		await expect(items).toHaveCount(50);
		await page.getByRole('button', { name: 'Voir plus de structures' }).click();
		await expect(items).toHaveCount(100);
	});

	test('a visitor sees the people of a structure but not their contact details', async ({ page }) => {
		await page.goto('/annuaire/la-pioche');
		await expect(page.getByRole('heading', { level: 1, name: 'La Pioche' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		const team = page.getByRole('region', { name: 'L’équipe' });
		await expect(team.getByText('Karim Belkacem')).toBeVisible();
		await expect(team.getByText('Président', { exact: true })).toBeVisible();
		await expect(team.getByText('Coordonnées réservées aux adhérents.')).toBeVisible();
		await expect(team.getByRole('link', { name: 'Se connecter' })).toBeVisible();
		await expect(page.locator('a[href^="mailto:"]')).toHaveCount(0);
		await expect(page.getByText(/@la-pioche\.example\.org/)).toHaveCount(0);
	});
});

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_B) });

	test('a signed-in member sees the e-mail of the people of another structure', async ({ page }) => {
		await resume(page, MEMBER_B);
		await page.goto('/annuaire/la-pioche');
		await expect(page.getByRole('heading', { level: 1, name: 'La Pioche' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		const team = page.getByRole('region', { name: 'L’équipe' });
		await expect(team.getByRole('link', { name: 'karim.belkacem@la-pioche.example.org' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await expect(team.getByText('Coordonnées réservées aux adhérents.')).toHaveCount(0);
	});
});
