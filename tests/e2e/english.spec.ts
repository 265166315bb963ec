// The app in English, chosen with the footer's language switch: a member browses, searches,
// posts and answers a listing; the animator's agenda and door screen speak English too. The
// account's language is put back to French afterwards (it decides the language of its e-mails).
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import {
	type Account,
	ANIMATOR,
	api,
	basic,
	MEMBER_A,
	MEMBER_B,
	resume,
	SYNC_TIMEOUT,
	savedDevice,
} from './helpers';
import { phonePhoto } from './phone-photo';

/** Switches the app to English from the footer (the page reloads), and waits for it to say so. */
async function chooseEnglish(page: Page): Promise<void> {
	await page.getByRole('contentinfo').getByLabel('Langue').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('contentinfo').getByLabel('Language')).toHaveValue('en');
}

/** The account's e-mails back in French, as the other tests expect them. */
async function backToFrench(request: APIRequestContext, account: Account): Promise<void> {
	const response = await request.put('/api/account/locale', {
		data: { locale: 'fr' },
		headers: { Authorization: basic(account) },
	});
	expect(response.status(), await response.text()).toBe(200);
}

/** Clicks « Next » and waits for step `to`, whose heading takes the focus. */
async function next(page: Page, to: string): Promise<void> {
	await page.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: new RegExp(`${to}$`) })).toBeFocused();
}

