// A listing's life in the browser: it leaves the open list the day after its end date (on the
// device, before the server's job), its owner extends it; a favourite saved offline shows in « Mes
// favoris »; a report leads the animator to hide it (another member's device drops it) and restore
// it; the shared URL carries the Open Graph tags; HTML in a title stays text.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import {
	type Account,
	ANIMATOR,
	api,
	basic,
	deviceOf,
	MEMBER_A,
	MEMBER_B,
	nextStep,
	resume,
	SYNC_TIMEOUT,
	savedDevice,
	waitUpToDate,
} from './helpers';

const DAY = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** A new listing written through the API as `account`, as another device of theirs would. */
const publish = (
	request: APIRequestContext,
	account: Account,
	title: string,
	over: Record<string, unknown> = {},
) => api.listing(request, account, title, over);

async function serverIds(request: APIRequestContext, as: Account, prefix: string): Promise<string[]> {
	const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\uffff`))}`;
	const response = await request.get(`/db/elbasar/_all_docs?${range}`, {
		headers: { Authorization: basic(as) },
	});
	return ((await response.json()).rows as { id: string }[]).map((r) => r.id);
}

const pathOf = (id: string) => `/annonces/${id.slice('listing:'.length)}`;
const inOpenList = (page: Page, title: string) =>
	page.getByRole('main').getByRole('link', { name: title, exact: true });

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_A) });

	test('an expired listing leaves the open list at once on the device; its owner extends it', async ({
		page,
	}) => {
		test.setTimeout(300_000);
		await page.clock.install();
		await resume(page, MEMBER_A);
		const title = `Bâches à prêter ${Date.now()}`;
		await page.goto('/annonces/nouvelle');
		await page.getByLabel('Offre').check();
		await page.getByLabel('Nature de l’échange').selectOption({ label: 'Prêt' });
		await page.getByLabel('Titre').fill(title);
		await nextStep(page, 'Détails');
		await page.getByLabel('Secteur').selectOption({ label: 'Réemploi, réparation et recyclage' });
		await nextStep(page, 'Photos');
		await nextStep(page, 'Où et quand');
		await page.getByRole('combobox', { name: 'Commune' }).fill('Arras');
		await page.getByRole('option', { name: /^Arras \(/ }).click();
		// Valid until today (the form's start date is today too).
		const from = await page.getByLabel('Valable à partir du').inputValue();
		await page.getByLabel('Jusqu’au').fill(from);
		await nextStep(page, 'Aperçu');
		await page.getByRole('button', { name: 'Publier l’annonce' }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		const listingPath = new URL(page.url()).pathname;

		await page.goto('/annonces');
		// A reload opens the device's tables again and catches up with the server first.
		await expect(inOpenList(page, title)).toBeVisible({ timeout: SYNC_TIMEOUT });

		// Two days later on this device, before any server job has run: gone from the open list.
		await page.clock.setSystemTime(Date.now() + 2 * DAY);
		await page.goto('/annonces');
		await waitUpToDate(page);
		await expect(page.getByRole('main').getByRole('link').first()).toBeVisible();
		await expect(inOpenList(page, title)).toHaveCount(0);

		await page.goto(listingPath);
		await expect(page.getByText('Expirée', { exact: true })).toBeVisible();
		await expect(page.getByText(/Cette annonce a expiré le/)).toBeVisible();
		await page.getByLabel('Prolonger jusqu’au').fill(isoDay(Date.now() + 32 * DAY));
		await page.getByRole('button', { name: 'Prolonger' }).click();
		await expect(page.getByText(/Annonce prolongée jusqu’au/)).toBeVisible();
		await page.goto('/annonces');
		await expect(inOpenList(page, title)).toBeVisible({ timeout: SYNC_TIMEOUT });
	});
});

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_B) });

	test('a favourite saved offline shows in « Mes favoris » and reaches the server, for its structure only', async ({
		page,
		context,
		request,
	}) => {
		test.setTimeout(300_000);
		const title = `Remorque vélo en favori ${Date.now()}`;
		const id = await publish(request, MEMBER_A, title);
		await resume(page, MEMBER_B);
		await page.goto(pathOf(id));
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });

		await context.setOffline(true);
		await page.getByRole('button', { name: 'Ajouter aux favoris' }).click();
		await expect(page.getByRole('button', { name: 'Retirer des favoris' })).toBeVisible();
		await page.getByRole('link', { name: 'Mon espace' }).click();
		await page.getByRole('link', { name: 'Mes favoris' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Mes favoris' })).toBeVisible();
		await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();

		await context.setOffline(false);
		const paniers = await api.structureOf(request, MEMBER_B);
		const favourite = `favourite:${paniers.slice('structure:'.length)}~${id.slice('listing:'.length)}`;
		await expect
			.poll(() => serverIds(request, MEMBER_B, 'favourite:'), { timeout: SYNC_TIMEOUT })
			.toContain(favourite);
		expect(await serverIds(request, MEMBER_A, 'favourite:')).not.toContain(favourite);
	});
});

