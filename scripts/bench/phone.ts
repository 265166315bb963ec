// `npm run bench:phone -- [--scale demo|region] [--roles visitor,member] [--link 3g|none]
// [--edits 500] [--no-relaunch]`: the real app (the SvelteKit build served by the real server) in
// Debian's Chromium, on a fresh persistent profile, through the bench's emulated link. For each role:
// the first pull until « À jour » with the query tables filled, against the "limit" (the documents the
// viewer may read as one gzip stream at the link's downlink rate); the bytes and requests on the link;
// the browser's and the server's CPU; IndexedDB on disk; the page's long tasks; then a relaunch with
// nothing changed and one after "a week offline" (listings edited and created meanwhile).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isOpen, type Listing } from '../../src/lib/domain';
import { today } from '../../src/lib/ui/format';
import { type Credentials, streamSize } from './client';
import * as bench from './harness';
import { LINKS, type LinkSpec } from './link';
import type { LinkStats } from './link-proxy';
import {
	chromiumCpuSeconds,
	type Device,
	holds,
	indexedDbBytes,
	longTasks,
	openDevice,
	signIn,
	storageEstimate,
	waitUntil,
} from './phone-device';
import type { Edited } from './sync-server';
import {
	kindTable,
	PHONE_LEGEND,
	type PhonePull,
	type PhoneRelaunch,
	phonePullTable,
	phoneRelaunchTable,
} from './table';

const USAGE =
	'Usage: npm run bench:phone -- [--scale demo|region] [--roles visitor,member] [--link 3g|none]\n' +
	'  [--edits 500] [--no-relaunch]';

/** Generous: a run that has not caught up by then is broken, not slow. */
const TIMEOUT_MS = 15 * 60_000;
/** The link is quiet once no request crossed it for this long (a waiting longpoll is quiet). */
const QUIET_MS = 5_000;
/** Bytes a quiet link may still carry meanwhile (longpoll heartbeats). */
const QUIET_BYTES = 2_000;

function readArgs() {
	const { values } = parseArgs({
		options: {
			scale: { type: 'string', default: 'region' },
			link: { type: 'string', default: '3g' },
			roles: { type: 'string', default: 'visitor,member' },
			edits: { type: 'string', default: '500' },
			'no-relaunch': { type: 'boolean', default: false },
		},
	});
	if (values.scale !== 'demo' && values.scale !== 'region') throw new Error('--scale: demo or region');
	if (!(values.link in LINKS)) throw new Error(`--link: ${Object.keys(LINKS).join(' or ')}`);
	const edits = Number(values.edits);
	if (!Number.isInteger(edits) || edits < 4) throw new Error('--edits: a number of listings, 4 or more');
	return {
		scale: values.scale,
		link: LINKS[values.link as keyof typeof LINKS] as LinkSpec | null,
		roles: bench.parseRoles(values.roles),
		edits,
		relaunch: !values['no-relaunch'],
	};
}

type Args = ReturnType<typeof readArgs>;

/** What a viewer may read, asked of the server directly (not through the link). */
interface Readable {
	docs: number;
	json: number;
	gzip: number;
	/** Open listings among them, as the home page counts them (« Toutes les annonces (N) »). */
	openListings: number;
}

async function readable(serverUrl: string, credentials: Credentials | undefined): Promise<Readable> {
	const headers: Record<string, string> = {};
	if (credentials)
		headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
	const response = await fetch(`${serverUrl}/db/elbasar/_all_docs?include_docs=true`, { headers });
	if (!response.ok) throw new Error(`_all_docs → ${response.status}`);
	const body = (await response.json()) as { rows: { doc?: Record<string, unknown> }[] };
	const docs = body.rows.flatMap((row) => (row.doc ? [row.doc] : []));
	const on = today();
	const openListings = docs.filter(
		(doc) => doc.type === 'listing' && isOpen(doc as unknown as Listing, on) && !doc.hidden,
	).length;
	return { docs: docs.length, ...streamSize(docs), openListings };
}

interface Meter {
	/** Starts counting: the link's stats and the CPU of the server and of Chromium. */
	start(): Promise<void>;
	/** The link's stats so far (after the last segments crossed), and the CPU since start. */
	read(): Promise<{ stats: LinkStats; cpuBrowser: number; cpuServer: number }>;
}

function meter(harness: bench.Harness, link: LinkSpec | null): Meter {
	let server = 0;
	let browser = 0;
	const serverCpu = async () => bench.cpuSeconds(await harness.server.ask<NodeJS.CpuUsage>('cpu'));
	return {
		async start() {
			await harness.link.ask('reset');
			server = await serverCpu();
			browser = chromiumCpuSeconds();
		},
		async read() {
			const cpuBrowser = chromiumCpuSeconds() - browser;
			await bench.pause((link?.rttMs ?? 0) + 200);
			const stats = await harness.link.ask<LinkStats>('stats');
			return { stats, cpuBrowser, cpuServer: (await serverCpu()) - server };
		},
	};
}

/** Waits until no request crossed the link for QUIET_MS; returns the ms from `since` to the last one. */
async function quiet(harness: bench.Harness, since: number): Promise<number> {
	const until = performance.now() + TIMEOUT_MS;
	let last = await harness.link.ask<LinkStats>('stats');
	let lastChange = performance.now();
	while (performance.now() < until) {
		await bench.pause(500);
		const now = await harness.link.ask<LinkStats>('stats');
		const moved = now.requests !== last.requests || now.up - last.up + now.down - last.down > QUIET_BYTES;
		if (moved) {
			last = now;
			lastChange = performance.now();
		} else if (performance.now() - lastChange >= QUIET_MS) return lastChange - since;
	}
	throw new Error(`the link never went quiet within ${TIMEOUT_MS / 60_000} min`);
}

