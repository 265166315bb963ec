// A round seen from both sides of the room: a member's phone shows « votre table » while the round
// runs on the animator's tablet, and the end of the round beeps and vibrates on the tablet (the Web
// Audio API and navigator.vibrate are recorded, still working). The event is the test's own.
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { MEMBER_B, SYNC_TIMEOUT, signIn, waitUpToDate } from './helpers';
import { ANIMATOR, basic, idsStartingWith, removeAsAnimator, writeAsAnimator } from './staff-docs';

const MINUTE = 60_000;
const stamp = Date.now().toString(36);
const key = `zz-essai-sonnerie-${stamp}`;
const TITLE = `Speed-dating d’essai de la sonnerie ${stamp}`;
const PHONE_STRUCTURE = 'Les Paniers de la Mer';

/** What the page asked of the speakers and the vibrator, kept on `window` by the init script. */
interface Heard {
	beeps: { frequency: number; at: number }[];
	vibrations: unknown[];
}

/** Wraps the real APIs: the page still plays and vibrates, and the test reads what it asked. */
function recordAlarm(): void {
	const heard: Heard = { beeps: [], vibrations: [] };
	(window as unknown as { heard: Heard }).heard = heard;
	const createOscillator = AudioContext.prototype.createOscillator;
	AudioContext.prototype.createOscillator = function (this: AudioContext) {
		const oscillator = createOscillator.call(this);
		const start = oscillator.start;
		oscillator.start = function (this: OscillatorNode, when?: number) {
			heard.beeps.push({ frequency: this.frequency.value, at: when ?? 0 });
			return start.call(this, when);
		};
		return oscillator;
	};
	const vibrate = Navigator.prototype.vibrate;
	Navigator.prototype.vibrate = function (this: Navigator, pattern: VibratePattern | Iterable<number>) {
		heard.vibrations.push(pattern);
		return vibrate ? (Reflect.apply(vibrate, this, [pattern]) as boolean) : true;
	};
}

const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard }).heard);

/** Four structures of the demo, the phone's among them (not La Pioche: its meetings are counted elsewhere). */
async function seated(request: APIRequestContext): Promise<{ id: string; name: string }[]> {
	const range = `startkey=${encodeURIComponent('"structure:"')}&endkey=${encodeURIComponent('"structure:\ufff0"')}`;
	const response = await request.get(`/db/elbasar/_all_docs?${range}&include_docs=true`, {
		headers: { authorization: basic(ANIMATOR) },
	});
	expect(response.ok()).toBe(true);
	const all = ((await response.json()) as { rows: { doc: { _id: string; name: string } }[] }).rows.map(
		(r) => ({ id: r.doc._id, name: r.doc.name }),
	);
	const phone = all.find((s) => s.name === PHONE_STRUCTURE);
	expect(phone).toBeDefined();
	const others = all.filter((s) => s.name !== PHONE_STRUCTURE && s.name !== 'La Pioche').slice(-3);
	return [phone as { id: string; name: string }, ...others];
}

/** A speed-dating of the network running now (staff only: no agenda shows it), four structures checked in. */
async function writeEvent(request: APIRequestContext): Promise<void> {
	const now = Date.now();
	const iso = (minutes: number) => new Date(now + minutes * MINUTE).toISOString();
	await writeAsAnimator(request, [
		{
			_id: `event:${key}`,
			type: 'event',
			schema: 1,
			owner: 'network',
			audience: 'staff',
			createdAt: iso(-60),
			updatedAt: iso(-60),
			kind: 'speed-dating',
			title: TITLE,
			description: '',
			start: iso(-10),
			end: iso(170),
			address: '1 place du Théâtre',
			commune: '62041',
		} as { _id: string },
	]);
	const structures = await seated(request);
	await writeAsAnimator(
		request,
		structures.map((s, i) => ({
			_id: `checkin:${key}~${key}-${i}`,
			type: 'checkin',
			schema: 1,
			owner: 'network',
			audience: 'staff',
			createdAt: iso(-5 + i),
			updatedAt: iso(-5 + i),
			event: `event:${key}`,
			person: `person:${key}-${i}`,
			structure: s.id,
			name: `Personne ${i + 1} de ${s.name}`,
			method: 'search',
			at: iso(-5 + i),
			devices: ['essai-accueil'],
		})),
	);
}

