// The phone bench's device: the real app in Debian's Chromium on a persistent profile (a temporary
// directory, so a relaunch finds what the previous launch stored), and what can be read of it from
// outside: the CPU of its whole process tree (/proc), its IndexedDB on disk, the page's long tasks,
// and the app's own signs that it is up to date.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import type { Credentials } from './client';

/** A phone-sized window; the app's layout is the one a member's phone shows. */
const VIEWPORT = { width: 390, height: 844 };

/** Installed before any script of the page: every long task of the main thread, kept for the bench. */
function observeLongTasks(): void {
	const store = globalThis as unknown as { __benchLongTasks: number[] };
	store.__benchLongTasks = [];
	if (typeof PerformanceObserver === 'undefined') return;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) store.__benchLongTasks.push(entry.duration);
	}).observe({ type: 'longtask', buffered: true });
}

export interface Device {
	context: BrowserContext;
	page: Page;
}

export async function openDevice(profileDir: string): Promise<Device> {
	const context = await chromium.launchPersistentContext(profileDir, {
		...chromiumLaunchOptions,
		viewport: VIEWPORT,
	});
	await context.addInitScript(observeLongTasks);
	const page = context.pages()[0] ?? (await context.newPage());
	return { context, page };
}

/**
 * Signs the profile in as the app does (POST /api/session from a page of the app's origin, so the
 * browser sends its Origin and keeps the cookie), on a blank page served by Playwright: the app does
 * not start, so nothing is pulled as a visitor first.
 */
export async function signIn(page: Page, origin: string, credentials: Credentials): Promise<void> {
	const blank = `${origin}/bench-blank`;
	await page.route(blank, (route) =>
		route.fulfill({ body: '<!doctype html><title>bench</title>', contentType: 'text/html' }),
	);
	await page.goto(blank);
	const status = await page.evaluate(async ({ username, password }) => {
		const response = await fetch('/api/session', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ email: username, password }),
		});
		return response.status;
	}, credentials);
	await page.unroute(blank);
	await page.goto('about:blank');
	if (status !== 200) throw new Error(`sign-in as ${credentials.username}: POST /api/session → ${status}`);
}

/** What the page shows of its state: the sync indicator, the first-sync bar, the home page's count. */
export interface AppState {
	sync: string | null;
	firstSyncShown: boolean;
	/** N of « Toutes les annonces (N) », once the home page lists listings. */
	openListings: number | null;
	/** Listing cards on the home page. */
	cards: number;
}

export function appState(page: Page): Promise<AppState> {
	return page.evaluate(() => {
		const all = document.querySelector('section[aria-labelledby="latest"] a[href="/annonces"]');
		const digits = all?.textContent?.match(/\(([^)]*)\)/)?.[1].replace(/\D/g, '');
		return {
			sync: document.querySelector('.sync')?.getAttribute('data-state') ?? null,
			firstSyncShown: document.querySelector('.first-sync') !== null,
			openListings: digits ? Number(digits) : null,
			cards: document.querySelectorAll('section[aria-labelledby="latest"] .cards li').length,
		};
	});
}

/** Whether the device's replica holds this document (through the app's console handle). */
export function holds(page: Page, id: string): Promise<boolean> {
	return page.evaluate(async (docId) => {
		const handle = (globalThis as { elbasar?: { getDoc(id: string): Promise<unknown> } }).elbasar;
		return handle ? (await handle.getDoc(docId)) !== null : false;
	}, id);
}

/**
 * Polls `done` (every 250 ms) until it holds; throws after `timeoutMs`, saying what the page last
 * showed, so a run that never gets there fails loudly.
 */
export async function waitUntil(
	page: Page,
	label: string,
	timeoutMs: number,
	done: (state: AppState) => boolean | Promise<boolean>,
): Promise<void> {
	const until = performance.now() + timeoutMs;
	let state: AppState | null = null;
	while (performance.now() < until) {
		state = await appState(page).catch(() => null);
		if (state && (await done(state))) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`${label}: not reached within ${Math.round(timeoutMs / 1000)} s; the page last showed ${JSON.stringify(state)}`,
	);
}

export async function longTasks(page: Page): Promise<number[]> {
	return page.evaluate(
		() => (globalThis as unknown as { __benchLongTasks?: number[] }).__benchLongTasks ?? [],
	);
}

export async function storageEstimate(page: Page): Promise<number> {
	return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcStat {
	pid: number;
	ppid: number;
	name: string;
	/** utime + stime + cutime + cstime, in clock ticks: its own CPU and that of its ended children. */
	ticks: number;
}

function readStat(pid: number): ProcStat | null {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The name is in parentheses and may hold spaces: the fields start after the last ')'.
		const close = text.lastIndexOf(')');
		const name = text.slice(text.indexOf('(') + 1, close);
		const fields = text.slice(close + 2).split(' ');
		// fields[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
		const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
		return { pid, ppid: Number(fields[1]), name, ticks };
	} catch {
		return null;
	}
}

/**
 * CPU-seconds used so far by the Chromium processes this bench started (its descendants named
 * chromium…): the browser, its renderers, GPU and utility processes, and those already ended.
 */
export function chromiumCpuSeconds(): number {
	const stats = readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.map((entry) => readStat(Number(entry)))
		.filter((stat): stat is ProcStat => stat !== null);
	const children = new Map<number, ProcStat[]>();
	for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
	let ticks = 0;
	const walk = (pid: number) => {
		for (const child of children.get(pid) ?? []) {
			if (/chrom/i.test(child.name)) ticks += child.ticks;
			walk(child.pid);
		}
	};
	walk(process.pid);
	return ticks / TICKS_PER_SECOND;
}

/** Bytes of the profile's IndexedDB directory (`du -sb`, apparent size), 0 if absent. */
export function indexedDbBytes(profileDir: string): number {
	const dir = join(profileDir, 'Default', 'IndexedDB');
	if (!existsSync(dir)) return 0;
	return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}
