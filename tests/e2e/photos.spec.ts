// Photos: a member adds one to an offer written offline, it is resized on the device and shows
// offline, syncs, another member sees it, and /media serves it. The trombinoscope shows faces.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { basic, deviceOf, MEMBER_A, MEMBER_B, nextStep, resume, SYNC_TIMEOUT, savedDevice } from './helpers';
import { phonePhoto } from './phone-photo';

test.use({ storageState: savedDevice(MEMBER_A) });

/** The image is shown from a blob: URL (the device's replica) and decoded; returns its size. */
async function shownFromDevice(img: Locator): Promise<{ width: number; height: number }> {
	await expect(img).toHaveAttribute('src', /^blob:/, { timeout: 30_000 });
	await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
	return img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
}

/** Goes through the steps of the listing form up to its preview; `photos` runs on the photo step. */
async function fillOffer(page: Page, title: string, photos: () => Promise<void>): Promise<void> {
	await page.getByLabel('Offre').check();
	await page.getByLabel('Nature de l’échange').selectOption({ label: 'Prêt' });
	await page.getByLabel('Titre').fill(title);
	await nextStep(page, 'Détails');
	await page.getByLabel('Description', { exact: true }).fill('Remorque 150 kg, attelage universel.');
	await page.getByLabel('Secteur').selectOption({ label: 'Mobilité, vélo et transport' });
	await nextStep(page, 'Photos');
	await photos();
	await nextStep(page, 'Où et quand');
	await page.getByRole('combobox', { name: 'Commune' }).fill('Arras');
	await page.getByRole('option', { name: /^Arras \(/ }).click();
	await nextStep(page, 'Aperçu');
}

test('an offer written offline with a photo shows it offline, syncs it, and another member sees it', async ({
	browser,
	page,
	context,
	request,
}) => {
	test.setTimeout(300_000);
	const title = `Prêt d’une remorque vélo ${Date.now()}`;
	await resume(page, MEMBER_A);
	await page.goto('/annonces/nouvelle');
	await context.setOffline(true);
	const original = phonePhoto();
	let resizeMs = 0;
	await fillOffer(page, title, async () => {
		const picker = page.getByLabel('Ajouter des photos');
		await picker.setInputFiles({
			name: 'devis.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from('%PDF-1.4'),
		});
		await expect(page.getByText('« devis.pdf » n’est pas une photo acceptée')).toBeVisible();
		const started = Date.now();
		await picker.setInputFiles({ name: 'remorque.png', mimeType: 'image/png', buffer: original });
		await expect(page.getByText('Photos prêtes : 1 sur 5.')).toBeVisible({ timeout: 30_000 });
		resizeMs = Date.now() - started;
		await expect(page.getByLabel('Légende de la photo 1')).toHaveAttribute('placeholder', title);
	});

	await page.getByRole('button', { name: 'Publier l’annonce' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const id = `listing:${new URL(page.url()).pathname.split('/').pop()}`;
	const gallery = page.getByRole('region', { name: 'Photos de l’annonce' });
	const size = await shownFromDevice(gallery.getByRole('img', { name: title }));
	expect(size).toEqual({ width: 1280, height: 960 });

	await page.getByRole('link', { name: 'Retour aux annonces' }).click();
	const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: title }) });
	expect(await shownFromDevice(card.getByRole('img', { name: title }))).toEqual({ width: 320, height: 240 });

	await context.setOffline(false);
	await expect
		.poll(
			async () => {
				const res = await request.get(`/db/elbasar/${encodeURIComponent(id)}`, {
					headers: { Authorization: basic(MEMBER_A) },
				});
				return res.ok() ? Object.keys((await res.json())._attachments ?? {}).sort() : [];
			},
			{ timeout: SYNC_TIMEOUT, intervals: [1_000, 2_000, 3_000] },
		)
		.toEqual(['photo-1.webp', 'thumb-1.webp']);

	const media = await request.get(`/media/${id}/photo-1.webp`);
	expect(media.status()).toBe(200);
	expect(media.headers()['content-type']).toBe('image/webp');
	const bytes = await media.body();
	expect(bytes.length).toBeLessThanOrEqual(200 * 1024);
	expect(String.fromCharCode(...bytes.subarray(8, 12))).toBe('WEBP');
	const thumb = await request.get(`/media/${id}/thumb-1.webp`);
	const thumbBytes = (await thumb.body()).length;
	expect(thumbBytes).toBeLessThanOrEqual(30 * 1024);
	console.log(
		`photo: PNG ${original.length} B (2400×1800) → WebP ${bytes.length} B (1280×960) + thumbnail ${thumbBytes} B, ${resizeMs} ms`,
	);

	const pageB = await deviceOf(browser, MEMBER_B);
	try {
		await pageB.goto(`/annonces/${id.slice('listing:'.length)}`);
		const galleryB = pageB.getByRole('region', { name: 'Photos de l’annonce' });
		await expect(galleryB).toBeVisible({ timeout: SYNC_TIMEOUT });
		expect(await shownFromDevice(galleryB.getByRole('img', { name: title }))).toEqual({
			width: 1280,
			height: 960,
		});
	} finally {
		await pageB.context().close();
	}
});

