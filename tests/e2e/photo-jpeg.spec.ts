// A browser that cannot encode WebP (older Safari answers PNG when asked for it): the photo of an
// offer is stored as JPEG, within its budget, and served as such. The canvas encoders are wrapped
// by an init script that answers PNG for WebP and keeps every other type real.
import { expect, test } from '@playwright/test';
import { MEMBER_A, nextStep, SYNC_TIMEOUT, signIn } from './helpers';
import { phonePhoto } from './phone-photo';
import { basic, removeAsAnimator } from './staff-docs';

/** Makes both canvas encoders answer PNG when asked for WebP, counting the refusals on `window`. */
function refuseWebp(): void {
	const counter = window as unknown as { webpRefused: number };
	counter.webpRefused = 0;
	const asked = (type?: string) => {
		if (type !== 'image/webp') return type;
		counter.webpRefused++;
		return 'image/png';
	};
	const convertToBlob = OffscreenCanvas.prototype.convertToBlob;
	OffscreenCanvas.prototype.convertToBlob = function (this: OffscreenCanvas, options?: ImageEncodeOptions) {
		return convertToBlob.call(this, { ...options, type: asked(options?.type) });
	};
	const toBlob = HTMLCanvasElement.prototype.toBlob;
	HTMLCanvasElement.prototype.toBlob = function (
		this: HTMLCanvasElement,
		callback: BlobCallback,
		type?: string,
		quality?: number,
	) {
		return toBlob.call(this, callback, asked(type), quality);
	};
}

test('without a WebP encoder the photo of an offer is stored and served as JPEG', async ({
	page,
	request,
}) => {
	test.setTimeout(240_000);
	const title = `Prêt d’un diable de manutention ${Date.now()}`;
	let id = '';
	try {
		await page.addInitScript(refuseWebp);
		await signIn(page, MEMBER_A);
		await page.goto('/annonces/nouvelle');
		await page.getByLabel('Offre').check();
		await page.getByLabel('Nature de l’échange').selectOption({ label: 'Prêt' });
		await page.getByLabel('Titre').fill(title);
		await nextStep(page, 'Détails');
		await page.getByLabel('Description', { exact: true }).fill('Diable 200 kg, roues gonflables.');
		await page.getByLabel('Secteur').selectOption({ label: 'Mobilité, vélo et transport' });
		await nextStep(page, 'Photos');
		await page
			.getByLabel('Ajouter des photos')
			.setInputFiles({ name: 'diable.png', mimeType: 'image/png', buffer: phonePhoto() });
		await expect(page.getByText('Photos prêtes : 1 sur 5.')).toBeVisible({ timeout: 30_000 });
		expect(
			await page.evaluate(() => (window as unknown as { webpRefused: number }).webpRefused),
		).toBeGreaterThan(0);
		await nextStep(page, 'Où et quand');
		await page.getByRole('combobox', { name: 'Commune' }).fill('Arras');
		await page.getByRole('option', { name: /^Arras \(/ }).click();
		await nextStep(page, 'Aperçu');
		await page.getByRole('button', { name: 'Publier l’annonce' }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		id = `listing:${new URL(page.url()).pathname.split('/').pop()}`;
		const photo = page.getByRole('region', { name: 'Photos de l’annonce' }).getByRole('img', { name: title });
		await expect(photo).toHaveAttribute('src', /^blob:/, { timeout: 30_000 });
		await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1280);

		const stored = async () => {
			const res = await request.get(`/db/elbasar/${encodeURIComponent(id)}`, {
				headers: { authorization: basic(MEMBER_A) },
			});
			if (!res.ok()) return {};
			const doc = (await res.json()) as { _attachments?: Record<string, { content_type: string }> };
			return Object.fromEntries(
				Object.entries(doc._attachments ?? {}).map(([name, a]) => [name, a.content_type]),
			);
		};
		await expect
			.poll(stored, { timeout: SYNC_TIMEOUT, intervals: [1_000, 2_000, 3_000] })
			.toEqual({ 'photo-1.jpg': 'image/jpeg', 'thumb-1.jpg': 'image/jpeg' });

		const media = await request.get(`/media/${id}/photo-1.jpg`);
		expect(media.status()).toBe(200);
		expect(media.headers()['content-type']).toBe('image/jpeg');
		const bytes = await media.body();
		expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
		expect(bytes.length).toBeLessThanOrEqual(200 * 1024);
	} finally {
		if (id) await removeAsAnimator(request, [id]);
	}
});
