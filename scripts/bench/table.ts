// The bench's figures as compact text tables: one line per scenario, then the requests by kind.
import type { LinkSpec } from './link';
import type { LinkStats } from './link-proxy';

export interface Row {
	scenario: string;
	docs: number;
	ms: number;
	retries: number;
	stats: LinkStats;
	/** CPU seconds of the device (the bench process) and of the server process during the run. */
	cpuDevice: number;
	cpuServer: number;
	/** The pulled documents as stored: JSON bytes, and gzipped in one stream. */
	json: number;
	gzip: number;
}

const MB = 1e6;
const fixed = (n: number, digits = 1) => n.toFixed(digits);
const mb = (bytes: number) => fixed(bytes / MB, 2);
const kb = (bytes: number) => fixed(bytes / 1e3, 1);
const int = (n: number) => n.toLocaleString('en-US');

/** MB down, MB up through the link. */
const wire = (stats: LinkStats) => [mb(stats.down), mb(stats.up)];

/** Seconds these bytes alone need at this many bits per second. */
const secondsFor = (bytes: number, bps: number) => (bytes * 8) / bps;

function render(header: string[], lines: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const format = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [format(header), ...lines.map(format)].join('\n');
}

const kindCount = (stats: LinkStats, ...names: string[]) =>
	Object.entries(stats.kinds)
		.filter(([name]) => names.some((n) => name === n || name.startsWith(`${n}-`)))
		.reduce((sum, [, k]) => sum + k.requests, 0);

export function scenarioTable(rows: Row[], link: LinkSpec | null): string {
	const header = [
		'scenario',
		'docs',
		'wall s',
		'bytes↓ s',
		'bytes↑ s',
		'floor s',
		'req',
		'chg',
		'bget',
		'local',
		'other',
		'conn',
		'retry',
		'↓ MB',
		'↑ MB',
		'json MB',
		'gz MB',
		'cpu dev s',
		'cpu srv s',
	];
	const lines = rows.map((r) => {
		const changes = kindCount(r.stats, 'changes', 'longpoll');
		const bulkGet = kindCount(r.stats, 'bulk_get');
		const local = kindCount(r.stats, 'local');
		const time = (bytes: number, bps: number | undefined) => (bps ? fixed(secondsFor(bytes, bps)) : '-');
		return [
			r.scenario,
			int(r.docs),
			fixed(r.ms / 1000),
			time(r.stats.down, link?.downBps),
			time(r.stats.up, link?.upBps),
			time(r.gzip, link?.downBps),
			int(r.stats.requests),
			int(changes),
			int(bulkGet),
			int(local),
			int(r.stats.requests - changes - bulkGet - local),
			int(r.stats.connections),
			int(r.retries),
			...wire(r.stats),
			mb(r.json),
			mb(r.gzip),
			fixed(r.cpuDevice),
			fixed(r.cpuServer),
		];
	});
	return render(header, lines);
}

export function kindTable(rows: Pick<Row, 'scenario' | 'stats'>[]): string {
	const header = ['scenario', 'request', 'n', '↑ kB', '↓ kB', '↓ kB/req', 'server ms/req', 'compressed'];
	const lines = rows.flatMap((r) =>
		Object.entries(r.stats.kinds)
			.sort(([, a], [, b]) => b.down - a.down)
			.map(([name, k]) => [
				r.scenario,
				name,
				int(k.requests),
				kb(k.up),
				kb(k.down),
				kb(k.down / Math.max(1, k.requests)),
				fixed(k.serverMs / Math.max(1, k.requests), 0),
				`${k.compressed}/${k.requests}`,
			]),
	);
	return render(header, lines);
}

export const LEGEND = [
	'wall s: from the start of the replication to its first `paused` (caught up), cold TCP connections.',
	'bytes↓ s / bytes↑ s: the wire bytes alone at the link rate (bytes × 8 / bandwidth), each way.',
	'floor s: the pulled documents as one gzip stream, at the down rate — what no protocol can beat.',
	'req: HTTP requests (chg = _changes incl. longpoll, bget = _bulk_get, local = _local, other = db info, root…).',
	'conn: TCP connections opened; retry: requests resent because the server closed their idle connection meanwhile.',
	'↓/↑ MB: TCP payload through the link (heads, bodies, chunk framing); the link also charges 40 B per 1460 B segment.',
	'json MB / gz MB: the pulled documents as stored on the device (with _id and _rev), plain and gzipped.',
	'cpu dev s / cpu srv s: CPU time of the Node client (PouchDB in memory, so less than the app on IndexedDB) and of the server.',
	'server ms/req: from the request reaching the server to the first byte of its answer (longpolls: the wait).',
];