test('the trombinoscope shows a face set on the structure page, filtered by sector and territory', async ({
	page,
}) => {
	test.setTimeout(240_000);
	await resume(page, MEMBER_A);
	await page.goto('/espace/structure');
	await page
		.getByLabel('Ajouter une photo de Karim Belkacem')
		.setInputFiles({ name: 'karim.png', mimeType: 'image/png', buffer: phonePhoto(900, 1200) });
	await expect(page.getByText('Photo de Karim Belkacem enregistrée.')).toBeVisible({ timeout: 30_000 });
	// Below the form: the photo loads only once it nears the screen.
	await page.getByText('Karim Belkacem — Président').scrollIntoViewIfNeeded();
	expect(await shownFromDevice(page.getByRole('img', { name: 'Photo de Karim Belkacem' }))).toEqual({
		width: 384,
		height: 512,
	});

	await page
		.getByLabel('Ajouter un logo')
		.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: phonePhoto(600, 300) });
	await expect(page.getByText('Nouveau logo prêt : il sera enregistré avec la fiche.')).toBeVisible();
	await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'La Pioche' })).toBeVisible();
	expect(await shownFromDevice(page.getByRole('img', { name: 'Logo de La Pioche' }))).toEqual({
		width: 512,
		height: 256,
	});
	const team = page.getByRole('region', { name: 'L’équipe' });
	await team.getByText('Karim Belkacem').scrollIntoViewIfNeeded();
	await shownFromDevice(team.getByRole('img', { name: 'Photo de Karim Belkacem' }));

	await page.goto('/annuaire');
	await page.getByRole('link', { name: 'Trombinoscope' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Trombinoscope' })).toBeVisible();
	const count = page.getByRole('status').filter({ hasText: /personnes?/ });
	await expect(count).toHaveText(/^\s*[\d\s ]+ personnes/);

	await page.getByLabel('Secteur').selectOption({ label: 'Réemploi, réparation et recyclage' });
	await page.getByLabel('Département').selectOption({ value: '59' });
	await page.getByLabel('Intercommunalité').selectOption({ label: 'Métropole Européenne de Lille' });
	await page.getByLabel('Nom de la personne').fill('belkacem');
	await expect(count).toHaveText(/^\s*1 personne correspond à vos critères/);
	const face = page.getByRole('list', { name: 'Personnes' }).getByRole('listitem');
	await expect(face).toContainText('Karim Belkacem');
	await expect(face).toContainText('Président');
	await expect(face.getByRole('link', { name: 'La Pioche' })).toBeVisible();
	await shownFromDevice(face.getByRole('img', { name: 'Photo de Karim Belkacem' }));

	await page.getByLabel('Département').selectOption({ value: '62' });
	await expect(page.getByLabel('Intercommunalité')).toHaveValue('');
	await expect(count).toHaveText(/Personne ne correspond|^\s*0 personne/);
	await page.getByRole('button', { name: 'Effacer les filtres' }).click();
	await expect(count).toHaveText(/\(les 60 premières affichées\)/);
	await expect(page.getByRole('list', { name: 'Personnes' }).getByRole('listitem')).toHaveCount(60);
	await page.getByRole('button', { name: 'Voir plus de personnes' }).click();
	await expect(page.getByRole('list', { name: 'Personnes' }).getByRole('listitem')).toHaveCount(120);
});

