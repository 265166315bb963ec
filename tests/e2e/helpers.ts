// What every browser test of the pages needs: the demo accounts, signing in through the real
// form, a device restored from the setup project's saved state, and waiting for the device to
// hold the data (never a fixed sleep).
import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test';

export type Account = { email: string; password: string };

export const MEMBER_A: Account = { email: 'membre@la-pioche.example.org', password: 'membre-demo' };
export const MEMBER_B: Account = { email: 'membre@paniers-de-la-mer.example.org', password: 'membre-demo' };
export const ANIMATOR: Account = { email: 'animatrice@elbasar.example.org', password: 'animatrice-demo' };
export const NON_MEMBER: Account = {
	email: 'contact@atelier-du-ternois.example.org',
	password: 'structure-demo',
};

/**
 * Where tests/e2e/auth.setup.ts leaves a synced device of `account` (a visitor's without one):
 * its cookies, localStorage and IndexedDB (the replica and the query tables). Git-ignored.
 */
export function savedDevice(account?: Account): string {
	return `tests/e2e/.auth/${account ? account.email.replace(/[^a-z0-9]+/gi, '-') : 'visitor'}.json`;
}

/**
 * Opens the app on a device restored from its saved state, as it is after `signIn` (on « Mon
 * espace » for an account): the session is the account's, the sync caught up, the app offline-ready.
 * The replica is already there: this is an incremental sync, not a first one.
 */
export async function resume(page: Page, account?: Account): Promise<void> {
	await page.goto(account ? '/espace' : '/');
	if (account) {
		await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible({
			timeout: 30_000,
		});
		await expect(page.getByText(account.email)).toBeVisible();
	}
	await waitUpToDate(page);
}

/** Another device (a new browser context) restored from `account`'s saved state, resumed. */
export async function deviceOf(
	browser: Browser,
	account?: Account,
	options: Parameters<Browser['newContext']>[0] = {},
): Promise<Page> {
	const context = await browser.newContext({ ...options, storageState: savedDevice(account) });
	const page = await context.newPage();
	await resume(page, account);
	return page;
}

