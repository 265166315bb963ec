// Door check-in on a phone with no network: member cards verified offline, name search, walk-ins,
// a reload in the middle, and every check-in on the server once the phone is back online.
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { ANIMATOR, api, MEMBER_A, resume, SYNC_TIMEOUT, savedDevice } from './helpers';

interface Row {
	id: string;
	doc?: { _id: string; name?: string; host?: string; _conflicts?: string[] };
}

async function allDocs(request: APIRequestContext, prefix: string, docs = false): Promise<Row[]> {
	const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
	const response = await request.get(`/db/elbasar/_all_docs?${range}${docs ? '&include_docs=true' : ''}`);
	expect(response.ok()).toBe(true);
	return ((await response.json()) as { rows: Row[] }).rows;
}

async function cardCode(request: APIRequestContext, personId: string): Promise<string> {
	const response = await request.get(`/api/card?person=${encodeURIComponent(personId)}`);
	expect(response.status()).toBe(200);
	return ((await response.json()) as { code: string }).code;
}

/** The animator's synced device, offline-ready, on the event's check-in screen. */
async function openDoor(page: Page, eventKey: string): Promise<void> {
	await resume(page, ANIMATOR);
	await page.goto(`/agenda/${eventKey}/accueil`);
	await expect(page.getByRole('heading', { level: 1, name: /^Accueil : / })).toBeVisible({
		timeout: SYNC_TIMEOUT,
	});
}

async function enterCode(page: Page, code: string): Promise<void> {
	await page.getByLabel('Code de la carte').fill(code);
	await page.getByRole('button', { name: 'Valider le code' }).click();
}

const checkedInCount = (page: Page) => page.getByTestId('checked-in-count');

async function serverCheckins(context: BrowserContext, eventKey: string): Promise<Row[]> {
	return allDocs(context.request, `checkin:${eventKey}~`, true);
}

