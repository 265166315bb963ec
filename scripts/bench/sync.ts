// `npm run bench:sync-node -- [--scale demo|region] [--link 3g|none] [--variants app-options,stock,…]`:
// how long a Node PouchDB client with the app's replication options takes to pull the region's data
// over a weak link, and how close that is to the bytes. The server and the link run in child
// processes; the client is PouchDB on Node's memory adapter in this one, and it only pulls: no push,
// no IndexedDB, no Dexie tables, no drop check, no service-worker precache sharing the link. So it
// measures the protocol and the server, not the app; `npm run bench:phone` speaks for the app.
import { parseArgs } from 'node:util';
import {
	appPullOptions,
	type Device,
	follow,
	newDevice,
	type PullResult,
	pull,
	VARIANTS,
	type Variant,
	writtenSince,
} from './client';
import {
	argsOrUsage,
	cpuSeconds,
	describeLink,
	type Harness,
	parseRoles,
	pause,
	ROLES,
	runBench,
	startHarness,
} from './harness';
import type { Child } from './ipc';
import { LINKS, type LinkSpec } from './link';
import type { LinkStats } from './link-proxy';
import type { Edited, ServerReady } from './sync-server';
import { kindTable, LEGEND, type Row, scenarioTable } from './table';

/**
 * At region scale on 3G an app-options pull takes ~4 min per role, so only it runs by default (add
 * `--variants app-options,changes-docs` for ~4 more). Stock replication pays ~5 round trips per 100
 * documents: ~30 min for the region, so it is compared at demo scale only.
 */
const DEFAULT_VARIANTS = {
	demo: 'app-options,stock,app-options-plain-up,changes-docs',
	region: 'app-options',
};

const USAGE =
	'Usage: npm run bench:sync-node -- [--scale demo|region] [--link 3g|none] [--roles visitor,member]\n' +
	`  [--variants ${Object.keys(VARIANTS).join(',')}] [--edits 200] [--no-live]`;

function readArgs() {
	const { values } = parseArgs({
		options: {
			scale: { type: 'string', default: 'region' },
			link: { type: 'string', default: '3g' },
			variants: { type: 'string' },
			roles: { type: 'string', default: 'visitor,member' },
			edits: { type: 'string', default: '200' },
			'no-live': { type: 'boolean', default: false },
		},
	});
	const scale = values.scale as keyof typeof DEFAULT_VARIANTS;
	if (!(scale in DEFAULT_VARIANTS)) throw new Error('--scale: demo or region');
	if (!(values.link in LINKS)) throw new Error(`--link: ${Object.keys(LINKS).join(' or ')}`);
	const variants = (values.variants ?? DEFAULT_VARIANTS[scale]).split(',') as Variant[];
	const roles = parseRoles(values.roles);
	if (!variants.every((v) => v in VARIANTS))
		throw new Error(`--variants: ${Object.keys(VARIANTS).join(',')}`);
	const link = LINKS[values.link as keyof typeof LINKS] as LinkSpec | null;
	const edits = Number(values.edits);
	if (!Number.isInteger(edits) || edits < 4) throw new Error('--edits: a number of listings, 4 or more');
	return { scale, link, variants, roles, edits, live: !values['no-live'] };
}

type Args = ReturnType<typeof readArgs>;

interface Bench {
	server: Child;
	link: Child;
	dbUrl: string;
	rows: Row[];
}

/**
 * Runs `work` on `device` and records a row: link figures, CPU, and the documents it wrote. A
 * work that measures only its end calls `restart` where the measure begins.
 */
