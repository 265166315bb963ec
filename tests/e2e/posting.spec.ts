// Posting on a phone, in steps: the draft survives a reload, two photos are reordered and one
// removed, the preview shows the card and the page, and the published listing shows its photo.
import { expect, type Page, test } from '@playwright/test';
import { MEMBER_A, nextStep, resume, savedDevice } from './helpers';
import { phonePhoto } from './phone-photo';

test.use({
	storageState: savedDevice(MEMBER_A),
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true,
});

/** Nothing wider than the screen: the page never scrolls sideways. */
async function fitsTheScreen(page: Page): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** A screenshot of the whole page, kept in the test report. */
async function shot(page: Page, name: string): Promise<void> {
	await test
		.info()
		.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

test('a member posts from a phone through the steps: draft kept, photos reordered, preview, published', async ({
	page,
}) => {
	test.setTimeout(240_000);
	const title = `Prêt d’un triporteur ${Date.now()}`;
	await resume(page, MEMBER_A);
	await page.goto('/annonces/nouvelle');
	await expect(page.getByRole('heading', { level: 2, name: 'Étape 1 sur 4 Quoi' })).toBeVisible();
	await page.getByLabel('Offre').check();
	await page.getByLabel('Nature de l’échange').selectOption({ label: 'Prêt' });
	await page.getByLabel('Titre').fill(title);
	await nextStep(page, 'Détails');
	await page.getByLabel('Description', { exact: true }).fill('Triporteur électrique, 100 kg de charge.');
	await page.getByLabel('Secteur').selectOption({ label: 'Mobilité, vélo et transport' });
	await nextStep(page, 'Photos');

	// The draft is on the device: a reload comes back to the same step with what was typed.
	await expect(page.getByText('Brouillon enregistré sur cet appareil.')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { level: 2, name: 'Étape 3 sur 4 Photos' })).toBeVisible();
	await expect(page.getByText('Brouillon enregistré sur cet appareil.')).toBeVisible();
	await page.getByRole('button', { name: 'Retour', exact: true }).click();
	await expect(page.getByLabel('Description', { exact: true })).toHaveValue(
		'Triporteur électrique, 100 kg de charge.',
	);
	await nextStep(page, 'Photos');

	await page.getByLabel('Ajouter des photos').setInputFiles([
		{ name: 'large.png', mimeType: 'image/png', buffer: phonePhoto(2400, 1800) },
		{ name: 'haute.png', mimeType: 'image/png', buffer: phonePhoto(1200, 1600) },
	]);
	await expect(page.getByText('Photos prêtes : 2 sur 5.')).toBeVisible({ timeout: 60_000 });
	await fitsTheScreen(page);
	await shot(page, 'two photos');
	// The portrait one first, then the landscape one goes.
	await page.getByRole('button', { name: 'Avancer la photo 2' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Photo déplacée en position 1.' })).toBeVisible();
	await page.getByLabel('Légende de la photo 1').fill('Le triporteur de face');
	await page.getByLabel('Légende de la photo 2').fill('Le triporteur de profil');
	await page.getByRole('button', { name: 'Retirer la photo 2' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Photo retirée. 1 sur 5.' })).toBeVisible();
	await expect(page.getByLabel('Légende de la photo 1')).toHaveValue('Le triporteur de face');
	await expect(page.getByLabel('Légende de la photo 2')).toHaveCount(0);
	await shot(page, 'photo step');

	// The commune starts as the structure's.
	await nextStep(page, 'Où et quand');
	const commune = page.getByRole('combobox', { name: 'Commune' });
	await expect(commune).not.toHaveValue('');
	await expect(commune).toHaveAccessibleDescription(/Celle de votre structure/);

	await nextStep(page, 'Aperçu');
	const card = page.getByRole('region', { name: 'Dans les listes' });
	await expect(card).toContainText(title);
	await expect(card.getByRole('img', { name: 'Le triporteur de face' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Sur sa page' })).toContainText(
		'Triporteur électrique, 100 kg de charge.',
	);
	await fitsTheScreen(page);
	await shot(page, 'preview');

	await page.getByRole('button', { name: 'Publier l’annonce' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText('Annonce publiée.')).toBeVisible();
	const photo = page
		.getByRole('region', { name: 'Photos de l’annonce' })
		.getByRole('img', { name: 'Le triporteur de face' });
	await expect(photo).toHaveAttribute('src', /^blob:/, { timeout: 30_000 });
	await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);

	// Published, the draft is gone; a new one can be cleared by hand.
	await page.goto('/annonces/nouvelle');
	await expect(page.getByLabel('Titre')).toHaveValue('');
	await expect(page.getByText('Brouillon enregistré sur cet appareil.')).toHaveCount(0);
	await page.getByLabel('Titre').fill('Un brouillon à jeter');
	await page.getByRole('button', { name: 'Effacer le brouillon' }).click();
	await expect(page.getByText('Brouillon effacé.')).toBeVisible();
	await expect(page.getByLabel('Titre')).toHaveValue('');
});