/** The animator's tablet on the runner of the event; `opened` gets the page at once, to close it whatever happens. */
async function openTablet(browser: Browser, opened: Page[]): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1024, height: 1366 } });
	await context.addInitScript(recordAlarm);
	const tablet = await context.newPage();
	opened.push(tablet);
	await signIn(tablet, ANIMATOR);
	// Playwright's clock: the round's seven minutes pass in a jump.
	await tablet.clock.install();
	await tablet.goto(`/animation/speed-dating/${key}`);
	await waitUpToDate(tablet);
	await expect(tablet.getByText('4 personnes pointées à l’accueil.')).toBeVisible({ timeout: SYNC_TIMEOUT });
	return tablet;
}

test('during a round the member’s phone shows its table, and the end of the round beeps and vibrates on the tablet', async ({
	browser,
	request,
}) => {
	test.setTimeout(360_000);
	const pages: Page[] = [];
	try {
		await writeEvent(request);
		const tablet = await openTablet(browser, pages);
		await tablet.getByRole('button', { name: 'Préparer la session' }).click();
		await expect(tablet.getByText('Prête à commencer : 3 tours de 7 minutes.')).toBeVisible();
		await tablet.getByRole('button', { name: /^Lancer le tour 1/ }).click();
		await expect(tablet.getByRole('heading', { name: 'Tour 1 sur 3' })).toBeVisible();
		const tables = tablet.getByRole('list', { name: 'Tables du tour 1' }).getByRole('listitem');
		await expect(tables).toHaveCount(2);
		const mine = (await tables.filter({ hasText: PHONE_STRUCTURE }).textContent()) ?? '';
		const [, number, pair] = /^Table (\d+) : (.+)$/.exec(mine.trim()) ?? [];
		const mate = pair
			.split(' ↔ ')
			.map((side) => side.trim())
			.find((side) => side !== PHONE_STRUCTURE);
		expect(mate).toBeTruthy();
		expect((await heard(tablet)).beeps).toEqual([]);

		// The phone of Les Paniers de la Mer, with the session replicated from the tablet through the server.
		const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
		const phone = await phoneContext.newPage();
		pages.push(phone);
		await signIn(phone, MEMBER_B);
		await phone.goto(`/speed-dating/${key}`);
		await expect(phone.getByText('Tour 1 en cours')).toBeVisible({ timeout: SYNC_TIMEOUT });
		await expect(phone.getByText(`Table ${number}`, { exact: true })).toBeVisible();
		await expect(phone.getByText(`avec ${mate}`, { exact: true })).toBeVisible();
		await expect(phone.getByRole('timer')).toHaveText(/^0[0-7]:\d\d$/);

		// Time is up on the tablet: three beeps on the speakers and a vibration.
		await tablet.clock.fastForward(7 * MINUTE + 1000);
		await expect(tablet.getByText('Tour 1 sur 3 terminé.')).toBeVisible();
		await expect.poll(async () => (await heard(tablet)).beeps.length).toBe(3);
		const { beeps, vibrations } = await heard(tablet);
		expect(beeps.map((b) => b.frequency)).toEqual([880, 880, 880]);
		expect(beeps[1].at).toBeGreaterThan(beeps[0].at);
		expect(vibrations).toEqual([[400, 150, 400, 150, 400]]);

		// The phone follows: the next round's table, no countdown until it starts.
		await expect(phone.getByText('Prochain tour : 2')).toBeVisible({ timeout: SYNC_TIMEOUT });
		await expect(phone.getByText(/^Table \d$/)).toBeVisible();
	} finally {
		for (const page of pages) await page.context().close();
		const mine = [`checkin:${key}~`, `meeting:${key}~`, `sdsession:${key}`];
		const ids = (await Promise.all(mine.map((prefix) => idsStartingWith(request, prefix)))).flat();
		await removeAsAnimator(request, [...ids, `event:${key}`]);
	}
});