test('a member reports a listing, the animator hides it (another member no longer sees it), then restores it', async ({
	browser,
	request,
}) => {
	test.setTimeout(480_000);
	const title = `Vélo cargo à signaler ${Date.now()}`;
	const id = await publish(request, MEMBER_A, title);
	const b = await deviceOf(browser, MEMBER_B);
	const s = await deviceOf(browser, ANIMATOR);
	try {
		await b.goto(pathOf(id));
		await expect(b.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });
		await b.getByRole('button', { name: 'Signaler cette annonce' }).click();
		await b.getByLabel('Raison').selectOption({ label: 'Trompeur ou frauduleux' });
		await b.getByLabel(/Précisions/).fill('Le vélo a été vendu ailleurs.');
		await b.getByRole('button', { name: 'Envoyer le signalement' }).click();
		await expect(b.getByText('Merci : votre signalement sera transmis')).toBeVisible();

		await s.goto('/animation/moderation');
		const open = s.getByRole('region', { name: /Signalements ouverts/ });
		const item = open.getByRole('article').filter({ hasText: title });
		await expect(item).toBeVisible({ timeout: SYNC_TIMEOUT });
		await expect(item.getByText('Le vélo a été vendu ailleurs.')).toBeVisible();
		await item.getByLabel('Raison de la décision').fill('Annonce trompeuse : le vélo n’est plus disponible.');
		await item.getByRole('button', { name: 'Masquer' }).click();
		await expect(s.getByText('Contenu masqué. Sa structure est prévenue.')).toBeVisible();
		await expect
			.poll(async () => (await api.get(request, id, ANIMATOR))?.audience, { timeout: SYNC_TIMEOUT })
			.toBe('owner');
		// The owner is told, in the app (and by e-mail, from the server).
		await expect
			.poll(async () => (await serverIds(request, MEMBER_A, 'notice:')).length, { timeout: SYNC_TIMEOUT })
			.toBeGreaterThan(0);

		// The other member's next sync drops it.
		await b.goto('/annonces');
		await waitUpToDate(b);
		await expect(inOpenList(b, title)).toHaveCount(0, { timeout: SYNC_TIMEOUT });
		await b.goto(pathOf(id));
		await expect(b.getByRole('heading', { level: 1, name: 'Annonce introuvable' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});

		const hidden = s
			.getByRole('region', { name: /Contenus masqués/ })
			.getByRole('article')
			.filter({ hasText: title });
		await expect(hidden).toBeVisible();
		await hidden
			.getByLabel('Raison de la décision')
			.fill('Vérifié avec la structure : le vélo est disponible.');
		await hidden.getByRole('button', { name: 'Rétablir' }).click();
		await expect(s.getByText('Contenu rétabli. Sa structure est prévenue.')).toBeVisible();
		await expect
			.poll(async () => (await api.get(request, id, ANIMATOR))?.audience, { timeout: SYNC_TIMEOUT })
			.toBe('public');
		const decisions = s.getByRole('region', { name: 'Décisions récentes' });
		await expect(decisions.getByText(/Masqué le .* Annonce trompeuse/)).toBeVisible();

		await b.goto('/annonces');
		await waitUpToDate(b);
		await expect(inOpenList(b, title)).toBeVisible({ timeout: SYNC_TIMEOUT });
	} finally {
		await b.context().close();
		await s.context().close();
	}
});

test.describe(() => {
	test.use({ storageState: savedDevice() });

	test('the shared URL serves the Open Graph tags of a public listing, the generic ones otherwise', async ({
		page,
		request,
	}) => {
		const title = `Vélo cargo <partagé> ${Date.now()}`;
		const id = await publish(request, MEMBER_A, title);
		const html = await (await request.get(pathOf(id))).text();
		const escaped = title.replace('<', '&lt;').replace('>', '&gt;');
		expect(html).toContain(`<meta property="og:title" content="${escaped}" />`);
		expect(html).toContain('<meta property="og:type" content="article" />');
		expect(html).toMatch(
			/<meta property="og:description" content="Offre · Prêt · Arras \(62\) — Une remorque/,
		);
		expect(html).toMatch(new RegExp(`<meta property="og:url" content="http://[^"]+${pathOf(id)}" />`));
		expect(html).toMatch(/<meta property="og:image" content="http:\/\/[^"]+" \/>/);
		expect(html).toContain('<meta name="twitter:card"');
		expect(html).toContain(`<title>${escaped} — elBasar</title>`);

		const secret = `Outils réservés ${Date.now()}`;
		const membersOnly = await publish(request, MEMBER_A, secret, { audience: 'members' });
		const generic = await (await request.get(pathOf(membersOnly))).text();
		expect(generic).toContain('<meta property="og:title" content="elBasar" />');
		expect(generic).not.toContain(secret);

		// The page still opens the app.
		await page.goto(pathOf(id));
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });
	});

	test('HTML in a listing’s title and text is shown as text, never run', async ({ page, request }) => {
		const title = `<img src=x onerror="window.__pwned=1"> Remorque ${Date.now()}`;
		const id = await publish(request, MEMBER_A, title, {
			text: '<script>window.__pwned=2</script><b>gras</b>',
		});
		await page.goto(pathOf(id));
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });
		await expect(page.getByText('<script>window.__pwned=2</script><b>gras</b>')).toBeVisible();
		await expect(page.locator('main img[src="x"]')).toHaveCount(0);
		await expect(page.locator('main b', { hasText: 'gras' })).toHaveCount(0);
		await page.goto('/annonces');
		await expect(inOpenList(page, title)).toBeVisible({ timeout: SYNC_TIMEOUT });
		await expect(page.locator('main img[src="x"]')).toHaveCount(0);
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
	});
});
