// A listing written offline stays on the device, reaches the server when the connection is
// back, and another member then sees it.
import { expect, test } from '@playwright/test';
import {
	basic,
	deviceOf,
	MEMBER_A,
	MEMBER_B,
	publishListing,
	resume,
	SYNC_TIMEOUT,
	savedDevice,
} from './helpers';

test.use({ storageState: savedDevice(MEMBER_A) });

test('a listing created offline syncs when back online and another member sees it', async ({
	browser,
	page,
	context,
	request,
}) => {
	test.setTimeout(300_000);
	const title = `Prêt de bâches de marché ${Date.now()}`;

	await resume(page, MEMBER_A);
	await page.goto('/annonces/nouvelle');

	await context.setOffline(true);
	const id = await publishListing(page, title);
	await expect(
		page.getByText('Enregistrée sur cet appareil — elle sera envoyée dès que la connexion reviendra.'),
	).toBeVisible();

	await page.getByRole('link', { name: 'Retour aux annonces' }).click();
	await expect(page.getByRole('link', { name: title })).toBeVisible();

	await context.setOffline(false);
	await expect
		.poll(
			async () => {
				const response = await request.get(`/db/elbasar/${encodeURIComponent(id)}`, {
					headers: { Authorization: basic(MEMBER_A) },
				});
				return response.ok() ? (await response.json()).title : response.status();
			},
			{ timeout: SYNC_TIMEOUT, intervals: [1_000, 2_000, 3_000] },
		)
		.toBe(title);

	const pageB = await deviceOf(browser, MEMBER_B);
	try {
		await pageB.goto('/annonces');
		await expect(pageB.getByRole('link', { name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });
		await expect(pageB.getByRole('link', { name: title })).toHaveCount(1);
		await pageB.getByRole('link', { name: title }).click();
		await expect(pageB.getByRole('link', { name: 'La Pioche' })).toBeVisible();
		// Shown to a member of another structure only: the page knows whose session it is.
		await expect(pageB.getByRole('button', { name: 'Répondre' })).toBeVisible();
		await expect(pageB.getByRole('link', { name: 'Modifier', exact: true })).toHaveCount(0);
	} finally {
		await pageB.context().close();
	}
});
