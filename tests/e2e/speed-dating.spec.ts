// The speed-dating runner on the animator's tablet, offline: 12 structures checked in, 3 rounds, one
// leaving after round 1, a walk-in joining at round 2, a reload in the middle of round 2 that resumes
// at the same round and time left; back online, the meetings and answers are on the server.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ANIMATOR, deviceOf, MEMBER_A, resume, SYNC_TIMEOUT, savedDevice, waitUpToDate } from './helpers';

const MINUTE = 60_000;

async function allDocs(request: APIRequestContext, prefix: string): Promise<{ id: string; doc: unknown }[]> {
	const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
	const response = await request.get(`/db/elbasar/_all_docs?${range}&include_docs=true`);
	expect(response.ok()).toBe(true);
	return ((await response.json()) as { rows: { id: string; doc: unknown }[] }).rows;
}

/** Seconds shown by the countdown ("04:00" → 240). */
async function secondsLeft(page: Page): Promise<number> {
	const text = (await page.getByTestId('countdown').textContent()) ?? '';
	const [m, s] = text.split(':').map(Number);
	return m * 60 + s;
}

const tablesOf = (page: Page, label: string) => page.getByRole('list', { name: label }).getByRole('listitem');

/**
 * Stops the tablet's wall clock where it is (its timers go on, so the app keeps working): what
 * follows happens at one instant of the countdown. Returns that instant, for `thaw`.
 */
async function freeze(page: Page): Promise<number> {
	const now = await page.evaluate(() => Date.now());
	await page.clock.setFixedTime(now);
	// One tick of the countdown, so that it shows the stopped time.
	await page.clock.runFor(1000);
	return now;
}

/** The wall clock flows again from where it stopped. */
async function thaw(page: Page, at: number): Promise<void> {
	await page.clock.setSystemTime(at);
}

test.use({ storageState: savedDevice(ANIMATOR) });