/** The phone bench's first pull of one viewer: the app in Chromium on a fresh profile. */
export interface PhonePull extends Pick<Row, 'scenario' | 'docs' | 'ms' | 'stats' | 'json' | 'gzip'> {
	/** CPU-seconds of the whole Chromium process tree, and of the server. */
	cpuBrowser: number;
	cpuServer: number;
	/** The profile's IndexedDB directory on disk, and navigator.storage.estimate().usage. */
	idb: number;
	estimate: number;
	/** Durations (ms) of the page's long tasks, from navigation to up to date. */
	longTasks: number[];
}

export interface PhoneRelaunch extends Pick<Row, 'scenario' | 'ms' | 'stats'> {
	/** From navigation to the last request before the link went quiet. */
	quietMs: number;
	cpuBrowser: number;
	cpuServer: number;
	/** Documents changed on the server while the browser was closed (0: nothing changed). */
	changed: number;
}

export function phonePullTable(rows: PhonePull[], link: LinkSpec | null): string {
	const header = [
		'scenario',
		'docs',
		'limit s',
		'pull s',
		'× limit',
		'↓ MB',
		'↑ MB',
		'req',
		'cpu browser s',
		'cpu srv s',
		'json MB',
		'IDB MB',
		'estimate MB',
		'IDB/json',
		'long>200ms',
		'longest ms',
	];
	const lines = rows.map((r) => {
		const limit = link ? secondsFor(r.gzip, link.downBps) : 0;
		return [
			r.scenario,
			int(r.docs),
			link ? fixed(limit) : '-',
			fixed(r.ms / 1000),
			link ? `${fixed(r.ms / 1000 / limit)}×` : '-',
			...wire(r.stats),
			int(r.stats.requests),
			fixed(r.cpuBrowser),
			fixed(r.cpuServer),
			mb(r.json),
			mb(r.idb),
			mb(r.estimate),
			`${fixed(r.idb / r.json)}×`,
			int(r.longTasks.filter((ms) => ms > 200).length),
			fixed(Math.max(0, ...r.longTasks), 0),
		];
	});
	return render(header, lines);
}

export function phoneRelaunchTable(rows: PhoneRelaunch[]): string {
	const header = [
		'scenario',
		'shown s',
		'quiet s',
		'↓ kB',
		'↑ kB',
		'req',
		'↓ B/changed doc',
		'cpu browser s',
		'cpu srv s',
	];
	const lines = rows.map((r) => [
		r.scenario,
		fixed(r.ms / 1000),
		fixed(r.quietMs / 1000),
		kb(r.stats.down),
		kb(r.stats.up),
		int(r.stats.requests),
		r.changed ? int(Math.round(r.stats.down / r.changed)) : '-',
		fixed(r.cpuBrowser),
		fixed(r.cpuServer),
	]);
	return render(header, lines);
}

export const PHONE_LEGEND = [
	'docs / json MB: the documents the viewer may read (server _all_docs as that viewer, outside the link), one JSON line each.',
	"limit s: those documents as one gzip stream at the link's down rate; × limit = pull s / limit s.",
	'pull s: from navigation to « À jour » (sync indicator), the first-sync bar gone and « Toutes les annonces (N) » with N',
	'  the open listings the viewer may read: the query tables are filled (the count is read from them).',
	"↓/↑ MB, req: everything through the link from navigation on (the app, its service worker's precache, the sync).",
	'cpu browser s: utime+stime of every Chromium process of the run (/proc, ended ones included); cpu srv s: the server process.',
	"IDB MB: the profile's IndexedDB directory (du -sb, after the browser closed); estimate MB: navigator.storage.estimate() (caches too).",
	"long>200ms / longest ms: PerformanceObserver('longtask') on the page, from navigation to up to date.",
	'shown s: relaunch → listings on the home page (nothing changed), or → « À jour » with the last changed document held.',
	'quiet s: relaunch → the last request before the link carried none for 5 s; ↓/↑ kB and req counted until then.',
];