/** HTTP Basic credentials, for the API calls a test makes as `account` outside the browser. */
export const basic = (account: Account) =>
	`Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;

/** A first sync on a slow, shared 2-core machine can take a while. */
export const SYNC_TIMEOUT = 120_000;

export async function signIn(page: Page, account: Account): Promise<void> {
	await page.goto('/connexion');
	await page.getByLabel('Adresse e-mail').fill(account.email);
	await page.getByLabel('Mot de passe').fill(account.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(account.email)).toBeVisible();
	// Signing in replaces the device's data: tests start from a device that holds this account's.
	await waitUpToDate(page);
}

/** Waits for the sync indicator of the layout to say the device is up to date. */
export async function waitUpToDate(page: Page): Promise<void> {
	await expect(page.getByRole('status').filter({ hasText: /^\s*À jour/ })).toBeVisible({
		timeout: SYNC_TIMEOUT,
	});
	await waitOfflineReady(page);
}

/**
 * Waits until the service worker controls the page: it is activated only once its precache (the
 * app's files) is complete, so a test that goes offline after this can reload any page.
 */
export async function waitOfflineReady(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, {
		timeout: SYNC_TIMEOUT,
	});
}

/** How many structures the directory says it holds ("1 234 structures" → 1234). */
export async function directoryCount(page: Page): Promise<number> {
	const text =
		(await page
			.getByRole('status')
			.filter({ hasText: /structures?/ })
			.first()
			.textContent()) ?? '';
	return Number(text.replace(/\s/g, '').match(/^(\d+)/)?.[1] ?? 0);
}

/** Waits until the directory lists at least `min` structures (they arrive with the first sync). */
export async function waitForDirectory(page: Page, min: number): Promise<void> {
	await expect.poll(() => directoryCount(page), { timeout: SYNC_TIMEOUT }).toBeGreaterThanOrEqual(min);
}

/** The listing form's step names, in order (« Étape n sur 4 », then the preview). */
export type ListingStep = 'Quoi' | 'Détails' | 'Photos' | 'Où et quand' | 'Aperçu';

/** Clicks « Suivant » on the listing form and waits for step `to` (its heading takes the focus). */
export async function nextStep(page: Page, to: ListingStep): Promise<void> {
	await page.getByRole('button', { name: 'Suivant', exact: true }).click();
	const heading = page.getByRole('heading', { level: 2, name: new RegExp(`${to}$`) });
	await expect(heading).toBeFocused();
}

/**
 * Goes through the steps of the listing form (the page must be on /annonces/nouvelle) and
 * publishes; `photos` runs on the photo step. Returns the new listing's id.
 */
export async function publishListing(
	page: Page,
	title: string,
	photos?: () => Promise<void>,
): Promise<string> {
	await expect(page.getByRole('heading', { level: 1, name: 'Publier une annonce' })).toBeVisible();
	await page.getByLabel('Offre').check();
	await page.getByLabel('Nature de l’échange').selectOption({ label: 'Prêt' });
	await page.getByLabel('Titre').fill(title);
	await nextStep(page, 'Détails');
	await page.getByLabel('Description').fill('Six bâches 3 × 3 m, à reprendre à la recyclerie.');
	await page.getByLabel('Secteur').selectOption({ label: 'Réemploi, réparation et recyclage' });
	await nextStep(page, 'Photos');
	await photos?.();
	await nextStep(page, 'Où et quand');
	await page.getByRole('combobox', { name: 'Commune' }).fill('Arras');
	await page.getByRole('option', { name: /^Arras \(/ }).click();
	await nextStep(page, 'Aperçu');
	await page.getByRole('button', { name: 'Publier l’annonce' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return `listing:${new URL(page.url()).pathname.split('/').pop()}`;
}

/**
 * Preconditions made through the server's API, as another device would write them, rather than
 * through a second browser: documents written as `account` with the replication endpoint.
 */
export const api = {
	/** Writes `doc` (new, or over its `_rev`) as `account`; returns the new revision. */
	async put(request: APIRequestContext, doc: Record<string, unknown>, account: Account): Promise<string> {
		const response = await request.put(`/db/elbasar/${encodeURIComponent(String(doc._id))}`, {
			data: doc,
			headers: { Authorization: basic(account) },
		});
		expect(response.status(), await response.text()).toBe(201);
		return (await response.json()).rev;
	},

	/** The document as `account` may read it, or null. */
	async get<T = Record<string, unknown>>(
		request: APIRequestContext,
		id: string,
		account: Account,
	): Promise<T | null> {
		const response = await request.get(`/db/elbasar/${encodeURIComponent(id)}`, {
			headers: { Authorization: basic(account) },
		});
		return response.ok() ? ((await response.json()) as T) : null;
	},

	/** The account's structure id, from a session of its own (closed at once). */
	async structureOf(request: APIRequestContext, account: Account): Promise<string> {
		const response = await request.post('/api/session', { data: account });
		expect(response.ok()).toBe(true);
		const structureId = (await response.json()).user.structureId as string;
		await request.delete('/api/session');
		return structureId;
	},

	/** A new open listing of `account`'s structure, valid for a month; returns its id. */
	async listing(
		request: APIRequestContext,
		account: Account,
		title: string,
		over: Record<string, unknown> = {},
	): Promise<string> {
		const owner = await api.structureOf(request, account);
		const id = `listing:e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
		const now = new Date().toISOString();
		await api.put(
			request,
			{
				_id: id,
				type: 'listing',
				schema: 1,
				owner,
				audience: 'public',
				createdAt: now,
				updatedAt: now,
				kind: 'offer',
				nature: 'loan',
				sector: 'reemploi',
				title,
				text: 'Une remorque pour vélo, à emprunter le week-end.',
				commune: '62041',
				validFrom: now.slice(0, 10),
				validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
				status: 'open',
				...over,
			},
			account,
		);
		return id;
	},

	/** A public event of the network in 20 days, 19:00 to 21:00 (Paris), written by the animator. */
	async event(request: APIRequestContext, key: string, over: Record<string, unknown> = {}): Promise<string> {
		const now = new Date().toISOString();
		const start = new Date(Date.now() + 20 * 86_400_000);
		start.setUTCHours(17, 0, 0, 0);
		const end = new Date(start.getTime() + 2 * 3_600_000);
		await api.put(
			request,
			{
				_id: `event:${key}`,
				type: 'event',
				schema: 1,
				owner: 'network',
				audience: 'public',
				createdAt: now,
				updatedAt: now,
				kind: 'breakfast',
				title: 'Petit-déjeuner du réseau',
				description: '',
				start: start.toISOString(),
				end: end.toISOString(),
				address: '1 place du Théâtre',
				commune: '62041',
				...over,
			},
			ANIMATOR,
		);
		return key;
	},
};
