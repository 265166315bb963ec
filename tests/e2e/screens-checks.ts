// The checks tests/e2e/screens.spec.ts runs on every route (issue 14's acceptance): the page has
// settled, nothing is wider than the screen, and axe-core finds no serious or critical violation.
// Each check answers with readable findings instead of failing, so one run lists them all.
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { ANIMATOR, api, basic, MEMBER_A } from './helpers';

export type Finding = { kind: 'overflow' | 'axe' | 'settle'; route: string; detail: string };

/**
 * Opens `route` as a tap on a link does: the app stays loaded (no new start of the device's data
 * and sync), as a person moves through it, which keeps a scene of 28 routes quick. Says so when
 * the app never reached the route.
 */
export async function open(page: Page, route: string): Promise<Finding[]> {
	const path = new URL(route, page.url()).pathname;
	await page.evaluate((href) => {
		const link = document.createElement('a');
		link.href = href;
		document.body.append(link);
		link.click();
		link.remove();
	}, route);
	try {
		await page.waitForURL((url) => url.pathname === path, { timeout: 15_000 });
	} catch {
		return [{ kind: 'settle', route, detail: `the app stayed on ${new URL(page.url()).pathname}` }];
	}
	// SvelteKit updates the address with the new page: one frame lets it paint.
	await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
	return [];
}

/** Waits for the page's h1 and for its « Chargement… » texts to go; says what never came. */
export async function settle(page: Page, route: string): Promise<Finding[]> {
	const findings: Finding[] = [];
	try {
		await expect(page.locator('h1').first()).toBeVisible({ timeout: 15_000 });
	} catch {
		findings.push({ kind: 'settle', route, detail: 'no visible h1 after 15 s' });
	}
	try {
		await expect(page.getByText(/^\s*Chargement/)).toHaveCount(0, { timeout: 10_000 });
	} catch {
		findings.push({ kind: 'settle', route, detail: '« Chargement… » still shown after 10 s' });
	}
	return findings;
}

/**
 * `scrollWidth ≤ innerWidth`, and `innerWidth` is the device's width: a mobile browser widens its
 * layout viewport (zooms out) to hold a page wider than the screen, so on a phone innerWidth grows
 * with the overflow and the first comparison alone would always pass. When it fails, names the
 * elements where the overflow starts (wider than the screen while their parent is not), widest first.
 */
export async function overflow(page: Page, route: string): Promise<Finding[]> {
	const device = page.viewportSize()?.width ?? 0;
	const result = await page.evaluate((device) => {
		const screen = window.innerWidth;
		const scroll = document.documentElement.scrollWidth;
		if (scroll <= screen && screen <= device) return null;
		const nameOf = (el: Element) => {
			const id = el.id ? `#${el.id}` : '';
			const classes = [...el.classList]
				.filter((c) => !c.startsWith('svelte-'))
				.slice(0, 3)
				.map((c) => `.${c}`)
				.join('');
			const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			return `${el.tagName.toLowerCase()}${id}${classes}${text ? ` « ${text} »` : ''}`;
		};
		const right = (el: Element) => el.getBoundingClientRect().right + window.scrollX;
		const culprits = [...document.body.querySelectorAll('*')]
			.filter((el) => right(el) > device + 0.5)
			.filter((el) => !el.parentElement || right(el.parentElement) <= device + 0.5)
			.sort((a, b) => right(b) - right(a))
			.slice(0, 3)
			.map((el) => `${nameOf(el)} → ${Math.round(right(el))} px`);
		return { scroll, screen, culprits };
	}, device);
	if (!result) return [];
	return [
		{
			kind: 'overflow',
			route,
			detail: `${result.scroll} px of content, innerWidth ${result.screen} px, on a ${device} px screen; widest: ${result.culprits.join(' | ') || '(none found)'}`,
		},
	];
}

/** axe-core's serious and critical violations, one finding per rule with its first targets. */
export async function axe(page: Page, route: string): Promise<Finding[]> {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			kind: 'axe' as const,
			route,
			detail: `${v.id} (${v.impact}): ${v.help} — ${v.nodes
				.slice(0, 3)
				.map((n) => n.target.join(' '))
				.join(', ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`,
		}));
}

export type DemoIds = {
	listing: string;
	ownListing: string;
	structure: string;
	event: string;
	speedDating: string;
	conversation: string;
};

let cached: DemoIds | undefined;

/** Keys of real demo documents for the dynamic routes, read through the API once per worker. */
export async function demoIds(request: APIRequestContext): Promise<DemoIds> {
	if (cached) return cached;
	const own = await api.structureOf(request, MEMBER_A);
	const rows = async (prefix: string, account = ANIMATOR, docs = false) => {
		const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
		const response = await request.get(`/db/elbasar/_all_docs?${range}${docs ? '&include_docs=true' : ''}`, {
			headers: { authorization: basic(account) },
		});
		expect(response.ok()).toBe(true);
		return ((await response.json()) as { rows: { id: string; doc?: Record<string, unknown> }[] }).rows;
	};
	const key = (id = '') => id.slice(id.indexOf(':') + 1);
	const listings = (await rows('listing:', ANIMATOR, true)).filter((r) => r.doc?.status === 'open');
	const events = await rows('event:');
	const conversations = await rows('conversation:', MEMBER_A);
	cached = {
		listing: key(listings.find((r) => r.doc?.owner !== own)?.id),
		ownListing: key(listings.find((r) => r.doc?.owner === own)?.id),
		structure: key(own),
		event: key(events.find((r) => !r.id.startsWith('event:speed-dating-'))?.id),
		speedDating: key(events.find((r) => r.id.startsWith('event:speed-dating-'))?.id),
		conversation: key(conversations[0]?.id) || 'inconnue',
	};
	return cached;
}