test.describe('a member in English', () => {
	test.use({ storageState: savedDevice(MEMBER_B), viewport: { width: 390, height: 844 }, isMobile: true });

	test('browses, searches, posts a listing with a photo and answers one, all in English', async ({
		page,
		request,
	}) => {
		test.setTimeout(300_000);
		const answered = `Bike trailer to borrow ${Date.now()}`;
		const listingOfA = await api.listing(request, MEMBER_A, answered);
		try {
			await resume(page, MEMBER_B);
			await page.goto('/annonces');
			await chooseEnglish(page);
			await expect(page.getByRole('heading', { level: 1, name: 'Listings' })).toBeVisible();
			await expect(page.getByRole('status').filter({ hasText: /^[\d,]+ open listings?/ })).toBeVisible({
				timeout: SYNC_TIMEOUT,
			});
			// The filters speak English too: the domain's tables are read from the catalogue.
			await page.getByRole('button', { name: 'Filters', exact: true }).click();
			const filters = page.getByRole('dialog');
			await filters.getByLabel('Type of exchange').selectOption({ label: 'Loan' });
			await filters.getByLabel('Sector').selectOption({ label: 'Reuse, repair and recycling' });
			await page.keyboard.press('Escape');
			await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Loan');

			await page.goto('/recherche');
			await page.getByLabel('What are you looking for?').fill('trailer');
			await expect(page.getByRole('list', { name: 'Search results' }).getByText(answered)).toBeVisible({
				timeout: SYNC_TIMEOUT,
			});

			// Posting, step by step, with one photo.
			const title = `Folding tables to lend ${Date.now()}`;
			await page.goto('/annonces/nouvelle');
			await expect(page.getByRole('heading', { level: 1, name: 'Post a listing' })).toBeVisible();
			await page.getByRole('radio', { name: /^Offer/ }).check();
			await page.getByLabel('Type of exchange').selectOption({ label: 'Loan' });
			await page.getByLabel('Title').fill('Ab');
			await page.getByRole('button', { name: 'Next', exact: true }).click();
			// A form error in English, not the domain's French.
			await expect(page.getByText('3 characters at least')).toBeVisible();
			await page.getByLabel('Title').fill(title);
			await next(page, 'Details');
			await page.getByLabel('Description', { exact: true }).fill('Ten folding tables, 180 × 80 cm.');
			await page.getByLabel('Sector').selectOption({ label: 'Reuse, repair and recycling' });
			await next(page, 'Photos');
			await page
				.getByLabel('Add photos')
				.setInputFiles([{ name: 'tables.png', mimeType: 'image/png', buffer: phonePhoto(1600, 1200) }]);
			await expect(page.getByText('Photos ready: 1 of 5.')).toBeVisible({ timeout: 60_000 });
			await next(page, 'Where and when');
			await page.getByRole('combobox', { name: 'Commune' }).fill('Arras');
			await page.getByRole('option', { name: /^Arras \(/ }).click();
			await next(page, 'Preview');
			await page.getByRole('button', { name: 'Publish the listing' }).click();
			await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
			await expect(page.getByRole('region', { name: 'Photos of the listing' }).getByRole('img')).toHaveCount(
				1,
			);

			// Answering another structure's listing opens a conversation, in English.
			await page.goto(`/annonces/${listingOfA.slice('listing:'.length)}`);
			await expect(page.getByRole('heading', { level: 1, name: answered })).toBeVisible({
				timeout: SYNC_TIMEOUT,
			});
			await page
				.getByRole('link', { name: 'Answer' })
				.or(page.getByRole('button', { name: 'Answer' }))
				.click();
			await expect(page.getByRole('heading', { name: 'Conversation with La Pioche' })).toBeVisible();
			const message = `Hello, is it still free next weekend? ${Date.now()}`;
			await page.getByLabel('Your message').fill(message);
			await page.getByRole('button', { name: 'Send' }).click();
			await expect(page.getByRole('list', { name: 'Messages' }).getByText(message)).toBeVisible();
		} finally {
			await backToFrench(request, MEMBER_B);
			await api.put(
				request,
				{ ...(await api.get(request, listingOfA, MEMBER_A)), status: 'withdrawn' },
				MEMBER_A,
			);
		}
	});
});

test.describe('the animator in English', () => {
	test.use({ storageState: savedDevice(ANIMATOR) });

	test('sees the agenda and checks people in at the door in English', async ({ page, request }) => {
		test.setTimeout(240_000);
		const eventKey = await api.event(request, `e2e-english-${Date.now()}`, {
			title: 'Network breakfast',
		});
		try {
			await resume(page, ANIMATOR);
			await page.goto('/agenda');
			await chooseEnglish(page);
			await expect(page.getByRole('heading', { level: 1, name: 'The network’s events' })).toBeVisible();
			await page.goto(`/agenda/${eventKey}`);
			await expect(page.getByRole('heading', { level: 1, name: 'Network breakfast' })).toBeVisible({
				timeout: SYNC_TIMEOUT,
			});
			await expect(page.getByText('Breakfast', { exact: true })).toBeVisible();

			await page.goto(`/agenda/${eventKey}/accueil`);
			await expect(
				page.getByRole('heading', { level: 1, name: 'Check-in: Network breakfast' }),
			).toBeVisible();
			await expect(page.getByTestId('door-counts')).toHaveText(
				'0 checked in: 0 registered, 0 without registration',
			);
			await page.getByLabel('Full name (required)').fill('Robin Walker');
			await page.getByRole('button', { name: 'Add the person' }).click();
			await expect(page.getByText('✓ Robin Walker is checked in.')).toBeVisible();
			await expect(page.getByTestId('door-counts')).toHaveText(
				'1 checked in: 0 registered, 1 without registration',
			);
		} finally {
			await backToFrench(request, ANIMATOR);
		}
	});

	test('runs a speed-dating round in English on an offline tablet', async ({ page, context, request }) => {
		test.setTimeout(240_000);
		const range = `startkey=${encodeURIComponent('"event:speed-dating-"')}&endkey=${encodeURIComponent('"event:speed-dating-\ufff0"')}`;
		const events = await request.get(`/db/elbasar/_all_docs?${range}`);
		const [event] = ((await events.json()) as { rows: { id: string }[] }).rows;
		const eventKey = event.id.slice('event:'.length);
		try {
			await resume(page, ANIMATOR);
			// Rounds pass in a jump of Playwright's clock, not in real minutes.
			await page.clock.install();
			await page.goto(`/agenda/${eventKey}`);
			await chooseEnglish(page);
			await page.getByRole('link', { name: 'Run the speed-dating' }).click({ timeout: SYNC_TIMEOUT });
			await expect(page.getByText(/12 people checked in at the door\.$/)).toBeVisible({
				timeout: SYNC_TIMEOUT,
			});
			// Offline, the session stays on the tablet: the demo's speed-dating is left as it was.
			await context.setOffline(true);
			await page.getByRole('button', { name: 'Prepare the session' }).click();
			await expect(page.getByText(/^Ready to start: 3 rounds of 7/)).toBeVisible();
			await page.getByRole('button', { name: /^Start round 1/ }).click();
			await expect(page.getByRole('heading', { name: 'Round 1 of 3' })).toBeVisible();
			await expect(page.getByRole('list', { name: 'Tables of round 1' }).getByRole('listitem')).toHaveCount(
				6,
			);
			await page.clock.fastForward(7 * 60_000 + 1000);
			await expect(page.getByText('Round 1 of 3 finished.')).toBeVisible();
			const table = page.getByRole('group', { name: /\(table 1\)$/ });
			for (const side of await table.all())
				await side.getByRole('button', { name: 'Follow-up wanted' }).click();
			await expect(
				page.getByText('Both sides want a follow-up: added to the introductions to make.'),
			).toBeVisible();
		} finally {
			// The tablet never goes online again: its session is thrown away with the context.
			await backToFrench(request, ANIMATOR);
		}
	});
});
