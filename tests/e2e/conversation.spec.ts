// Answering a listing opens a conversation between two structures: both sides see it, unread counts
// show, a reply written offline is sent once, and the owner concludes the listing naming the other.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { MEMBER_A, MEMBER_B, SYNC_TIMEOUT, signIn, waitUpToDate } from './helpers';

type Account = { email: string; password: string };
type Row = { id: string; doc: Record<string, unknown> };

const basic = (account: Account) =>
	`Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;

/** Documents of one type the server holds for `account`, read through the replication endpoint. */
async function serverDocs(request: APIRequestContext, account: Account, prefix: string): Promise<Row[]> {
	const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\uffff`))}`;
	const response = await request.get(`/db/elbasar/_all_docs?include_docs=true&${range}`, {
		headers: { Authorization: basic(account) },
	});
	expect(response.ok()).toBe(true);
	return (await response.json()).rows;
}

async function structureOf(request: APIRequestContext, account: Account): Promise<string> {
	const response = await request.post('/api/session', { data: account });
	const structureId = (await response.json()).user.structureId;
	await request.delete('/api/session');
	return structureId;
}

/** An open, public, still valid listing of La Pioche (member A) from the demo data. */
async function openListingOfA(request: APIRequestContext): Promise<Row | undefined> {
	const pioche = await structureOf(request, MEMBER_A);
	const today = new Date().toISOString().slice(0, 10);
	return (await serverDocs(request, MEMBER_A, 'listing:')).find(
		(r) =>
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
	const paniers = await structureOf(request, MEMBER_B);
	const listing = await openListingOfA(request);
	expect(listing, 'the demo gives La Pioche an open public listing').toBeDefined();
	const listingPath = `/annonces/${listing?.id.slice('listing:'.length)}`;
	const question = `Bonjour, est-ce toujours disponible ? <b>${Date.now()}</b>`;
	const answer = 'Oui, passez jeudi à la recyclerie.';
	const offline = `Parfait, à jeudi (écrit hors ligne ${Date.now()})`;

	const contextB = await browser.newContext();
	const contextA = await browser.newContext();
	try {
		const b = await contextB.newPage();
		await signIn(b, MEMBER_B);
		await waitUpToDate(b);
		await b.goto(listingPath);
		await b.getByRole('button', { name: 'Répondre' }).click();
		await expect(b.getByRole('heading', { level: 1, name: 'Conversation avec La Pioche' })).toBeVisible();
		await send(b, question);
		// HTML is shown as text, never as markup.
		await expect(b.getByRole('list', { name: 'Messages' }).locator('b')).toHaveCount(0);
		await expect.poll(() => messagesSaying(request, question), { timeout: SYNC_TIMEOUT }).toBe(1);

		const a = await contextA.newPage();
		await signIn(a, MEMBER_A);
		await waitUpToDate(a);
		const nav = a.getByRole('navigation', { name: 'Navigation principale' });
		await expect(nav.getByRole('link', { name: /Messages\s*1 non lus/ })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await nav.getByRole('link', { name: /Messages/ }).click();
		await expect(a.getByText('1 non lu', { exact: true })).toBeVisible();
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
		await contextA.close();
		await contextB.close();
	}
});

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