test('an offline tablet runs 3 rounds with a leaver, a walk-in and a reload; the server gets the meetings', async ({
	page,
	context,
	browser,
}) => {
	test.setTimeout(360_000);
	await resume(page, ANIMATOR);
	const [event] = await allDocs(context.request, 'event:speed-dating-');
	const eventKey = event.id.slice('event:'.length);

	// The tablet's clock is Playwright's: rounds of 7 minutes pass in a jump, not in real minutes.
	await page.clock.install();
	await page.goto(`/agenda/${eventKey}`);
	await page.getByRole('link', { name: 'Animer le speed-dating' }).click({ timeout: SYNC_TIMEOUT });
	await expect(page).toHaveURL(new RegExp(`/animation/speed-dating/${eventKey}$`));
	await waitUpToDate(page);
	await expect(page.getByText('12 personnes pointées à l’accueil.')).toBeVisible({ timeout: SYNC_TIMEOUT });
	await context.setOffline(true);

	await page.getByRole('button', { name: 'Préparer la session' }).click();
	await expect(page.getByText('Prête à commencer : 3 tours de 7 minutes.')).toBeVisible();
	await expect(tablesOf(page, 'Tables prévues au tour 1')).toHaveCount(6);
	await expect(page.getByRole('heading', { name: 'Participants au tour 1 (12)' })).toBeVisible();

	// Round 1, started with the clock stopped: the whole 7 minutes are left.
	const started = await freeze(page);
	await page.getByRole('button', { name: /^Lancer le tour 1/ }).click();
	await expect(page.getByRole('heading', { name: 'Tour 1 sur 3' })).toBeVisible();
	await expect(tablesOf(page, 'Tables du tour 1')).toHaveCount(6);
	expect(await secondsLeft(page)).toBe(7 * 60);
	await thaw(page, started);
	await expect(tablesOf(page, 'Tables du tour 1').first()).toHaveText(/^Table 1 : .+ ↔ .+$/);
	await page.clock.fastForward(7 * MINUTE + 1000);
	await expect(page.getByText('Tour 1 sur 3 terminé.')).toBeVisible();

	// Both sides of table 1 want a follow-up; at table 2, one does and the other does not.
	const table = (n: number) => page.getByRole('group', { name: new RegExp(`\\(table ${n}\\)$`) });
	for (const side of await table(1).all())
		await side.getByRole('button', { name: 'Suite souhaitée' }).click();
	await expect(
		page.getByText('Suite souhaitée des deux côtés : ajoutée aux mises en relation.'),
	).toBeVisible();
	await table(2).first().getByRole('button', { name: 'Suite souhaitée' }).click();
	await table(2).last().getByRole('button', { name: 'Non' }).click();
	await expect(table(2).last().getByRole('button', { name: 'Non' })).toHaveAttribute('aria-pressed', 'true');

	// One leaves after round 1, a walk-in arrives for round 2.
	const leaving = page.getByRole('button', { name: /^Départ de / }).nth(4);
	const leaver = ((await leaving.getAttribute('aria-label')) ?? '').replace('Départ de ', '');
	await leaving.click();
	await expect(page.getByRole('heading', { name: 'Participants au tour 2 (11)' })).toBeVisible();
	await page.getByLabel('Nouvel arrivant : structure ou nom').fill('Paul Durand');
	await page.getByRole('button', { name: 'Ajouter l’arrivant' }).click();
	await expect(page.getByRole('heading', { name: 'Participants au tour 2 (12)' })).toBeVisible();
	const planned = tablesOf(page, 'Tables prévues au tour 2');
	await expect(planned).toHaveCount(6);
	await expect(planned.filter({ hasText: 'Paul Durand' })).toHaveCount(1);
	await expect(planned.filter({ hasText: leaver })).toHaveCount(0);

	// Round 2, a reload in the middle: same round, same time left.
	await page.getByRole('button', { name: /^Tour suivant/ }).click();
	await expect(page.getByRole('heading', { name: 'Tour 2 sur 3' })).toBeVisible();
	await page.clock.fastForward(3 * MINUTE);
	await expect.poll(() => secondsLeft(page)).toBeLessThanOrEqual(4 * 60);
	// The clock stopped across the reload: the time left after it is exactly the time left before.
	const stopped = await freeze(page);
	const before = await secondsLeft(page);
	const tablesBefore = await tablesOf(page, 'Tables du tour 2').allTextContents();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Tour 2 sur 3' })).toBeVisible({ timeout: 30_000 });
	await expect.poll(() => secondsLeft(page)).toBe(before);
	expect(await tablesOf(page, 'Tables du tour 2').allTextContents()).toEqual(tablesBefore);
	await thaw(page, stopped);
	await page.clock.fastForward(4 * MINUTE + 1000);
	await expect(page.getByText('Tour 2 sur 3 terminé.')).toBeVisible();

	// Round 3, then the session ends.
	await page.getByRole('button', { name: /^Tour suivant/ }).click();
	await expect(page.getByRole('heading', { name: 'Tour 3 sur 3' })).toBeVisible();
	await expect(tablesOf(page, 'Tables du tour 3').filter({ hasText: leaver })).toHaveCount(0);
	await page.clock.fastForward(7 * MINUTE + 1000);
	await expect(page.getByText('Tour 3 sur 3 terminé.')).toBeVisible();
	await page.getByRole('button', { name: 'Terminer la session' }).click();
	await expect(page.getByText('Session terminée : 3 tours.')).toBeVisible();

	// Back online: 18 meetings (6 tables × 3 rounds) and the 4 answers reach the server.
	await context.setOffline(false);
	await expect
		.poll(async () => (await allDocs(context.request, `meeting:${eventKey}~`)).length, {
			timeout: SYNC_TIMEOUT,
		})
		.toBe(18);
	await expect
		.poll(async () => (await allDocs(context.request, `followup:${eventKey}~`)).length, {
			timeout: SYNC_TIMEOUT,
		})
		.toBe(4);
	const answers = (await allDocs(context.request, `followup:${eventKey}~`)).map(
		(r) => (r.doc as { answer: string }).answer,
	);
	expect(answers.sort()).toEqual(['no', 'wanted', 'wanted', 'wanted']);
	const meetings = (await allDocs(context.request, `meeting:${eventKey}~`)).map(
		(r) => r.doc as { round: number; sides: { name: string }[] },
	);
	expect(meetings.filter((m) => m.round === 2 && m.sides.some((s) => s.name === 'Paul Durand'))).toHaveLength(
		1,
	);
	expect(meetings.filter((m) => m.round > 1 && m.sides.some((s) => s.name === leaver))).toHaveLength(0);
	const [stored] = await allDocs(context.request, `sdsession:${eventKey}`);
	expect((stored.doc as { rounds: { endedAt?: string }[] }).rounds.every((r) => r.endedAt)).toBe(true);

	// The animator's matchmaking queue lists the pair that both want to follow up.
	await page.goto('/animation/speed-dating');
	await expect(page.getByRole('heading', { name: 'Mises en relation à faire (1)' })).toBeVisible({
		timeout: SYNC_TIMEOUT,
	});

	// La Pioche (seated at every round) answers later from its phone and sees whom it met.
	const member = await deviceOf(browser, MEMBER_A, { viewport: { width: 390, height: 844 } });
	const phone = member.context();
	await member.goto(`/speed-dating/${eventKey}`);
	await expect(member.getByText('Le speed-dating est terminé. Merci !')).toBeVisible({
		timeout: SYNC_TIMEOUT,
	});
	await member.goto('/speed-dating');
	const mine = member.getByRole('group', { name: /^Votre réponse pour / });
	await expect(mine).toHaveCount(3, { timeout: SYNC_TIMEOUT });
	// Latest first: a meeting of round 3, which nobody answered on the tablet.
	await mine.first().getByRole('button', { name: 'Peut-être' }).click();
	await expect(mine.first().getByRole('button', { name: 'Peut-être' })).toHaveAttribute(
		'aria-pressed',
		'true',
	);
	await expect
		.poll(async () => (await allDocs(context.request, `followup:${eventKey}~`)).length, {
			timeout: SYNC_TIMEOUT,
		})
		.toBe(5);
	await member.goto('/annuaire/la-pioche');
	const met = member.getByRole('region', { name: 'Rencontres du réseau' }).getByRole('listitem');
	await expect(met).toHaveCount(3);
	await expect(met.first()).toHaveText(/^A rencontré .+ au speed-dating du \d{1,2} \S+ \d{4}$/);
	await phone.close();
});