test('the owner adds a photo, puts it first, removes the other: the listing and /media follow', async ({
	page,
	request,
}) => {
	test.setTimeout(240_000);
	const title = `Prêt d’un triporteur ${Date.now()}`;
	await resume(page, MEMBER_A);
	await page.goto('/annonces/nouvelle');
	await fillOffer(page, title, async () => {
		await page
			.getByLabel('Ajouter des photos')
			.setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: phonePhoto() });
		await expect(page.getByText('Photos prêtes : 1 sur 5.')).toBeVisible({ timeout: 30_000 });
	});
	await page.getByRole('button', { name: 'Publier l’annonce' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const id = `listing:${new URL(page.url()).pathname.split('/').pop()}`;

	// Editing opens on the preview; its photos are one step away.
	await page.getByRole('link', { name: 'Modifier', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Aperçu' })).toBeVisible();
	await page.getByRole('button', { name: 'Modifier l’étape « Photos »' }).click();
	await expect(page.getByLabel('Légende de la photo 1')).toHaveValue(title);
	await page
		.getByLabel('Ajouter des photos')
		.setInputFiles({ name: 'b.png', mimeType: 'image/png', buffer: phonePhoto(1200, 1600) });
	await expect(page.getByText('Photos prêtes : 2 sur 5.')).toBeVisible({ timeout: 30_000 });
	await page.getByRole('button', { name: 'Avancer la photo 2' }).click();
	await page.getByLabel('Légende de la photo 1').fill('Le triporteur chargé');
	await page.getByRole('button', { name: 'Retirer la photo 2' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Photo retirée. 1 sur 5.' })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Étapes de l’annonce' })
		.getByRole('button', { name: /Aperçu/ })
		.click();
	await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();

	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const gallery = page.getByRole('region', { name: 'Photos de l’annonce' });
	expect(await shownFromDevice(gallery.getByRole('img', { name: 'Le triporteur chargé' }))).toEqual({
		width: 960,
		height: 1280,
	});
	await expect(gallery.getByRole('button', { name: /Voir la photo/ })).toHaveCount(0);

	await expect
		.poll(
			async () => {
				const res = await request.get(`/db/elbasar/${encodeURIComponent(id)}`, {
					headers: { Authorization: basic(MEMBER_A) },
				});
				const doc = res.ok() ? await res.json() : {};
				return { photos: doc.photos, names: Object.keys(doc._attachments ?? {}).sort() };
			},
			{ timeout: SYNC_TIMEOUT, intervals: [1_000, 2_000, 3_000] },
		)
		.toEqual({
			photos: [{ name: 'photo-2.webp', thumb: 'thumb-2.webp', alt: 'Le triporteur chargé' }],
			names: ['photo-2.webp', 'thumb-2.webp'],
		});
	expect((await request.get(`/media/${id}/photo-1.webp`)).status()).toBe(404);
	expect((await request.get(`/media/${id}/photo-2.webp`)).status()).toBe(200);
});

test('a grainy phone photo is brought within its budget; an original over 15 MB is refused', async ({
	page,
	request,
}) => {
	test.setTimeout(240_000);
	const title = `Photo granuleuse ${Date.now()}`;
	await resume(page, MEMBER_A);
	await page.goto('/annonces/nouvelle');
	const grainy = phonePhoto(2400, 1800, 255);
	let resizeMs = 0;
	await fillOffer(page, title, async () => {
		const picker = page.getByLabel('Ajouter des photos');
		await picker.setInputFiles({
			name: 'pano.png',
			mimeType: 'image/png',
			buffer: Buffer.alloc(16 * 1024 * 1024),
		});
		await expect(page.getByText('« pano.png » est trop lourde (16 Mo) : 15 Mo au plus.')).toBeVisible();
		const started = Date.now();
		await picker.setInputFiles({ name: 'grain.png', mimeType: 'image/png', buffer: grainy });
		await expect(page.getByText('Photos prêtes : 1 sur 5.')).toBeVisible({ timeout: 60_000 });
		resizeMs = Date.now() - started;
	});
	await page.getByRole('button', { name: 'Publier l’annonce' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const id = `listing:${new URL(page.url()).pathname.split('/').pop()}`;
	await expect
		.poll(async () => (await request.get(`/media/${id}/photo-1.webp`)).status(), { timeout: SYNC_TIMEOUT })
		.toBe(200);
	const sizes = [
		(await (await request.get(`/media/${id}/photo-1.webp`)).body()).length,
		(await (await request.get(`/media/${id}/thumb-1.webp`)).body()).length,
	];
	expect(sizes[0]).toBeLessThanOrEqual(200 * 1024);
	expect(sizes[1]).toBeLessThanOrEqual(30 * 1024);
	const shown = await shownFromDevice(
		page.getByRole('region', { name: 'Photos de l’annonce' }).getByRole('img', { name: title }),
	);
	console.log(
		`grainy photo: PNG ${grainy.length} B (2400×1800) → WebP ${sizes[0]} B (${shown.width}×${shown.height}) + thumbnail ${sizes[1]} B, ${resizeMs} ms`,
	);
});