async function measure(
	bench: Bench,
	args: Args,
	scenario: string,
	device: Device,
	work: (restart: () => Promise<void>) => Promise<PullResult>,
) {
	let serverCpu: NodeJS.CpuUsage = { user: 0, system: 0 };
	let deviceCpu: NodeJS.CpuUsage = { user: 0, system: 0 };
	const restart = async () => {
		await bench.link.ask('reset');
		serverCpu = await bench.server.ask<NodeJS.CpuUsage>('cpu');
		deviceCpu = process.cpuUsage();
	};
	const seq = (await device.replica.info()).update_seq;
	await restart();
	const result = await work(restart);
	const cpuDevice = cpuSeconds(process.cpuUsage(deviceCpu));
	// Let the cancelled longpoll and the last segments cross the link before reading the counters.
	await pause((args.link?.rttMs ?? 0) + 200);
	const stats = await bench.link.ask<LinkStats>('stats');
	const cpuServer = cpuSeconds(await bench.server.ask<NodeJS.CpuUsage>('cpu')) - cpuSeconds(serverCpu);
	const size = await writtenSince(device.replica, result.since ?? seq);
	const { docs, ms, retries } = result;
	const row: Row = { scenario, docs, ms, retries, stats, cpuDevice, cpuServer, ...size };
	bench.rows.push(row);
	const seconds = (result.ms / 1000).toFixed(1);
	console.log(`  ${scenario}: ${result.docs} docs in ${seconds} s, ${stats.requests} requests`);
}

async function run(args: Args, bench: Bench): Promise<void> {
	const app = appPullOptions();
	console.log(
		`The app's pull options (${app.source}): batch_size ${app.batch_size}, batches_limit ${app.batches_limit}, checkpoint ${app.checkpoint ?? 'both'}`,
	);
	const devices = args.roles.flatMap((role) =>
		args.variants.map((variant) => ({ role, device: newDevice(variant, ROLES[role]) })),
	);
	for (const { role, device } of devices)
		await measure(bench, args, `${role} ${device.variant} first`, device, () =>
			pull(device, bench.dbUrl, app),
		);

	const edited = await bench.server.ask<Edited>('edit', { count: args.edits });
	console.log(`  server: ${edited.edited} listings edited, ${edited.created} created`);
	for (const { role, device } of devices)
		await measure(bench, args, `${role} ${device.variant} +${args.edits}`, device, () =>
			pull(device, bench.dbUrl, app),
		);

	if (!args.live) return;
	for (const { role, device } of devices.filter((d) => d.device.variant === 'app-options'))
		await measure(bench, args, `${role} app-options live +${args.edits}`, device, (restart) =>
			follow(device, bench.dbUrl, app, args.edits, async () => {
				await restart();
				await bench.server.ask('edit', { count: args.edits });
			}),
		);
}

async function main(): Promise<void> {
	const args: Args = argsOrUsage(readArgs, USAGE);
	const started = performance.now();
	const harness: Harness = await startHarness(args.scale, args.link);
	const { server, link, ready } = harness;
	const bench: Bench = { server, link, dbUrl: `${harness.linkUrl}/db/elbasar`, rows: [] };
	await run(args, bench);
	await harness.stop();
	print(args, bench.rows, ready, performance.now() - started);
}

function print(args: Args, rows: Row[], ready: ServerReady, ms: number): void {
	console.log(
		`\nelBasar sync bench, Node client — ${args.scale} scale (${ready.docs} docs on the server), ${describeLink(args.link)}`,
	);
	console.log(
		'  Node PouchDB (memory adapter) pulling only: no push, IndexedDB, Dexie, drop check or precache. Not the app.',
	);
	for (const variant of args.variants) console.log(`  ${variant}: ${VARIANTS[variant]}`);
	const offered = rows.reduce((sum, r) => sum + r.stats.acceptGzip, 0);
	const requests = rows.reduce((sum, r) => sum + r.stats.requests, 0);
	console.log(`  requests offering gzip (Accept-Encoding): ${offered} of ${requests}`);
	console.log(`\n${scenarioTable(rows, args.link)}\n\n${kindTable(rows)}\n`);
	for (const line of LEGEND) console.log(`  ${line}`);
	console.log(`\nBench run: ${(ms / 1000).toFixed(0)} s in all.`);
}

runBench(main);
