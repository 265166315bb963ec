// Events end to end: a member proposes to host, the animator accepts, the apéro appears in the
// agenda and on the host's directory page, and its .ics imports; a member registers offline and it
// syncs; a full event puts the next one on the waiting list, promoted when a place frees up.
import { type APIRequestContext, expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import {
	ANIMATOR,
	api,
	basic,
	deviceOf,
	MEMBER_A,
	MEMBER_B,
	resume,
	SYNC_TIMEOUT,
	savedDevice,
	waitUpToDate,
} from './helpers';

/** A day `days` from now, as the date input wants it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a member proposes to host, the animator accepts: the apéro is in the agenda, on the host’s page and in .ics', async ({
	browser,
}) => {
	test.setTimeout(360_000);
	const member = await deviceOf(browser, MEMBER_B);
	await member.goto('/agenda');
	await member.getByRole('link', { name: 'Proposer d’accueillir un apéro' }).click();
	await expect(
		member.getByRole('heading', { level: 1, name: 'Proposer d’accueillir un apéro' }),
	).toBeVisible();
	const day = inDays(40);
	await member.getByLabel('Date 1').fill(day);
	await member.getByLabel(/Nombre de personnes/).fill('35');
	await member.getByLabel('Accessibilité').fill('Plain-pied, toilettes accessibles');
	await member.getByLabel('Transports en commun').fill('Bus ligne 1, arrêt Port');
	await member.getByLabel('Ce que vous aimeriez faire découvrir').fill('Notre atelier de cuisine solidaire');
	await member.getByRole('button', { name: 'Envoyer ma proposition' }).click();
	await expect(member.getByText('Merci ! Votre proposition est envoyée')).toBeVisible();
	await expect(member.getByRole('list').getByText('En attente de réponse')).toBeVisible();
	await waitUpToDate(member);

	const animator = await deviceOf(browser, ANIMATOR);
	await animator.goto('/animation/agenda');
	const review = animator.getByRole('article').filter({ hasText: 'Notre atelier de cuisine solidaire' });
	await expect(review).toBeVisible({ timeout: SYNC_TIMEOUT });
	await expect(review).toContainText('35 personnes');
	await expect(review).toContainText('Bus ligne 1, arrêt Port');
	const accept = review.getByRole('form', { name: /^Accepter/ });
	await accept.getByLabel('Début').fill('18:30');
	await accept.getByLabel('Fin').fill('21:00');
	await accept.getByLabel('Titre').fill('Apéro marin chez Les Paniers');
	await accept.getByRole('button', { name: 'Accepter et publier l’apéro' }).click();
	// The demo's own proposal (from another structure) still waits: only the member's was answered.
	await expect(animator.getByRole('heading', { name: /En attente de réponse \(1\)/ })).toBeVisible();
	await waitUpToDate(animator);

	// The member's device learns the answer and sees the apéro in the agenda.
	await member.reload();
	await expect(member.getByText('Acceptée')).toBeVisible({ timeout: SYNC_TIMEOUT });
	await member.getByRole('link', { name: 'voir l’événement' }).click();
	await expect(member.getByRole('heading', { level: 1, name: 'Apéro marin chez Les Paniers' })).toBeVisible();
	await expect(member.getByText(/de 18 h 30 à 21 h/)).toBeVisible();
	await expect(member.getByText('Plain-pied, toilettes accessibles', { exact: false })).toBeVisible();

	// The .ics downloads and parses, with the event's fields.
	const href = await member.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).getAttribute('href');
	const ics = await member.request.get(String(href));
	expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
	const vevent = new ICAL.Component(ICAL.parse(await ics.text()) as unknown[]).getFirstSubcomponent('vevent');
	const event = new ICAL.Event(vevent as ICAL.Component);
	expect(event.summary).toBe('Apéro marin chez Les Paniers');
	expect(event.location).toContain('Les Paniers de la Mer');
	expect(event.startDate.toJSDate().toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris' })).toBe(
		'18:30:00',
	);
	expect(event.uid).toMatch(/@elbasar\.example\.org$/);

	// In the agenda list, and on the host's directory page.
	await member.goto('/agenda');
	await expect(member.getByRole('link', { name: 'Apéro marin chez Les Paniers' })).toBeVisible();
	await member.getByRole('button', { name: 'Calendrier' }).click();
	await expect(member.getByRole('grid')).toBeVisible();
	await member.goto('/agenda');
	const hostLink = member
		.getByRole('listitem')
		.filter({ hasText: 'Apéro marin chez Les Paniers' })
		.getByRole('link', { name: 'Les Paniers de la Mer' });
	await hostLink.click();
	await expect(member.getByRole('heading', { level: 1, name: 'Les Paniers de la Mer' })).toBeVisible();
	await expect(member.getByRole('link', { name: 'Apéro marin chez Les Paniers' })).toBeVisible();
	await expect(member.getByText(/Prochain (apéro|événement) chez Les Paniers de la Mer :/)).toBeVisible();
});

/** An event of one place, written by the animator through the replication endpoint. */
async function smallEvent(request: APIRequestContext, key: string): Promise<void> {
	await api.event(request, key, { title: 'Petit-déjeuner à une place', capacity: 1 });
}

async function places(request: APIRequestContext, key: string) {
	const response = await request.get(`/api/events/${key}/places`, {
		headers: { authorization: basic(ANIMATOR) },
	});
	return (await response.json()) as {
		confirmed: number;
		waiting: number;
		mine: { name: string; standing: unknown }[];
	};
}

test.describe(() => {
	test.use({ storageState: savedDevice(MEMBER_A) });

	test('a member registers offline and it syncs; the next one waits, and moves up when a place frees', async ({
		browser,
		page,
		context,
	}) => {
		test.setTimeout(360_000);
		// The server's view, asked from outside the browser (which goes offline for a while).
		const server = (await browser.newContext()).request;
		await smallEvent(server, 'e2e-une-place');
		await resume(page, MEMBER_A);
		await page.goto('/agenda/e2e-une-place');
		await expect(page.getByRole('heading', { level: 1, name: 'Petit-déjeuner à une place' })).toBeVisible({
			timeout: SYNC_TIMEOUT,
		});

		await context.setOffline(true);
		await page.getByRole('button', { name: 'S’inscrire' }).click();
		await expect(
			page.getByText(/enregistrée sur cet appareil ; envoi à la prochaine connexion/),
		).toBeVisible();
		await page.reload();
		const mine = page.getByRole('list', { name: 'Inscriptions de ma structure' });
		// A reload offline on a loaded machine can take a while to read the device's tables.
		await expect(mine.getByTestId('standing')).toHaveText(/votre place sera confirmée à la synchronisation/, {
			timeout: 30_000,
		});
		expect((await places(server, 'e2e-une-place')).confirmed).toBe(0);

		await context.setOffline(false);
		await waitUpToDate(page);
		await expect
			.poll(async () => (await places(server, 'e2e-une-place')).confirmed, { timeout: SYNC_TIMEOUT })
			.toBe(1);
		await page.reload();
		await expect(mine.getByTestId('standing')).toHaveText('Inscrit·e', { timeout: SYNC_TIMEOUT });
		// One registration on the server, whatever retries happened: the id is per event and person.
		const stored = await server.get(
			`/db/elbasar/_all_docs?startkey=${encodeURIComponent('"registration:e2e-une-place~"')}&endkey=${encodeURIComponent('"registration:e2e-une-place~\ufff0"')}`,
			{ headers: { authorization: basic(ANIMATOR) } },
		);
		expect(((await stored.json()) as { rows: unknown[] }).rows).toHaveLength(1);

		// The event is full: a guest goes on the waiting list.
		const visitor = await deviceOf(browser);
		await visitor.goto('/agenda/e2e-une-place');
		await expect(visitor.getByTestId('places')).toContainText('Complet', { timeout: SYNC_TIMEOUT });
		await visitor.getByLabel('Nom et prénom').fill('Sacha Invité');
		await visitor.getByRole('textbox', { name: 'Structure (obligatoire)' }).fill('Collectif des Possibles');
		await visitor.getByRole('textbox', { name: 'E-mail (obligatoire)' }).fill('sacha@exemple.fr');
		await visitor.getByRole('button', { name: 'M’inscrire' }).click();
		await expect(visitor.getByTestId('guest-standing')).toHaveText(/en liste d’attente \(n° 1\)/);
		expect(await places(server, 'e2e-une-place')).toMatchObject({ confirmed: 1, waiting: 1 });

		// The member cancels: the guest moves up at once.
		await page.getByRole('button', { name: /^Annuler l’inscription de / }).click();
		await expect(page.getByText(/annulée\./)).toBeVisible();
		await expect
			.poll(async () => (await places(server, 'e2e-une-place')).waiting, { timeout: SYNC_TIMEOUT })
			.toBe(0);
		const after = await places(server, 'e2e-une-place');
		expect(after.confirmed).toBe(1);
		expect(after.mine.find((r) => r.name === 'Sacha Invité')?.standing).toEqual({ status: 'confirmed' });

		// At the door, the registered guest comes first in the name search, and the counts follow.
		const door = await deviceOf(browser, ANIMATOR);
		await door.goto('/agenda/e2e-une-place/accueil');
		await expect(door.getByTestId('registered-count')).toHaveText('1 inscrit', { timeout: SYNC_TIMEOUT });
		await expect(door.getByTestId('door-counts')).toHaveText('0 pointé : 0 inscrit, 0 sans inscription');
		await door.getByLabel('Rechercher une personne').fill('sach');
		const search = door.getByRole('region', { name: 'Sans carte : rechercher un nom' });
		const results = search.getByRole('button', { name: /^Pointer / });
		await expect(results.first()).toHaveText(/Pointer Sacha Invité \(Collectif des Possibles\)\s*inscrit·e/);
		await results.first().click();
		// The guest registered without an account counts as registered, not as a walk-in.
		await expect(door.getByTestId('door-counts')).toHaveText('1 pointé : 1 inscrit, 0 sans inscription');
	});
});

test('the agenda sorts by distance from the device’s position, and shows a month calendar usable by keyboard', async ({
	browser,
	request,
}) => {
	test.setTimeout(240_000);
	// Near Boulogne-sur-Mer: events of the coast come first. One on the coast and one inland, of
	// this test's own, so that the order says something whatever the demo's events are.
	const stamp = Date.now();
	await api.event(request, `e2e-cote-${stamp}`, { title: `Marché de la côte ${stamp}`, commune: '62160' });
	await api.event(request, `e2e-terres-${stamp}`, { title: `Marché des terres ${stamp}`, commune: '59350' });
	const page = await deviceOf(browser, undefined, {
		geolocation: { latitude: 50.7264, longitude: 1.6147 },
		permissions: ['geolocation'],
	});
	await page.goto('/agenda');
	const cards = page.getByRole('list', { name: 'Événements à venir' }).getByRole('listitem');
	await expect(cards.first()).toBeVisible({ timeout: SYNC_TIMEOUT });
	await page.getByLabel('Près de moi').check();
	await page.getByRole('button', { name: 'Utiliser ma position' }).click();
	await expect(page.getByText('Agenda trié depuis votre position (vers Boulogne-sur-Mer).')).toBeVisible();
	const km = async () =>
		(await cards.allTextContents()).map((t) =>
			/moins d’1 km/.test(t) ? 0 : Number(t.match(/à (\d+) km/)?.[1] ?? Number.NaN),
		);
	await expect.poll(async () => (await km()).every((n) => !Number.isNaN(n))).toBe(true);
	const distances = await km();
	expect(distances).toEqual([...distances].sort((a, b) => a - b));
	// The coast first: Boulogne's events before anything farther, the inland one (Lille) well after.
	await expect(cards.first()).toContainText('Boulogne-sur-Mer (62)');
	const titles = await cards.allTextContents();
	const coast = titles.findIndex((t) => t.includes(`Marché de la côte ${stamp}`));
	const inland = titles.findIndex((t) => t.includes(`Marché des terres ${stamp}`));
	expect(coast).toBeGreaterThanOrEqual(0);
	expect(inland).toBeGreaterThan(coast);
	expect(distances[coast]).toBeLessThan(5);
	expect(distances[inland]).toBeGreaterThan(80);
	for (const d of distances.slice(0, coast + 1)) expect(d).toBeLessThan(5);

	// From a chosen commune instead.
	await page.getByRole('combobox', { name: 'ou depuis la commune' }).fill('Arras');
	await page.getByRole('option', { name: /^Arras \(/ }).click();
	await expect(page.getByText(/Événements les plus proches de Arras/)).toBeVisible();
	await expect(cards.first()).toContainText('(62)');

	// Refused position: a French message, and the commune remains the way.
	const refused = await (await browser.newContext({ permissions: [] })).newPage();
	await refused.goto('/agenda');
	await refused.getByLabel('Près de moi').check();
	await refused.getByRole('button', { name: 'Utiliser ma position' }).click();
	await expect(
		refused.getByText(/refusé l’accès à votre position : choisissez plutôt une commune/),
	).toBeVisible();

	// The calendar: arrow keys move from day to day, the month turns at its end.
	await page.getByRole('button', { name: 'Calendrier' }).click();
	const grid = page.getByRole('grid');
	await expect(grid.getByRole('columnheader', { name: 'Lundi' })).toBeVisible();
	const today = grid.locator('td[tabindex="0"]');
	await today.focus();
	const day = await today.getAttribute('data-date');
	await page.keyboard.press('ArrowRight');
	const tomorrow = new Date(`${day}T12:00:00Z`);
	tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
	await expect(grid.locator(`td[data-date="${tomorrow.toISOString().slice(0, 10)}"]`)).toBeFocused();
	const title = page.getByRole('heading', { level: 3 }).filter({ hasText: / \d{4}/ });
	const before = await title.textContent();
	// A week at a time, until the focus leaves the month (at most six weeks).
	for (let i = 0; i < 6 && (await title.textContent()) === before; i++) {
		await page.keyboard.press('ArrowDown');
		await expect(grid.locator('td:focus')).toHaveCount(1);
	}
	await expect(title).not.toHaveText(String(before));
	await expect(grid.locator('td:focus')).toHaveCount(1);
	await page.getByRole('button', { name: 'Mois précédent' }).click();
	await expect(title).toHaveText(String(before));
	const apero = grid.getByRole('link', { name: /découvrez La Pioche/ });
	if (!(await apero.isVisible())) await page.getByRole('button', { name: 'Mois suivant' }).click();
	await expect(apero).toBeVisible();
	// On a phone, the grid becomes the list of days with events.
	await page.setViewportSize({ width: 360, height: 740 });
	await expect(grid.getByRole('columnheader', { name: 'Lundi' })).toBeHidden();
	await expect(apero).toBeVisible();
});
