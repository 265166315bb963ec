// Door check-in on a phone with no network: member cards verified offline, name search, walk-ins,
// a reload in the middle, and every check-in on the server once the phone is back online.
import { writeFileSync } from 'node:fs';
import {
	type APIRequestContext,
	type BrowserContext,
	chromium,
	expect,
	type Page,
	test,
} from '@playwright/test';
import QRCode from 'qrcode';
import { chromiumLaunchOptions } from '../../scripts/chromium';
import { ANIMATOR, api, MEMBER_A, resume, SYNC_TIMEOUT, savedDevice } from './helpers';

interface Row {
	id: string;
	doc?: { _id: string; name?: string; host?: string; owner?: string; _conflicts?: string[] };
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

/** The door's summary, « 3 pointés : 2 inscrits, 1 sans inscription ». */
const doorCounts = (page: Page) => page.getByTestId('door-counts');
/** The summary's start: how many people are checked in. */
const checkedIn = (n: number) => new RegExp(`^${n} pointés? :`);

async function serverCheckins(context: BrowserContext, eventKey: string): Promise<Row[]> {
	return allDocs(context.request, `checkin:${eventKey}~`, true);
}

/** A member of the directory registered to the event, as their structure's device would write it. */
async function registerMember(request: APIRequestContext, eventKey: string, person: Row['doc']) {
	const now = new Date().toISOString();
	const structure = String(person?.owner);
	await api.put(
		request,
		{
			_id: `registration:${eventKey}~${person?._id.slice('person:'.length)}`,
			type: 'registration',
			schema: 1,
			owner: structure,
			audience: 'participants',
			participants: [],
			createdAt: now,
			updatedAt: now,
			event: `event:${eventKey}`,
			person: person?._id,
			structure,
			name: person?.name,
			status: 'registered',
			registeredAt: now,
		},
		ANIMATOR,
	);
}

/**
 * A Y4M video (one grey frame, looped by Chromium's fake camera) showing `code` as a QR code, the
 * way a member holds up their card: black modules on white, four modules of quiet zone.
 */
function qrVideo(code: string, file: string): void {
	const [width, height, margin] = [640, 480, 4];
	const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
	const scale = Math.floor((height - 20) / (qr.modules.size + 2 * margin));
	const side = (qr.modules.size + 2 * margin) * scale;
	const header = new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
	// One frame: the header, the luma plane (grey, the code in black and white), neutral chroma.
	const frame = new Uint8Array(header.length + width * height * 1.5).fill(128);
	frame.set(header);
	const luma = new Uint8Array(width * height).fill(235);
	const [left, top] = [(width - side) >> 1, (height - side) >> 1];
	for (let y = 0; y < side; y++)
		for (let x = 0; x < side; x++) {
			const row = Math.floor(y / scale) - margin;
			const col = Math.floor(x / scale) - margin;
			const dark =
				row >= 0 && col >= 0 && row < qr.modules.size && col < qr.modules.size && qr.modules.get(row, col);
			luma[(top + y) * width + left + x] = dark ? 16 : 255;
		}
	frame.set(luma, header.length);
	writeFileSync(file, frame);
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
			await expect(doorCounts(page)).toHaveText(checkedIn(i + 1));
			if (i === 9) {
				await page.reload();
				await expect(doorCounts(page)).toHaveText(checkedIn(10), { timeout: 30_000 });
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
		await expect(doorCounts(page)).toHaveText(checkedIn(20), { timeout: 30_000 });

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
		// Nobody registered to this event: all 23 came without registration (the 3 walk-ins and the
		// 20 members checked in by card or name alike).
		await expect(doorCounts(page)).toHaveText('23 pointés : 0 inscrit, 23 sans inscription');
		await page.setViewportSize({ width: 360, height: 740 });
		await expect(page.getByText('1 code refusé')).toBeVisible();

		await context.setOffline(false);
		await expect
			.poll(async () => (await serverCheckins(context, eventKey)).length, { timeout: SYNC_TIMEOUT })
			.toBe(23);
		const stored = await serverCheckins(context, eventKey);
		expect(stored.filter((r) => r.id.includes('~walkin-'))).toHaveLength(3);
	});

