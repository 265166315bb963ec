// Browsing listings on a phone (390 × 844, touch): cards led by a picture (the first photo, or the
// sector's pictogram), the filters behind one « Filtres » button opening a sheet, the active
// filters as chips that remove them, and no page wider than the screen.
import { expect, test } from '@playwright/test';
import { api, deviceOf, MEMBER_A, MEMBER_B, SYNC_TIMEOUT } from './helpers';
import { phonePhoto } from './phone-photo';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('a phone lists listings with their pictures and filters them from the Filtres sheet', async ({
	browser,
	request,
}) => {
	const stamp = Date.now();
	const withPhoto = `Remorque vélo en photo ${stamp}`;
	const withoutPhoto = `Vélo cargo sans photo ${stamp}`;
	const thumb = phonePhoto(120, 120, 0).toString('base64');
	await api.listing(request, MEMBER_A, withPhoto, {
		photos: [{ name: 'photo-1.png', thumb: 'thumb-1.png', alt: 'La remorque attelée' }],
		_attachments: {
			'photo-1.png': { content_type: 'image/png', data: thumb },
			'thumb-1.png': { content_type: 'image/png', data: thumb },
		},
	});
	await api.listing(request, MEMBER_A, withoutPhoto, { sector: 'mobilite' });

	const page = await deviceOf(browser, MEMBER_B, PHONE);
	await page.goto('/annonces');
	const list = page.getByRole('list', { name: 'Annonces ouvertes' });
	const photoCard = list.getByRole('listitem').filter({ hasText: withPhoto });
	const plainCard = list.getByRole('listitem').filter({ hasText: withoutPhoto });

	// The photo is read from the device and shown small, with its text alternative.
	const image = photoCard.getByRole('img', { name: 'La remorque attelée' });
	// A reload opens the device's tables again and catches up with the server first.
	await expect(image).toBeVisible({ timeout: SYNC_TIMEOUT });
	await expect(image).toHaveAttribute('src', /^blob:/);
	await expect(image).toHaveAttribute('width', '88');
	await expect(image).toHaveAttribute('loading', 'lazy');
	// Without a photo, the sector's pictogram; both say where, and how far from the viewer's structure.
	await expect(plainCard.getByRole('img', { name: 'Mobilité, vélo et transport' })).toBeVisible();
	await expect(plainCard).toContainText(/Arras · à \d+ km/);

	// The listings start on the first screen, and nothing is wider than it.
	const firstTop = (await list.getByRole('listitem').first().boundingBox())?.y ?? Number.POSITIVE_INFINITY;
	expect(firstTop).toBeLessThan(844);
	const overflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
	expect(await overflow()).toBe(true);

	// One button opens the filters in a sheet; Escape closes it.
	const open = page.getByRole('button', { name: 'Filtres', exact: true });
	const sheet = page.getByRole('dialog', { name: 'Filtrer les annonces' });
	await expect(page.getByLabel('Secteur')).toBeHidden();
	await open.click();
	await expect(sheet).toBeVisible();
	expect(await overflow()).toBe(true);
	await page.keyboard.press('Escape');
	await expect(sheet).toBeHidden();

	// A filter applies as it is chosen; the sheet closes on its results, the chip tells it.
	await open.click();
	await sheet.getByLabel('Secteur').selectOption({ label: 'Mobilité, vélo et transport' });
	await sheet.getByRole('button', { name: 'Voir les résultats' }).click();
	await expect(sheet).toBeHidden();
	const chip = page
		.getByRole('list', { name: 'Filtres actifs' })
		.getByRole('button', { name: 'Enlever le filtre Secteur : Mobilité, vélo et transport' });
	await expect(chip).toBeVisible();
	await expect(page.getByRole('button', { name: 'Filtres (1)' })).toBeVisible();
	await expect(plainCard).toBeVisible();
	await expect(photoCard).toHaveCount(0);
	expect(await overflow()).toBe(true);

	// Removing the chip clears the filter.
	await chip.click();
	await expect(chip).toHaveCount(0);
	await expect(open).toBeVisible();
	await expect(photoCard).toBeVisible();
	await page.context().close();
});
