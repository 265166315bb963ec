// The real process: `server/main.ts` started as a child with a temporary data directory,
// seeded once, stopped by SIGTERM with exit code 0, restarted on the same data.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../server/demo/generate';

const ROOT = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-main-'));
const children = new Set<ChildProcess>();

afterAll(() => {
	for (const child of children) child.kill('SIGKILL');
	rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
		probe.on('error', reject);
	});
}

/** Starts the server process; `listening` resolves with its base URL once it logs that it listens. */
function startMain(env: Record<string, string>) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (chunk) => {
		stderr += chunk;
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	exited.then(() => children.delete(child));
	const listening = new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			const port = stdout.match(/elBasar écoute sur http:\/\/localhost:(\d+)/)?.[1];
			if (port) resolve(`http://127.0.0.1:${port}`);
		});
		exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${stdout}\n${stderr}`)));
	});
	return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

async function docCount(base: string): Promise<number> {
	const res = await fetch(`${base}/db/elbasar`);
	expect(res.status).toBe(200);
	return ((await res.json()) as { doc_count: number }).doc_count;
}

describe('the server process', () => {
	let firstCount = 0;

	it('starts on an empty data directory, seeds the demo, serves, and stops cleanly on SIGTERM', async () => {
		const port = await freePort();
		const main = startMain({ PORT: String(port), SEED: 'demo' });
		const base = await main.listening;
		expect(base).toBe(`http://127.0.0.1:${port}`);
		expect((await fetch(`${base}/api/health`)).status).toBe(200);
		firstCount = await docCount(base);
		expect(firstCount).toBeGreaterThan(0);
		expect(main.output().stdout).toMatch(/Données de démonstration : \d+ documents/);

		const demo = generateDemo().accounts[0];
		const signIn = await fetch(`${base}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: demo.email, password: demo.password }),
		});
		expect(signIn.status).toBe(200);

		main.child.kill('SIGTERM');
		expect(await main.exited).toBe(0);
	}, 90_000);

	it('restarts on the same data: everything is still there and nothing is seeded twice', async () => {
		// A second server of a pair runs without the periodic jobs (JOBS=false).
		const main = startMain({ PORT: String(await freePort()), SEED: 'demo', JOBS: 'false' });
		const base = await main.listening;
		expect(await docCount(base)).toBe(firstCount);
		expect(main.output().stdout).not.toMatch(/Données de démonstration/);
		expect(main.output().stdout).toMatch(/Tâches périodiques désactivées/);
		main.child.kill('SIGINT');
		expect(await main.exited).toBe(0);
	}, 60_000);

	it('refuses an invalid PORT with a message naming it and exit code 1, without a stack trace', async () => {
		const main = startMain({ PORT: 'quatre-vingt' });
		await expect(main.listening).rejects.toThrow();
		expect(await main.exited).toBe(1);
		const { stderr } = main.output();
		expect(stderr).toMatch(/PORT="quatre-vingt"/);
		expect(stderr).not.toMatch(/\n\s+at /);
	}, 30_000);
});