	test('a guest registered without an account, a registered member and a walk-in: 3 checked in, 2 registered, 1 without registration', async ({
		page,
		context,
	}) => {
		test.setTimeout(240_000);
		const eventKey = await api.event(context.request, `e2e-comptes-${Date.now()}`);
		const [member] = (await allDocs(context.request, 'person:', true)).map((r) => r.doc);
		await registerMember(context.request, eventKey, member);
		const guest = await context.request.post(`/api/events/${eventKey}/guests`, {
			data: { name: 'Sacha Invité', structureName: 'Collectif des Possibles', email: 'sacha@exemple.fr' },
		});
		expect(guest.status(), await guest.text()).toBe(201);
		await openDoor(page, eventKey);

		// Both registered people wait in the list of those not arrived yet.
		const expected = page.getByRole('list', { name: /^Inscrits? pas encore arrivés? \(/ });
		await expect(page.getByRole('heading', { name: 'Inscrits pas encore arrivés (2)' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});
		await expect(expected.getByRole('listitem')).toHaveCount(2);
		await expect(expected).toContainText(String(member?.name));
		await expect(expected).toContainText('Sacha Invité (Collectif des Possibles)');
		await expect(doorCounts(page)).toHaveText('0 pointé : 0 inscrit, 0 sans inscription');

		// The guest found by name, the member from the list, a walk-in typed in.
		await page.getByLabel('Rechercher une personne').fill('Sacha');
		const search = page.getByRole('region', { name: 'Sans carte : rechercher un nom' });
		await search.getByRole('button', { name: /^Pointer Sacha Invité \(Collectif des Possibles\)/ }).click();
		await expect(page.getByText('✓ Sacha Invité est pointé·e.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Inscrit pas encore arrivé (1)' })).toBeVisible();
		await expected.getByRole('button', { name: `Pointer ${member?.name}` }).click();
		await expect(page.getByText(`✓ ${member?.name} est pointé·e.`)).toBeVisible();
		await page.getByLabel('Nom et prénom (obligatoire)').fill('Inès Lambert');
		await page.getByRole('button', { name: 'Ajouter la personne' }).click();
		await expect(page.getByText('✓ Inès Lambert est pointé·e.')).toBeVisible();

		await expect(doorCounts(page)).toHaveText('3 pointés : 2 inscrits, 1 sans inscription');
		await expect(page.getByText('Toutes les personnes inscrites sont arrivées.')).toBeVisible();
		await page.reload();
		await expect(doorCounts(page)).toHaveText('3 pointés : 2 inscrits, 1 sans inscription', {
			timeout: SYNC_TIMEOUT,
		});

		// On the server, the guest's check-in names their registration: the reports count it so too.
		await expect
			.poll(async () => (await serverCheckins(context, eventKey)).length, { timeout: SYNC_TIMEOUT })
			.toBe(3);
		const stored = await serverCheckins(context, eventKey);
		expect(stored.map((r) => r.id)).toContain(`checkin:${eventKey}~${member?._id.slice('person:'.length)}`);
		expect(stored.filter((r) => r.id.includes('~walkin-'))).toHaveLength(1);
		const guestCheckin = stored.find((r) => r.id.includes('~guest-'));
		expect(guestCheckin?.doc).toMatchObject({
			registration: `registration:${eventKey}~${guestCheckin?.id.split('~')[1]}`,
			method: 'search',
			name: 'Sacha Invité',
		});
	});

	test('camera-first scanning: a card held up to the camera fills the screen green with the name', async ({
		request,
	}, testInfo) => {
		test.setTimeout(240_000);
		const eventKey = await api.event(request, `e2e-scan-${Date.now()}`);
		const [person] = (await allDocs(request, 'person:', true)).map((r) => r.doc);
		const video = testInfo.outputPath('carte.y4m');
		qrVideo(await cardCode(request, String(person?._id)), video);
		// Chromium's fake camera plays the file; its permission prompt is answered yes.
		const browser = await chromium.launch({
			...chromiumLaunchOptions,
			args: [
				...chromiumLaunchOptions.args,
				'--use-fake-ui-for-media-stream',
				'--use-fake-device-for-media-stream',
				`--use-file-for-fake-video-capture=${video}`,
			],
		});
		try {
			const context = await browser.newContext({
				baseURL: testInfo.project.use.baseURL,
				locale: 'fr-FR',
				timezoneId: 'Europe/Paris',
				storageState: savedDevice(ANIMATOR),
				permissions: ['camera'],
			});
			const page = await context.newPage();
			await openDoor(page, eventKey);
			await page.getByRole('button', { name: 'Mode scan : caméra plein écran' }).click();
			const mode = page.getByRole('dialog', { name: 'Mode scan' });
			await expect(mode).toBeVisible();
			const feedback = mode.getByTestId('scan-feedback');
			// The green shows for about two seconds: read it in the page, frame by frame, all at once —
			// green, with the name, covering the whole screen.
			await page.waitForFunction(
				(name) => {
					const shown = document.querySelector('[data-testid="scan-feedback"]');
					const box = shown?.getBoundingClientRect();
					return (
						!!shown?.classList.contains('ok') &&
						!!shown.textContent?.includes(`${name} est pointé·e`) &&
						box?.left === 0 &&
						box.top === 0 &&
						box.width === innerWidth &&
						box.height === innerHeight
					);
				},
				person?.name,
				{ polling: 'raf', timeout: 30_000 },
			);
			await expect(mode.getByTestId('scan-summary')).toHaveText('1 pointé : 0 inscrit, 1 sans inscription');
			// A tap goes back to scanning; the same card shown again is already checked in (amber).
			await feedback.click();
			await expect(feedback).toContainText('déjà pointé·e', { timeout: 30_000 });
			await expect(feedback).toHaveClass(/\bwarn\b/);
			// Escape leaves the mode, as the « Quitter le mode scan » button does.
			await page.keyboard.press('Escape');
			await expect(mode).toBeHidden();
			await expect(doorCounts(page)).toHaveText(checkedIn(1));
		} finally {
			await browser.close();
		}
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
			await expect(doorCounts(page)).toHaveText(checkedIn(1));
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
		for (const page of pages) await expect(doorCounts(page)).toHaveText(checkedIn(1));
		for (const phone of phones) await phone.close();
	});
});