test.describe(() => {
	test.use({ storageState: savedDevice(ANIMATOR) });

	// Each door has an event of its own: the counts it checks are then this test's alone.
	test('a host checks in 20 people and 3 walk-ins offline, with a reload; the server gets 23 check-ins', async ({
		page,
		context,
	}) => {
		test.setTimeout(360_000);
		const eventKey = await api.event(context.request, `e2e-porte-${Date.now()}`);
		await openDoor(page, eventKey);

		const people = (await allDocs(context.request, 'person:', true)).map(
			(r) => r.doc as { _id: string; name: string },
		);
		const byCard = people.slice(0, 17);
		const byName = people
			.slice(17)
			.filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i)
			.slice(0, 3);
		const codes = [];
		for (const person of byCard) codes.push(await cardCode(context.request, person._id));

		await context.setOffline(true);
		const forged = codes[0].replace(
			/\.[^.]+\./,
			`.${Buffer.from('{"v":1,"person":"person:x","structure":"structure:x","issued":"2026-01-01"}').toString('base64url')}.`,
		);
		await enterCode(page, forged);
		await expect(page.getByText(/signature invalide/)).toBeVisible();

		for (const [i, code] of codes.entries()) {
			await enterCode(page, code);
			await expect(checkedInCount(page)).toHaveText(String(i + 1));
			if (i === 9) {
				await page.reload();
				await expect(checkedInCount(page)).toHaveText('10', { timeout: 30_000 });
			}
		}
		await enterCode(page, codes[3]);
		await expect(page.getByText(/était déjà pointé·e/)).toBeVisible();

		for (const person of byName) {
			await page.getByLabel('Rechercher une personne').fill(person.name);
			await page
				.getByRole('button', { name: `Pointer ${person.name}` })
				.first()
				.click();
			await expect(page.getByText(`✓ ${person.name} est pointé·e.`)).toBeVisible();
		}
		await page.reload();
		await expect(checkedInCount(page)).toHaveText('20', { timeout: 30_000 });

		await page.getByRole('button', { name: 'Ajouter la personne' }).click();
		await expect(page.getByText(/Le nom est obligatoire/)).toBeVisible();
		for (const [name, structure] of [
			['Paul Durand', 'Le Relais du Boulonnais'],
			['Inès Lambert', ''],
			['Hugo Lefebvre', 'Mairie de Bapaume'],
		]) {
			await page.getByLabel('Nom et prénom (obligatoire)').fill(name);
			await page.getByLabel('Structure', { exact: true }).fill(structure);
			await page.getByRole('button', { name: 'Ajouter la personne' }).click();
			await expect(page.getByText(`✓ ${name} est pointé·e.`)).toBeVisible();
		}
		await expect(checkedInCount(page)).toHaveText('23');
		await page.setViewportSize({ width: 360, height: 740 });
		await expect(page.getByTestId('walkin-count')).toHaveText('3');
		await expect(page.getByText('1 code refusé')).toBeVisible();

		await context.setOffline(false);
		await expect
			.poll(async () => (await serverCheckins(context, eventKey)).length, { timeout: SYNC_TIMEOUT })
			.toBe(23);
		const stored = await serverCheckins(context, eventKey);
		expect(stored.filter((r) => r.id.includes('~walkin-'))).toHaveLength(3);
	});

	test('two host phones check in the same person offline: after both sync, that person counts once', async ({
		browser,
		context,
	}) => {
		test.setTimeout(360_000);
		const eventKey = await api.event(context.request, `e2e-deux-portes-${Date.now()}`);
		const phones = [
			await browser.newContext({ storageState: savedDevice(ANIMATOR) }),
			await browser.newContext({ storageState: savedDevice(ANIMATOR) }),
		];
		const pages = await Promise.all(phones.map((phone) => phone.newPage()));
		for (const page of pages) await openDoor(page, eventKey);
		const [person] = await allDocs(pages[0].context().request, 'person:');
		const code = await cardCode(pages[0].context().request, person.id);

		for (const [i, page] of pages.entries()) {
			await phones[i].setOffline(true);
			await enterCode(page, code);
			await expect(checkedInCount(page)).toHaveText('1');
		}
		for (const phone of phones) await phone.setOffline(false);

		const id = `checkin:${eventKey}~${person.id.slice('person:'.length)}`;
		// Both revisions reach the server under one id; a phone that sees the conflict merges it.
		await expect
			.poll(
				async () => {
					const rows = await serverCheckins(pages[0].context(), eventKey);
					const doc = (await (
						await pages[0].context().request.get(`/db/elbasar/${id}?conflicts=true`)
					).json()) as {
						devices?: string[];
						_conflicts?: string[];
					};
					return {
						ids: rows.map((r) => r.id),
						devices: doc.devices?.length,
						conflicts: doc._conflicts?.length ?? 0,
					};
				},
				{ timeout: SYNC_TIMEOUT },
			)
			.toEqual({ ids: [id], devices: 2, conflicts: 0 });
		for (const page of pages) await expect(checkedInCount(page)).toHaveText('1');
		for (const phone of phones) await phone.close();
	});
});

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_A) });

	test('a member’s card shows as a QR code and stays on the phone offline', async ({ page, context }) => {
		await resume(page, MEMBER_A);
		await page.getByRole('link', { name: 'Ma carte de membre' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Ma carte de membre' })).toBeVisible();
		const qr = page.getByRole('img', { name: /QR code de la carte de membre de Julie Vandenberghe/ });
		await expect(qr.locator('svg')).toBeVisible();
		const code = await page.getByTestId('card-code').textContent();
		expect(code).toMatch(/^EB1\./);

		await context.setOffline(true);
		await page.reload();
		await expect(qr.locator('svg')).toBeVisible();
		await expect(page.getByTestId('card-code')).toHaveText(code ?? '');
		await page.setViewportSize({ width: 360, height: 740 });
		await context.setOffline(false);
	});
});
