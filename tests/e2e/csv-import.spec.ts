// The animator imports a spreadsheet from the directory screen: a dry-run report line by line,
// then the import, and the new structures reach the device; a commune merged into a commune nouvelle
// (Herbelles, 62129, now Bellinghem) lands on the current commune; a member is refused the screen.
import { expect, test } from '@playwright/test';
import { ANIMATOR, MEMBER_A, resume, SYNC_TIMEOUT, savedDevice } from './helpers';

const CSV = [
	'Nom;Forme juridique;Secteurs;Commune;Code postal;Effectif;Contact;Fonction;E-mail',
	'La Ressourcerie du Beffroi;Association loi 1901;Réemploi;Arras;;6;Inès Carpentier;Coordinatrice;ines@beffroi.example.org',
	'Vélos Solidaires de la Lys;SCOP;mobilite;Armentières;;3;;;',
	'Le Fournil Perdu;SCOP;Alimentation;Lile;;2;;;',
	'Les Jardins d’Herbelles;Association loi 1901;Alimentation;Herbelles;62129;1;;;',
].join('\n');

test.describe(() => {
	test.use({ storageState: savedDevice(ANIMATOR) });

	test('the animator checks a spreadsheet, sees the refused line, imports it, and the structure syncs', async ({
		page,
	}) => {
		await resume(page, ANIMATOR);
		await page.goto('/annuaire');
		await page.getByRole('link', { name: 'Importer ou exporter l’annuaire en CSV' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Annuaire en CSV' })).toBeVisible();

		await page.getByLabel('Fichier CSV de l’annuaire').setInputFiles({
			name: 'adherents.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(`\uFEFF${CSV}`),
		});
		await expect(page.getByRole('heading', { name: 'Vérification du fichier' })).toBeVisible();
		await expect(
			page.getByText('3 structures à créer, 0 à mettre à jour, 0 inchangée, 1 ligne refusée.'),
		).toBeVisible();
		const refused = page.getByRole('table', { name: /Lignes refusées/ });
		await expect(refused.getByRole('row').nth(1)).toHaveText(/4\s*commune inconnue "Lile"/);

		await page.getByRole('button', { name: 'Importer' }).click();
		await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeVisible();
		await expect(
			page.getByText('3 structures créées, 0 mise à jour, 0 inchangée, 1 ligne refusée.'),
		).toBeVisible();

		const exported = await page.request.get('/api/directory/export.csv');
		expect(await exported.text()).toContain('Inès Carpentier;Coordinatrice;ines@beffroi.example.org');

		await page.goto('/annuaire/la-ressourcerie-du-beffroi');
		await expect(page.getByRole('heading', { level: 1, name: 'La Ressourcerie du Beffroi' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});

		await page.goto('/annuaire/les-jardins-d-herbelles');
		await expect(page.getByRole('heading', { level: 1, name: 'Les Jardins d’Herbelles' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await expect(page.locator('.meta').first()).toContainText('Bellinghem');
	});
});

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_A) });

	test('a member is told the screen is for the network’s team', async ({ page }) => {
		await resume(page, MEMBER_A);
		await page.goto('/animation/annuaire');
		await expect(page.getByText('Cette page est réservée à l’équipe d’animation du réseau.')).toBeVisible();
		await expect(page.getByLabel('Fichier CSV de l’annuaire')).toHaveCount(0);
	});
});
