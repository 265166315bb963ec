// `npm run bench:auth -- [--seconds 60] [--rest 15] [--scale demo|region]`: does a flood of failed
// sign-ins slow anyone else? A visitor reads `_changes?limit=50` over and over, at rest, then while
// 16 clients fail to sign in as fast as they can: first all from one address (its limit soon answers
// 429, a second late, without hashing), then each attempt from another address through a trusted
// proxy (X-Forwarded-For), so every attempt reaches argon2 — the honest measure of the hashing queue.
// Goal: the visitor's p95 during a flood at most twice its p95 at rest. The server and the attackers
// run in child processes (UV_THREADPOOL_SIZE, if set, reaches the server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PasswordQueueStats } from '../../server/auth/password-queue';
import type { AuthServerReady } from './auth-server';
import { Child } from './ipc';
import { percentile } from './search-queries';

const VISITOR_PATH = '/db/elbasar/_changes?limit=50';
/** The visitor pauses between reads, as an app would, rather than being a load of its own. */
const VISITOR_PAUSE_MS = 20;
const GOAL_RATIO = 2;

interface Phase {
	name: string;
	visitor: number[];
	errors: number;
	attempts: Record<string, number>;
	hashing?: PasswordQueueStats;
}

function readArgs() {
	const { values } = parseArgs({
		options: {
			seconds: { type: 'string', default: '60' },
			rest: { type: 'string' },
			scale: { type: 'string', default: 'demo' },
		},
	});
	const seconds = Number(values.seconds);
	const rest = values.rest ? Number(values.rest) : Math.min(15, seconds);
	if (!(seconds > 0 && rest > 0) || !['demo', 'region'].includes(values.scale))
		throw new Error('Usage: npm run bench:auth -- [--seconds 60] [--rest 15] [--scale demo|region]');
	return { seconds, rest, scale: values.scale };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads as a visitor until `until`, timing each answer in full. */
async function visit(base: string, until: number, phase: Phase): Promise<void> {
	while (performance.now() < until) {
		const started = performance.now();
		try {
			const res = await fetch(base + VISITOR_PATH);
			await res.arrayBuffer();
			if (res.ok) phase.visitor.push(performance.now() - started);
			else phase.errors++;
		} catch {
			phase.errors++;
		}
		await sleep(VISITOR_PAUSE_MS);
	}
}

/** One failed sign-in before any timing: the decoy hash is made, the queue is ready. */
async function warmSignIn(base: string): Promise<void> {
	const res = await fetch(`${base}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' },
		body: JSON.stringify({ email: 'warm-up@example.org', password: 'not-the-password' }),
	});
	await res.arrayBuffer();
}

interface Processes {
	server: Child;
	attackers: Child;
	base: string;
}

async function runPhase(
	{ server, attackers, base }: Processes,
	name: string,
	seconds: number,
	floodFrom?: 'one' | 'many',
): Promise<Phase> {
	const phase: Phase = { name, visitor: [], errors: 0, attempts: {} };
	await server.ask('resetHashing');
	const until = performance.now() + seconds * 1000;
	const flood = floodFrom
		? attackers.ask<Record<string, number>>('flood', { seconds, many: floodFrom === 'many' })
		: Promise.resolve({});
	const [, answers] = await Promise.all([visit(base, until, phase), flood]);
	phase.attempts = answers;
	phase.hashing = await server.ask<PasswordQueueStats>('hashing');
	return phase;
}

/** Waits until the hashing queue is idle, so one phase's leftovers do not weigh on the next. */
async function settle(server: Child): Promise<void> {
	for (;;) {
		const stats = await server.ask<PasswordQueueStats>('hashing');
		if (stats.running === 0 && stats.waiting === 0) break;
		await sleep(200);
	}
	await sleep(2000);
}

const ms = (n: number) => n.toFixed(1);

function row(phase: Phase, restP95: number): string[] {
	const sorted = [...phase.visitor].sort((a, b) => a - b);
	const p95 = percentile(sorted, 0.95);
	const attempts = Object.values(phase.attempts).reduce((a, b) => a + b, 0);
	const statuses = Object.entries(phase.attempts)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([status, n]) => `${status}×${n}`)
		.join(' ');
	return [
		phase.name,
		String(sorted.length),
		String(phase.errors),
		ms(percentile(sorted, 0.5)),
		ms(p95),
		ms(sorted[sorted.length - 1] ?? 0),
		restP95 ? (p95 / restP95).toFixed(2) : '-',
		String(attempts),
		statuses || '-',
		phase.hashing ? `${phase.hashing.peak}/${phase.hashing.concurrency}` : '-',
	];
}

function table(header: string[], lines: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const format = (cells: string[]) =>
		cells.map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [format(header), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
	const { seconds, rest, scale } = readArgs();
	const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-bench-auth-'));
	const { child: server, ready } = await Child.start<AuthServerReady>(
		join(import.meta.dirname, 'auth-server.ts'),
		[dataDir, scale],
	);
	const { child: attackers, ready: flooders } = await Child.start<number>(
		join(import.meta.dirname, 'auth-flood.ts'),
		[ready.url],
	);
	const processes = { server, attackers, base: ready.url };
	try {
		console.log(
			`Serveur : ${ready.docs} documents (${scale}, semés en ${ready.seedMs} ms), UV_THREADPOOL_SIZE=${ready.threadpool}.`,
		);
		console.log(`Visiteur : GET ${VISITOR_PATH} en boucle ; ${flooders} attaquants en parallèle.`);
		await warmSignIn(ready.url);
		await runPhase(processes, 'warm-up', 2);
		const atRest = await runPhase(processes, 'at rest', rest);
		const oneAddress = await runPhase(processes, 'flood, one address', seconds, 'one');
		await settle(server);
		const manyAddresses = await runPhase(processes, 'flood, many addresses', seconds, 'many');
		const phases = [atRest, oneAddress, manyAddresses];
		const restP95 = percentile(
			[...atRest.visitor].sort((a, b) => a - b),
			0.95,
		);
		const header = [
			'phase',
			'reads',
			'err',
			'p50 ms',
			'p95 ms',
			'max ms',
			'p95/rest',
			'sign-ins',
			'answers',
			'argon2 peak/cap',
		];
		console.log(
			`\n${table(
				header,
				phases.map((p) => row(p, restP95)),
			)}`,
		);
		for (const phase of [oneAddress, manyAddresses]) {
			const p95 = percentile(
				[...phase.visitor].sort((a, b) => a - b),
				0.95,
			);
			const met = p95 <= GOAL_RATIO * restP95 ? 'met' : 'NOT met';
			console.log(
				`${phase.name}: p95 ${ms(p95)} ms vs ${ms(restP95)} ms at rest → goal ≤ ${GOAL_RATIO}× ${met}.`,
			);
		}
	} finally {
		await attackers.stop();
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