/** This device forgets the member card it kept, as one that never opened the card page. */
async function waitForCardForgotten(page: Page): Promise<void> {
	await page.evaluate(() => localStorage.removeItem('elbasar:member-card'));
}

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_A) });

	test('the card page opened directly on a device without the card says « Chargement… », then shows the QR; offline it says when it will show', async ({
		page,
		context,
	}) => {
		await resume(page, MEMBER_A);
		await waitForCardForgotten(page);
		// The card's answer is held back, so that the page is seen before it arrives.
		let release = () => {};
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		await page.route('**/api/card', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto('/espace/carte');
		await expect(page.getByRole('heading', { level: 1, name: 'Ma carte de membre' })).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Chargement…' })).toBeVisible();
		release();
		const qr = page.getByRole('img', { name: /QR code de la carte de membre de Julie Vandenberghe/ });
		await expect(qr.locator('svg')).toBeVisible({ timeout: 30_000 });
		await page.unroute('**/api/card');

		// Offline on a device that never kept the card: a clear message, and the card once back online.
		await waitForCardForgotten(page);
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('alert')).toContainText(
			'la carte s’affichera après la prochaine synchronisation',
		);
		await context.setOffline(false);
		await page.getByRole('button', { name: 'Réessayer' }).click();
		await expect(qr.locator('svg')).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('alert')).toBeHidden();
	});

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
