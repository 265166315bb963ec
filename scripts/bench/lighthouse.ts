// Lighthouse mobile runs of the app's pages (simulated mid-range phone, default throttling,
// performance only) in Debian's Chromium, with the flags of the browser tests. `lighthouseRuns` is
// shared by the benchmarks; run as a script (npm run bench:first-load) it starts the real server on
// the built app with the demo data and prints the first-load table.
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumLaunchOptions } from '../chromium';

export interface LighthouseRow {
	path: string;
	performance: number;
	tbtMs: number;
	lcpMs: number;
	fcpMs: number;
	runs: number;
}

/** What one run gives beside the scores: the scripts the page loaded, with their transfer sizes. */
interface Run {
	performance: number;
	tbtMs: number;
	lcpMs: number;
	fcpMs: number;
	scripts: string[];
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function runOnce(port: number, url: string): Promise<Run> {
	const result = await lighthouse(url, {
		port,
		output: 'json',
		logLevel: 'error',
		onlyCategories: ['performance'],
		formFactor: 'mobile',
		// Lighthouse's defaults, spelled out: a mid-range phone, simulated 4G and 4× CPU slowdown.
		screenEmulation: { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false },
		throttlingMethod: 'simulate',
	});
	if (!result) throw new Error(`Lighthouse n’a rien rendu pour ${url}`);
	const { audits, categories } = result.lhr;
	const numeric = (id: string) => Math.round(audits[id]?.numericValue ?? Number.NaN);
	const requests = (
		audits['network-requests']?.details as { items?: { url: string; resourceType?: string }[] }
	)?.items;
	return {
		performance: Math.round((categories.performance?.score ?? 0) * 100),
		tbtMs: numeric('total-blocking-time'),
		lcpMs: numeric('largest-contentful-paint'),
		fcpMs: numeric('first-contentful-paint'),
		scripts: (requests ?? []).filter((r) => r.resourceType === 'Script').map((r) => r.url),
	};
}

/** Each page `runs` times in a fresh headless Chromium each (no cache, no service worker): medians. */
export async function lighthouseRuns(baseUrl: string, paths: string[], runs = 3): Promise<LighthouseRow[]> {
	return (await lighthouseDetails(baseUrl, paths, runs)).map(({ row }) => row);
}

async function lighthouseDetails(
	baseUrl: string,
	paths: string[],
	runs: number,
): Promise<{ row: LighthouseRow; scripts: string[] }[]> {
	const rows: { row: LighthouseRow; scripts: string[] }[] = [];
	for (const path of paths) {
		const done: Run[] = [];
		for (let i = 0; i < runs; i++) {
			const chrome = await chromeLauncher.launch({
				chromePath: chromiumLaunchOptions.executablePath,
				chromeFlags: chromiumLaunchOptions.args,
			});
			try {
				done.push(await runOnce(chrome.port, new URL(path, baseUrl).href));
			} finally {
				chrome.kill();
			}
		}
		rows.push({
			row: {
				path,
				performance: median(done.map((r) => r.performance)),
				tbtMs: median(done.map((r) => r.tbtMs)),
				lcpMs: median(done.map((r) => r.lcpMs)),
				fcpMs: median(done.map((r) => r.fcpMs)),
				runs,
			},
			scripts: done[0]?.scripts ?? [],
		});
	}
	return rows;
}

/** The gzip size of the scripts a page loaded (same origin), measured on the bytes the server sends. */
async function scriptsGzipBytes(baseUrl: string, urls: string[]): Promise<number> {
	const origin = new URL(baseUrl).origin;
	let total = 0;
	for (const url of new Set(urls)) {
		if (new URL(url).origin !== origin) continue;
		const body = new Uint8Array(await (await fetch(url)).arrayBuffer());
		total += gzipSync(body, { level: 9 }).length;
	}
	return total;
}

/** The browser tests' server script: the real server on build/, a fresh data directory with the demo data. */
async function startDemoServer(port: number): Promise<{ url: string; stop(): Promise<void> }> {
	const child: ChildProcess = spawn(process.execPath, ['scripts/e2e-server.mjs'], {
		env: { ...process.env, E2E_PORT: String(port) },
		stdio: 'inherit',
	});
	const url = `http://127.0.0.1:${port}`;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error('le serveur s’est arrêté au démarrage');
		const ok = await fetch(`${url}/api/health`).then(
			(r) => r.ok,
			() => false,
		);
		if (ok) break;
		if (Date.now() > deadline) throw new Error('le serveur ne répond pas après 120 s');
		await new Promise((r) => setTimeout(r, 500));
	}
	return {
		url,
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
		},
	};
}

async function main(): Promise<void> {
	const port = Number(process.env.BENCH_PORT ?? 4399);
	const runs = Number(process.env.RUNS ?? 3);
	const server = await startDemoServer(port);
	try {
		const loadBefore = loadavg()[0];
		const details = await lighthouseDetails(server.url, ['/', '/annonces'], runs);
		const loadAfter = loadavg()[0];
		const header = ['page', 'perf', 'TBT ms', 'LCP ms', 'FCP ms', 'JS kB gz', 'runs'];
		const lines: string[][] = [];
		for (const { row, scripts } of details) {
			const js = await scriptsGzipBytes(server.url, scripts);
			lines.push([
				row.path,
				String(row.performance),
				String(row.tbtMs),
				String(row.lcpMs),
				String(row.fcpMs),
				(js / 1e3).toFixed(1),
				String(row.runs),
			]);
		}
		const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
		const format = (cells: string[]) =>
			cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
		console.log(
			'Lighthouse 12, mobile (simulated), performance, median of',
			runs,
			'— JS kB gz: scripts the page loaded (first run)',
		);
		console.log([format(header), ...lines.map(format)].join('\n'));
		console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
	} finally {
		await server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
