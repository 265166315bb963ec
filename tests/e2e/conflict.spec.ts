// Two devices edit the same listing offline: both versions are kept, shown side by side, and
// the member chooses the one to keep — nothing is silently lost.
import { expect, type Page, test } from '@playwright/test';
import { deviceOf, MEMBER_A, publishListing, SYNC_TIMEOUT } from './helpers';

const NOTICE = 'Deux versions de cette annonce ont été modifiées en même temps';

async function retitle(page: Page, href: string, title: string): Promise<void> {
	await page.goto(`${href}/modifier`);
	await page.getByRole('button', { name: 'Modifier l’étape « Quoi »' }).click();
	await page.getByLabel('Titre').fill(title);
	await page
		.getByRole('navigation', { name: 'Étapes de l’annonce' })
		.getByRole('button', { name: /Aperçu/ })
		.click();
	await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('a listing edited offline on two devices shows both versions until one is kept', async ({ browser }) => {
	test.setTimeout(300_000);
	const title = `Prêt d’une remorque ${Date.now()}`;
	const [phone, laptop] = [await deviceOf(browser, MEMBER_A), await deviceOf(browser, MEMBER_A)];
	try {
		await phone.goto('/annonces/nouvelle');
		await publishListing(phone, title);
		const href = new URL(phone.url()).pathname;
		await laptop.goto(href);
		await expect(laptop.getByRole('heading', { level: 1, name: title })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await expect(phone.getByRole('status').filter({ hasText: /^\s*À jour/ })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});

		await phone.context().setOffline(true);
		await laptop.context().setOffline(true);
		await retitle(phone, href, `${title} (version du téléphone)`);
		await retitle(laptop, href, `${title} (version de l’ordinateur)`);
		await phone.context().setOffline(false);
		await laptop.context().setOffline(false);

		for (const page of [phone, laptop]) {
			await page.goto(href);
			await expect(page.getByRole('heading', { name: NOTICE })).toBeVisible({ timeout: SYNC_TIMEOUT });
		}
		const notice = phone.getByRole('region', { name: NOTICE });
		await expect(notice.getByText(`${title} (version du téléphone)`)).toBeVisible();
		await expect(notice.getByText(`${title} (version de l’ordinateur)`)).toBeVisible();

		const laptopVersion = notice.getByRole('article').filter({ hasText: 'version de l’ordinateur' });
		await laptopVersion.getByRole('button', { name: /Garder la version/ }).click();
		await expect(phone.getByText('Version conservée.')).toBeVisible();
		await expect(phone.getByRole('heading', { name: NOTICE })).toHaveCount(0);
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText(`${title} (version de l’ordinateur)`);

		await expect(laptop.getByRole('heading', { name: NOTICE })).toHaveCount(0, { timeout: SYNC_TIMEOUT });
		await expect(laptop.getByRole('heading', { level: 1 })).toHaveText(`${title} (version de l’ordinateur)`);
	} finally {
		await phone.context().close();
		await laptop.context().close();
	}
});