const homeUrl = (harness: bench.Harness) => `${harness.linkUrl}/`;

async function firstPull(harness: bench.Harness, args: Args, role: bench.Role, profile: string) {
	const credentials = bench.ROLES[role];
	const limit = await readable(harness.ready.url, credentials);
	const device = await openDevice(profile);
	try {
		if (credentials) await signIn(device.page, harness.linkUrl, credentials);
		const m = meter(harness, args.link);
		await m.start();
		const started = performance.now();
		await device.page.goto(homeUrl(harness));
		await waitUntil(
			device.page,
			`${role}: first pull until « À jour » with ${limit.openListings} open listings`,
			TIMEOUT_MS,
			(s) => s.sync === 'up-to-date' && !s.firstSyncShown && s.openListings === limit.openListings,
		);
		const ms = performance.now() - started;
		const tasks = await longTasks(device.page);
		const estimate = await storageEstimate(device.page);
		const { stats, cpuBrowser, cpuServer } = await m.read();
		// As a phone left open would: what the app still fetches (its service worker's precache) ends
		// before the browser closes, so a relaunch does not finish it.
		await quiet(harness, started);
		await device.context.close();
		const row: PhonePull = {
			scenario: `${role} first pull`,
			docs: limit.docs,
			json: limit.json,
			gzip: limit.gzip,
			ms,
			stats,
			cpuBrowser,
			cpuServer,
			idb: indexedDbBytes(profile),
			estimate,
			longTasks: tasks,
		};
		console.log(`  ${row.scenario}: ${(ms / 1000).toFixed(1)} s, ${stats.requests} requests`);
		return row;
	} catch (err) {
		await device.context.close().catch(() => undefined);
		throw err;
	}
}

/**
 * Reopens the profile and measures until the link is quiet: `shown` says when the awaited state
 * is reached (the listings shown, or the changes in).
 */
async function relaunch(
	harness: bench.Harness,
	args: Args,
	scenario: string,
	profile: string,
	shown: (device: Device) => Parameters<typeof waitUntil>[3],
	changed = 0,
): Promise<PhoneRelaunch> {
	const device = await openDevice(profile);
	try {
		const m = meter(harness, args.link);
		await m.start();
		const started = performance.now();
		await device.page.goto(homeUrl(harness));
		await waitUntil(device.page, scenario, TIMEOUT_MS, shown(device));
		const ms = performance.now() - started;
		const quietMs = await quiet(harness, started);
		const { stats, cpuBrowser, cpuServer } = await m.read();
		console.log(`  ${scenario}: ${(ms / 1000).toFixed(1)} s, ${stats.requests} requests`);
		return { scenario, ms, quietMs, stats, cpuBrowser, cpuServer, changed };
	} finally {
		await device.context.close();
	}
}

async function runRole(
	harness: bench.Harness,
	args: Args,
	role: bench.Role,
	pulls: PhonePull[],
	relaunches: PhoneRelaunch[],
) {
	const profile = mkdtempSync(join(tmpdir(), `elbasar-phone-${role}-`));
	try {
		pulls.push(await firstPull(harness, args, role, profile));
		if (!args.relaunch) return;
		relaunches.push(
			await relaunch(harness, args, `${role} relaunch, nothing changed`, profile, () => (s) => s.cards > 0),
		);
		const edited = await harness.server.ask<Edited>('edit', { count: args.edits });
		const after = await readable(harness.ready.url, bench.ROLES[role]);
		console.log(`  server: ${edited.edited} listings edited, ${edited.created} created`);
		relaunches.push(
			await relaunch(
				harness,
				args,
				`${role} relaunch, ${args.edits} changed`,
				profile,
				(device) => async (s) =>
					s.sync === 'up-to-date' &&
					s.openListings === after.openListings &&
					(await holds(device.page, edited.lastId)),
				args.edits,
			),
		);
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}

const load = () =>
	loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');

async function main(): Promise<void> {
	const args: Args = bench.argsOrUsage(readArgs, USAGE);
	if (!existsSync('build/index.html')) {
		console.error('The app is not built (build/ is missing): run npm run build first.');
		process.exit(1);
	}
	const started = performance.now();
	const loadBefore = load();
	console.log(`Load average at start: ${loadBefore}`);
	const harness = await bench.startHarness(args.scale, args.link, 'build');
	const pulls: PhonePull[] = [];
	const relaunches: PhoneRelaunch[] = [];
	// A role that fails (never « À jour ») still lets the figures measured before it be printed;
	// the run then exits non-zero with its error.
	let failure: unknown = null;
	for (const role of args.roles)
		if (!failure) await runRole(harness, args, role, pulls, relaunches).catch((err) => (failure = err));
	await harness.stop();

	console.log(
		`\nelBasar phone bench, the app in Chromium — ${args.scale} scale (${harness.ready.docs} docs on the server), ${bench.describeLink(args.link)}`,
	);
	console.log(`\n${phonePullTable(pulls, args.link)}\n`);
	if (relaunches.length) console.log(`${phoneRelaunchTable(relaunches)}\n`);
	console.log(`${kindTable([...pulls, ...relaunches])}\n`);
	for (const line of PHONE_LEGEND) console.log(`  ${line}`);
	console.log(`\nLoad average at start: ${loadBefore}; at end: ${load()} (${availableParallelism()} cores).`);
	// ─── Lighthouse ───────────────────────────────────────────────────────────────────────────
	// The Lighthouse mobile runs of `/` and `/annonces` (scripts/bench/lighthouse.ts, written
	// separately) print their result table here, at the end of the run.
	// ──────────────────────────────────────────────────────────────────────────────────────────
	console.log(`\nBench run: ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);
	if (failure) throw failure;
}

bench.runBench(main);
