// Runs bench:search-engine inside headless Chromium (the browser the app runs in): bundles
// search-browser.ts with esbuild, serves it and the documents to a bare page through Playwright's
// routing (no server, no port, not the app), and reads back its figures and the heap the engine keeps.

import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { chromiumLaunchOptions } from '../chromium';
import type { BrowserFigures } from './search-browser';

const ORIGIN = 'http://bench.search.invalid';

export interface ChromiumFigures extends BrowserFigures {
	version: string;
	/** Memory the engine keeps (JS heap and array buffers), after garbage collection. */
	heapMb: number;
}

async function bundle(): Promise<string> {
	const out = await build({
		entryPoints: ['scripts/bench/search-browser.ts'],
		bundle: true,
		format: 'iife',
		platform: 'browser',
		target: 'es2022',
		write: false,
		minify: false,
	});
	return out.outputFiles[0].text;
}

export async function benchInChromium(docsJson: string, now: Date): Promise<ChromiumFigures> {
	const script = await bundle();
	const browser = await chromium.launch(chromiumLaunchOptions);
	try {
		const page = await browser.newPage();
		await page.route(`${ORIGIN}/**`, (route) => {
			const path = new URL(route.request().url()).pathname;
			if (path === '/docs.json') return route.fulfill({ body: docsJson, contentType: 'application/json' });
			if (path === '/bench.js') return route.fulfill({ body: script, contentType: 'text/javascript' });
			return route.fulfill({
				body: '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/bench.js"></script>',
				contentType: 'text/html',
			});
		});
		await page.goto(`${ORIGIN}/`);
		const cdp = await page.context().newCDPSession(page);
		// The V8 heap and the array buffers' backing stores (where the index's postings live).
		const heap = async () => {
			await cdp.send('HeapProfiler.collectGarbage');
			const usage = (await cdp.send('Runtime.getHeapUsage')) as {
				usedSize: number;
				backingStorageSize?: number;
			};
			return usage.usedSize + (usage.backingStorageSize ?? 0);
		};
		const before = await heap();
		const figures = await page.evaluate(
			(at) =>
				(globalThis as unknown as { runSearchBench(now: string): Promise<BrowserFigures> }).runSearchBench(
					at,
				),
			now.toISOString(),
		);
		const after = await heap();
		return { ...figures, version: browser.version(), heapMb: (after - before) / 1e6 };
	} finally {
		await browser.close();
	}
}
