// The forms: errors in French next to each field, a member's own listing and structure edited
// through the replica and shown at once.
import { expect, test } from '@playwright/test';
import { MEMBER_A, MEMBER_B, nextStep, publishListing, resume, savedDevice } from './helpers';

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_A) });
	test.beforeEach(async ({ page }) => {
		await resume(page, MEMBER_A);
	});

	test('an incomplete listing is stopped at the step holding each wrong field', async ({ page }) => {
		await page.goto('/annonces/nouvelle');
		await expect(page.getByRole('heading', { level: 2, name: 'Étape 1 sur 4 Quoi' })).toBeVisible();
		await page.getByRole('button', { name: 'Suivant', exact: true }).click();

		await expect(page.getByRole('alert')).toContainText(
			'Cette étape n’est pas complète : 2 champs sont à corriger.',
		);
		await expect(page.getByLabel('Nature de l’échange')).toBeFocused();
		const title = page.getByLabel('Titre');
		await expect(title).toHaveAttribute('aria-invalid', 'true');
		await expect(title).toHaveAccessibleDescription(/Champ obligatoire/);

		await page.getByLabel('Nature de l’échange').selectOption({ label: 'Don' });
		await title.fill('Don de costumes de scène');
		await nextStep(page, 'Détails');
		await page.getByRole('button', { name: 'Suivant', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('1 champ est à corriger');
		await expect(page.getByLabel('Secteur')).toBeFocused();
		await page.getByLabel('Secteur').selectOption({ label: 'Culture, arts et spectacle' });
		await nextStep(page, 'Photos');
		await nextStep(page, 'Où et quand');

		const commune = page.getByRole('combobox', { name: 'Commune' });
		await commune.fill('Nulle part');
		await page.getByRole('button', { name: 'Suivant', exact: true }).click();
		await expect(commune).toBeFocused();
		await expect(commune).toHaveAccessibleDescription(/Commune inconnue du Nord ou du Pas-de-Calais/);
		await commune.fill('62000');
		await page.getByRole('option', { name: /^Arras \(/ }).click();
		await page.getByLabel('Jusqu’au').fill('2000-01-01');
		await page.getByRole('button', { name: 'Suivant', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('1 champ est à corriger');
		await expect(page.getByLabel('Jusqu’au')).toBeFocused();
		await expect(page.getByLabel('Jusqu’au')).toHaveAccessibleDescription(
			/La fin de validité précède son début/,
		);
		await expect(page).toHaveURL(/\/annonces\/nouvelle$/);
	});

	test('a member concludes its listing: it leaves the open list and stays in « Mes annonces »', async ({
		page,
	}) => {
		const title = `Prêt d’un diable de manutention ${Date.now()}`;
		await page.goto('/annonces/nouvelle');
		await publishListing(page, title);
		await expect(page.getByText('Annonce publiée.')).toBeVisible();

		await page.getByRole('link', { name: 'Modifier', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Modifier l’annonce' })).toBeVisible();
		// Editing opens on the preview of the stored listing.
		await expect(page.getByRole('region', { name: 'Sur sa page' })).toContainText(title);
		await page.getByRole('button', { name: 'Modifier l’étape « Où et quand »' }).click();
		await expect(page.getByRole('combobox', { name: 'Commune' })).toHaveValue(/^Arras \(/);
		await page.getByLabel('État de l’annonce').selectOption({ label: 'Conclue' });
		await page.getByRole('button', { name: 'Suivant', exact: true }).click();
		await expect(page.getByRole('group', { name: 'Avec quelle structure ?' })).toContainText(
			'Choisissez la structure avec laquelle l’échange a été conclu.',
		);
		await page.getByLabel('Chercher une autre structure dans l’annuaire').fill('paniers');
		await page.getByRole('radio', { name: 'Les Paniers de la Mer' }).check();
		await nextStep(page, 'Aperçu');
		await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();

		await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByText('Conclue', { exact: true })).toBeVisible();
		await expect(page.getByText(/Conclue avec\s+Les Paniers de la Mer/)).toBeVisible();

		await page.goto('/annonces');
		await expect(
			page.getByRole('list', { name: 'Annonces ouvertes' }).getByRole('link').first(),
		).toBeVisible();
		await expect(page.getByRole('link', { name: title })).toHaveCount(0);

		await page.goto('/espace');
		const mine = page
			.getByRole('region', { name: 'Mes annonces' })
			.getByRole('article')
			.filter({ hasText: title });
		await expect(mine).toContainText('Conclue');
	});

	test('a structure with no sector is refused', async ({ page }) => {
		await page.goto('/espace/structure');
		await expect(page.getByLabel('Nom de la structure')).toHaveValue('La Pioche');
		for (const box of await page
			.getByRole('group', { name: /Secteurs d’activité/ })
			.getByRole('checkbox')
			.all())
			await box.uncheck();
		await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
		await expect(page.getByRole('alert')).toContainText('La fiche n’est pas enregistrée');
		await expect(page.getByText('Au moins un secteur')).toBeVisible();
		await expect(page).toHaveURL(/\/espace\/structure$/);
	});
});

// Les Paniers de la Mer's card: La Pioche's is the photo tests' (logo, faces), which may run meanwhile.
test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_B) });

	test('a member edits its structure and the directory shows the change', async ({ page }) => {
		await resume(page, MEMBER_B);
		const pitch = `Paniers de la pêche locale à Boulogne — mis à jour ${Date.now()}`;
		await page.goto('/espace');
		await page.getByRole('link', { name: 'Modifier ma structure' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Modifier la fiche de Les Paniers de la Mer' }),
		).toBeVisible();
		await expect(page.getByLabel('Nom de la structure')).toHaveValue('Les Paniers de la Mer');

		await page.getByLabel('En une phrase').fill(pitch);
		await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();

		await expect(page.getByText('Fiche enregistrée.')).toBeVisible();
		await expect(page.getByRole('heading', { level: 1, name: 'Les Paniers de la Mer' })).toBeVisible();
		await expect(page.getByText(pitch)).toBeVisible();
		await expect(page.getByRole('link', { name: 'Modifier la fiche' })).toBeVisible();
	});
});
