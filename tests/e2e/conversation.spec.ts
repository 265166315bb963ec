// Answering a listing opens a conversation between two structures: both sides see it, unread counts
// show, a reply written offline is sent once, and the owner concludes the listing naming the other.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { type Account, api, basic, deviceOf, MEMBER_A, MEMBER_B, SYNC_TIMEOUT, savedDevice } from './helpers';

type Row = { id: string; doc: Record<string, unknown> };

/** Documents of one type the server holds for `account`, read through the replication endpoint. */
async function serverDocs(request: APIRequestContext, account: Account, prefix: string): Promise<Row[]> {
	const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\uffff`))}`;
	const response = await request.get(`/db/elbasar/_all_docs?include_docs=true&${range}`, {
		headers: { Authorization: basic(account) },
	});
	expect(response.ok()).toBe(true);
	return (await response.json()).rows;
}

/**
 * An open, public, still valid listing of La Pioche (member A) of this test's own: other tests may
 * conclude or hide the demo's meanwhile, and this one concludes it.
 */
async function openListingOfA(request: APIRequestContext): Promise<Row | undefined> {
	const id = await api.listing(request, MEMBER_A, `Prêt d’une remorque à vélo ${Date.now()}`);
	const pioche = await api.structureOf(request, MEMBER_A);
	const today = new Date().toISOString().slice(0, 10);
	return (await serverDocs(request, MEMBER_A, id)).find(
		(r) =>
			r.id === id &&
			r.doc.owner === pioche &&
			r.doc.status === 'open' &&
			r.doc.audience === 'public' &&
			String(r.doc.validUntil) > today,
	);
}

const messagesSaying = async (request: APIRequestContext, text: string) =>
	(await serverDocs(request, MEMBER_A, 'message:')).filter((r) => r.doc.text === text).length;

async function send(page: Page, text: string): Promise<void> {
	await page.getByLabel('Votre message').fill(text);
	await page.getByRole('button', { name: 'Envoyer' }).click();
	await expect(page.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();
}

test('a member answers a listing, the owner replies, an offline reply is sent once, the owner concludes', async ({
	browser,
	request,
}) => {
	test.setTimeout(420_000);
	const paniers = await api.structureOf(request, MEMBER_B);
	const listing = await openListingOfA(request);
	expect(listing, 'La Pioche has an open public listing').toBeDefined();
	const listingPath = `/annonces/${listing?.id.slice('listing:'.length)}`;
	const question = `Bonjour, est-ce toujours disponible ? <b>${Date.now()}</b>`;
	const answer = 'Oui, passez jeudi à la recyclerie.';
	const offline = `Parfait, à jeudi (écrit hors ligne ${Date.now()})`;

	const b = await deviceOf(browser, MEMBER_B);
	const contextB = b.context();
	let a: Page | undefined;
	try {
		await b.goto(listingPath);
		await b.getByRole('button', { name: 'Répondre' }).click();
		await expect(b.getByRole('heading', { level: 1, name: 'Conversation avec La Pioche' })).toBeVisible();
		await send(b, question);
		// HTML is shown as text, never as markup.
		await expect(b.getByRole('list', { name: 'Messages' }).locator('b')).toHaveCount(0);
		await expect.poll(() => messagesSaying(request, question), { timeout: SYNC_TIMEOUT }).toBe(1);

		a = await deviceOf(browser, MEMBER_A);
		const nav = a.getByRole('navigation', { name: 'Navigation principale' });
		await expect(nav.getByRole('link', { name: /Messages\s*1 non lu\b/ })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await nav.getByRole('link', { name: /Messages/ }).click();
		await expect(a.getByRole('main').getByText('1 non lu', { exact: true })).toBeVisible();
		await a.getByRole('link', { name: /Les Paniers de la Mer/ }).click();
		await expect(a.getByRole('list', { name: 'Messages' }).getByText(question)).toBeVisible();
		await send(a, answer);
		await expect(nav.getByRole('link', { name: 'Messages', exact: true })).toBeVisible();

		await expect(b.getByRole('list', { name: 'Messages' }).getByText(answer)).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});

		await contextB.setOffline(true);
		await send(b, offline);
		const mine = b.getByRole('listitem').filter({ hasText: offline });
		await expect(mine.getByText('En attente d’envoi')).toBeVisible();
		await contextB.setOffline(false);
		await expect(mine.getByText('En attente d’envoi')).toHaveCount(0, { timeout: SYNC_TIMEOUT });
		await expect.poll(() => messagesSaying(request, offline), { timeout: SYNC_TIMEOUT }).toBe(1);
		await expect(a.getByRole('list', { name: 'Messages' }).getByText(offline)).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});

		await a.goto(listingPath);
		await expect(a.getByRole('link', { name: 'Conversation avec Les Paniers de la Mer' })).toBeVisible();
		await expect(a.getByRole('button', { name: 'Répondre' })).toHaveCount(0);
		await a.getByRole('radio', { name: 'Les Paniers de la Mer' }).check();
		await a.getByRole('button', { name: 'Marquer l’annonce comme conclue' }).click();
		await expect(a.getByText(/Conclue avec\s+Les Paniers de la Mer/)).toBeVisible();
		await expect
			.poll(
				async () =>
					(await serverDocs(request, MEMBER_A, listing?.id ?? '')).find((r) => r.id === listing?.id)?.doc
						.concludedWith,
				{ timeout: SYNC_TIMEOUT },
			)
			.toBe(paniers);
		expect(await messagesSaying(request, offline)).toBe(1);
	} finally {
		await a?.context().close();
		await contextB.close();
	}
});

test.describe(() => {
	test.use({ storageState: savedDevice() });

	test('a visitor is invited to sign in to answer a listing', async ({ page, request }) => {
		const listing = await openListingOfA(request);
		await page.goto(`/annonces/${listing?.id.slice('listing:'.length)}`);
		await expect(
			page.getByText('Connectez-vous pour répondre à cette annonce au nom de votre structure.'),
		).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await expect(page.getByRole('button', { name: 'Répondre' })).toHaveCount(0);
	});
});
