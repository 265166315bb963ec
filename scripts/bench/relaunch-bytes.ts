// Throwaway measure (issue 13): bytes up and down of an app relaunch with nothing changed, in Debian's
// Chromium against the real server at demo scale, through a counting TCP proxy; then the same after
// a server restart. Usage: node --import tsx scripts/bench/relaunch-bytes.ts [visitor|member]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

const PORT = Number(process.env.E2E_PORT ?? 4331);
const PROXY = PORT + 1;
const who = process.argv[2] ?? 'visitor';
const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-relaunch-'));
const profile = mkdtempSync(join(tmpdir(), 'elbasar-profile-'));

let up = 0;
let down = 0;
interface Line {
	what: string;
	up: number;
	down: number;
}
const lines: Line[] = [];
createServer((client) => {
	const server = connect({ port: PORT, host: '127.0.0.1' });
	// HTTP/1.1 without pipelining: a response belongs to the last request sent on its connection.
	let current: Line | null = null;
	client.on('data', (d: Buffer) => {
		up += d.length;
		const text = d.subarray(0, 300).toString('latin1');
		const m = /^(GET|POST|PUT|DELETE|HEAD) (\S+)/.exec(text);
		if (m || !current) {
			current = { what: m ? `${m[1]} ${m[2].slice(0, 100)}` : '?', up: 0, down: 0 };
			lines.push(current);
		}
		current.up += d.length;
		server.write(d as unknown as Uint8Array);
	});
	server.on('data', (d: Buffer) => {
		down += d.length;
		if (current) current.down += d.length;
		client.write(d as unknown as Uint8Array);
	});
	client.on('close', () => server.end());
	server.on('close', () => client.end());
	client.on('error', () => {});
	server.on('error', () => {});
}).listen(PROXY, '127.0.0.1');

function startServer(seed: boolean): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			SEED: seed ? 'demo' : 'none',
			JOBS: 'false',
			LOG_LEVEL: 'warn',
		},
		stdio: 'inherit',
	});
	return new Promise((resolve) => {
		const poll = async () => {
			try {
				if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return resolve(child);
			} catch {}
			setTimeout(poll, 300);
		};
		poll();
	});
}

async function stopServer(child: ChildProcess): Promise<void> {
	await new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

const upToDate = (page: Page) =>
	page
		.getByRole('status')
		.filter({ hasText: /^\s*À jour/ })
		.waitFor({ timeout: 600_000 });

async function quiet(ms: number): Promise<void> {
	for (;;) {
		const before = up + down;
		await new Promise((r) => setTimeout(r, ms));
		if (up + down === before) return;
	}
}

async function launch(first: boolean): Promise<void> {
	const context = await chromium.launchPersistentContext(profile, {
		...chromiumLaunchOptions,
		baseURL: `http://127.0.0.1:${PROXY}`,
		locale: 'fr-FR',
		serviceWorkers: 'allow',
	});
	const page = context.pages()[0] ?? (await context.newPage());
	if (first && who === 'member') {
		await page.goto('/connexion');
		await page.getByLabel('Adresse e-mail').fill('membre@la-pioche.example.org');
		await page.getByLabel('Mot de passe').fill('membre-demo');
		await page.getByRole('button', { name: 'Se connecter' }).click();
	} else await page.goto('/annonces');
	await upToDate(page);
	await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated');
	// Until the link has been quiet for 5 s (an open longpoll sends nothing until its heartbeat).
	await quiet(5_000);
	await context.close();
}

async function measure(label: string, first = false): Promise<void> {
	up = 0;
	down = 0;
	lines.length = 0;
	await launch(first);
	console.log(`\n== ${label} (${who}): up ${(up / 1024).toFixed(1)} kB, down ${(down / 1024).toFixed(1)} kB`);
	if (!first)
		for (const l of lines)
			console.log(`   ${String(l.up).padStart(6)} ↑ ${String(l.down).padStart(6)} ↓  ${l.what}`);
}

/** While the device is closed, staff make one public listing members-only (through the API). */
async function changeOneListing(): Promise<void> {
	const base = `http://127.0.0.1:${PORT}/db/elbasar`;
	const auth = {
		authorization: `Basic ${Buffer.from('animatrice@elbasar.example.org:animatrice-demo').toString('base64')}`,
	};
	const all = (await (
		await fetch(
			`${base}/_all_docs?startkey=%22listing:%22&endkey=%22listing:%EF%BF%BF%22&include_docs=true`,
			{ headers: auth },
		)
	).json()) as {
		rows: { doc: Record<string, unknown> }[];
	};
	const doc = all.rows
		.map((r) => r.doc)
		.find((d) => d.audience === 'public' && d.status === 'open') as Record<string, unknown>;
	const res = await fetch(`${base}/${encodeURIComponent(String(doc._id))}`, {
		method: 'PUT',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ ...doc, audience: 'members', updatedAt: new Date().toISOString() }),
	});
	console.log(`\n(changed ${doc._id}: ${res.status})`);
}

let server = await startServer(true);
try {
	await measure('first start', true);
	await measure('relaunch, nothing changed');
	await measure('relaunch again, nothing changed');
	await stopServer(server);
	server = await startServer(false);
	await measure('relaunch after a server restart');
	await changeOneListing();
	await measure('relaunch after one listing made members-only');
	await changeOneListing();
	await stopServer(server);
	server = await startServer(false);
	await measure('relaunch after one listing made members-only, then a server restart');
} finally {
	await stopServer(server);
	rmSync(dataDir, { recursive: true, force: true });
	rmSync(profile, { recursive: true, force: true });
	process.exit(0);
}
