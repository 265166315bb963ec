// Issue 14's acceptance for the screens: for each role, on a 390 px phone (mobile, touch) and a
// 1024 px tablet, every route settles, is no wider than the screen and has no serious or critical
// axe-core violation (every route on the phone, the shell on the tablet); the main pages' screenshots go to the report. On the phone the device then
// goes offline with a change waiting to be sent (the sync state is longest then) and every route
// is checked for width again. Routes are opened as links are followed, the app staying loaded.
// One test per role × viewport, routes as steps; soft assertions, and
// a findings attachment, so one run lists every failure.
import { type Browser, expect, type TestInfo, test } from '@playwright/test';
import { type Account, ANIMATOR, deviceOf, MEMBER_A, NON_MEMBER } from './helpers';
import { axe, type DemoIds, demoIds, type Finding, open, overflow, settle } from './screens-checks';

test.describe.configure({ mode: 'parallel' });

type Role = { name: string; account?: Account; signedIn: boolean; staff: boolean; ownsListing: boolean };

const ROLES: Role[] = [
	{ name: 'visitor', signedIn: false, staff: false, ownsListing: false },
	{ name: 'member', account: MEMBER_A, signedIn: true, staff: false, ownsListing: true },
	{ name: 'structure (not a member)', account: NON_MEMBER, signedIn: true, staff: false, ownsListing: false },
	{ name: 'animator', account: ANIMATOR, signedIn: true, staff: true, ownsListing: false },
];

const VIEWPORTS = [
	{ name: 'phone 390', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
	{ name: 'tablet 1024', options: { viewport: { width: 1024, height: 768 } } },
];

/** Every page of src/routes that `role` can open, dynamic ones filled with demo documents. */
function routesFor(role: Role, ids: DemoIds): string[] {
	const routes = [
		'/',
		'/annonces',
		`/annonces/${ids.listing}`,
		'/annuaire',
		`/annuaire/${ids.structure}`,
		'/annuaire/trombinoscope',
		'/agenda',
		`/agenda/${ids.event}`,
		'/agenda/proposer',
		'/recherche',
		'/recherche/enregistrees',
		'/speed-dating',
		`/speed-dating/${ids.speedDating}`,
		'/connexion',
		// What a visitor sees of an account's pages (the sign-in prompt) is a screen too.
		'/annonces/nouvelle',
		'/espace',
	];
	if (role.signedIn) {
		routes.push(
			'/espace/carte',
			'/espace/conversations',
			'/espace/favoris',
			'/espace/structure',
			`/conversations/${ids.conversation}`,
		);
	}
	if (role.ownsListing) routes.push(`/annonces/${ids.ownListing}/modifier`);
	if (role.staff) {
		routes.push(
			'/animation/agenda',
			'/animation/annuaire',
			'/animation/moderation',
			'/animation/presences',
			'/animation/speed-dating',
			`/animation/speed-dating/${ids.speedDating}`,
			`/agenda/${ids.speedDating}/accueil`,
		);
	}
	return routes;
}

/** The pages whose screenshots are kept in the report. */
const MAIN = new Set(['/', '/annonces', '/recherche', '/agenda', '/annuaire', '/espace', '/connexion']);

function report(findings: Finding[], label: string, testInfo: TestInfo) {
	for (const f of findings) {
		console.log(`FINDING [${label}] ${f.kind} ${f.route}: ${f.detail}`);
		expect.soft(f, `${f.kind} on ${f.route}: ${f.detail}`).toBeUndefined();
	}
	return testInfo.attach(`findings ${label}.json`, {
		body: JSON.stringify(findings, null, 2),
		contentType: 'application/json',
	});
}

async function scene(browser: Browser, role: Role, viewport: (typeof VIEWPORTS)[number], testInfo: TestInfo) {
	const started = Date.now();
	const page = await deviceOf(browser, role.account, viewport.options);
	const ids = await demoIds(page.request);
	const routes = routesFor(role, ids);
	const label = `${role.name} · ${viewport.name}`;
	const findings: Finding[] = [];
	try {
		for (const route of routes) {
			await test.step(route, async () => {
				findings.push(...(await open(page, route)));
				findings.push(...(await settle(page, route)));
				findings.push(...(await overflow(page, route)));
				// axe is the slow part: every route on the phone; on the tablet the shell only (its top
				// navigation instead of the tab bar), the pages being the same markup.
				if (viewport.options.isMobile || route === '/') findings.push(...(await axe(page, route)));
				if (MAIN.has(route)) {
					await testInfo.attach(`${label} ${route}`, {
						body: await page.screenshot(),
						contentType: 'image/png',
					});
				}
			});
		}
		if (viewport.options.isMobile) {
			await test.step('offline with a change waiting', async () => {
				await page.context().setOffline(true);
				await pendingChange(page, ids);
			});
			for (const [i, route] of routes.entries()) {
				await test.step(`offline ${route}`, async () => {
					// The first page is loaded offline from the service worker, the others opened from it.
					if (i === 0) await page.goto(route);
					else findings.push(...(await open(page, route)));
					await expect(page.locator('h1').first()).toBeVisible({ timeout: 15_000 });
					findings.push(...(await overflow(page, `${route} (offline)`)));
					if (route === '/' || route === '/annonces') {
						await testInfo.attach(`${label} offline ${route}`, {
							body: await page.screenshot(),
							contentType: 'image/png',
						});
					}
				});
			}
		}
	} finally {
		await page.context().close();
	}
	console.log(`SCENE [${label}] ${routes.length} routes in ${Math.round((Date.now() - started) / 1000)} s`);
	await report(findings, label, testInfo);
}

/**
 * A change that stays on the device while offline: a favourite listing for a structure's account;
 * the animator and the visitor have no favourites, they are only offline.
 */
async function pendingChange(page: import('@playwright/test').Page, ids: DemoIds) {
	await page.goto(`/annonces/${ids.listing}`);
	await expect(page.locator('h1').first()).toBeVisible({ timeout: 15_000 });
	const star = page.getByRole('button', { name: /favoris/ }).first();
	if (!(await star.isVisible())) return;
	await star.click();
	await expect(page.getByRole('status').filter({ hasText: /en attente/ })).toBeVisible();
}

for (const role of ROLES) {
	for (const viewport of VIEWPORTS) {
		test(`screens of the ${role.name} on a ${viewport.name}`, async ({ browser }, testInfo) => {
			test.setTimeout(900_000);
			await scene(browser, role, viewport, testInfo);
		});
	}
}
