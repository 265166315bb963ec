// The search engine alone, on the region-scale demo network (50,000 listings, 10,000 structures):
// index build time, size and memory, latency p50/p95 of a fixed set of French queries (and of queries
// with filters and counts) in Node and on a bare Chromium page's main thread, and a naive substring
// filter for comparison. Each query is repeated after a warm-up, so its caches are warm. It is not
// the app's search: no worker and its messages, no index restored from the device, no page to
// render; the phone benchmark (a later issue) is the one that speaks for the app.
// Run: npm run bench:search-engine [-- --scale demo] (node --expose-gc, for steady heap figures).
// SKIP_CHROMIUM=1 runs Node only.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DEMO_SCALE, generateDemo, REGION_SCALE } from '../../server/demo/generate';
import { SearchEngine } from '../../src/lib/domain/search';
import { benchInChromium, type ChromiumFigures } from './search-chromium';
import { FILTERED, haystackOf, type Latency, latencies, naiveSearch, QUERIES, RUNS } from './search-queries';

const TARGET_P95_MS = 20;
const now = new Date();
const ms = (n: number) => n.toFixed(1);

/** JS heap plus array buffers (the index's postings live in typed arrays, outside the JS heap). */
function heapMb(): number {
	globalThis.gc?.();
	globalThis.gc?.();
	const { heapUsed, arrayBuffers } = process.memoryUsage();
	return (heapUsed + arrayBuffers) / 1e6;
}

function time<T>(task: () => T): { value: T; ms: number } {
	const start = performance.now();
	const value = task();
	return { value, ms: performance.now() - start };
}

const SCALES = { demo: DEMO_SCALE, region: REGION_SCALE };
const { values } = parseArgs({ options: { scale: { type: 'string', default: 'region' } } });
const scale = values.scale as keyof typeof SCALES;
if (!(scale in SCALES)) {
	console.error('Usage: npm run bench:search-engine -- [--scale demo|region]');
	process.exit(2);
}

const { docs } = generateDemo({ ...SCALES[scale], now });
const searchable = docs.filter((d) => d.type === 'listing' || d.type === 'structure');
console.log(
	`Search engine alone (not the app's worker), ${scale}-scale demo network: ${docs.length} documents, ${searchable.length} listings and structures\n`,
);

// Node: the engine, its memory and its serialised size.
const heapBefore = heapMb();
const engine = new SearchEngine();
const build = time(() => engine.putAll(searchable));
const heapAfter = heapMb();
const serialized = time(() => JSON.stringify(engine));
const gzip = gzipSync(serialized.value).length;
const restored = time(() => SearchEngine.fromJSON(JSON.parse(serialized.value)));
const haystacks = searchable.map(haystackOf).filter((h) => h !== null);
const node = {
	buildMs: build.ms,
	heapMb: heapAfter - heapBefore,
	engine: latencies(QUERIES, (q) => engine.search({ q, now })),
	filtered: latencies(FILTERED, (r) => engine.search({ ...r, now })),
	naive: latencies(QUERIES, (q) => naiveSearch(haystacks, q)),
};

let chromium: ChromiumFigures | null = null;
if (!process.env.SKIP_CHROMIUM) {
	try {
		chromium = await benchInChromium(JSON.stringify(searchable), now);
	} catch (err) {
		console.error('Chromium half failed:', err instanceof Error ? err.message : err);
	}
}

const lat = (l: Latency | undefined) => (l ? `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.max)}` : '—');
const rows: [string, string, string][] = [
	['index build (ms)', ms(node.buildMs), chromium ? ms(chromium.buildMs) : '—'],
	[
		'index memory (MB: heap + array buffers, after GC)',
		ms(node.heapMb),
		chromium ? ms(chromium.heapMb) : '—',
	],
	[`engine, ${QUERIES.length} queries: p50 / p95 / max (ms)`, lat(node.engine), lat(chromium?.engine)],
	[`engine + filters + counts, ${FILTERED.length} queries`, lat(node.filtered), lat(chromium?.filtered)],
	['naive substring filter: p50 / p95 / max', lat(node.naive), lat(chromium?.naive)],
];
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 12));
const line = (cells: string[]) =>
	cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
// The machine may be shared: its load says how far the figures are from an idle machine's.
const load = loadavg()
	.map((l) => l.toFixed(1))
	.join(' ');
console.log(
	`Summary (${RUNS} runs of each query after a warm-up, warm caches; the engine called directly, on Chromium's main thread; ${cpus().length} cores, load average ${load})`,
);
console.log(line(['', `Node ${process.version}`, chromium ? `Chromium ${chromium.version}` : 'Chromium']));
for (const row of rows) console.log(line(row));
if (chromium)
	console.log(
		`Engine target p95 < ${TARGET_P95_MS} ms on Chromium's main thread (the app adds its worker round trip): ${chromium.engine.p95 < TARGET_P95_MS ? 'met' : 'NOT met'} ` +
			`(${ms(chromium.engine.p95)} ms; with filters ${ms(chromium.filtered.p95)} ms)`,
	);
console.log(
	`\nSerialised index: ${(serialized.value.length / 1e6).toFixed(1)} MB JSON, ${(gzip / 1e6).toFixed(1)} MB gzip; ` +
		`toJSON ${ms(serialized.ms)} ms, restore (parse + load) ${ms(restored.ms)} ms` +
		`${globalThis.gc ? '' : '\n(run with --expose-gc for a steady heap figure)'}\n`,
);

console.log('Per query: results (engine / naive), engine top hit, suggestions when none');
for (const q of QUERIES) {
	const answer = engine.search({ q, now });
	const naive = naiveSearch(haystacks, q).length;
	const top = answer.results[0];
	const hint = answer.total === 0 ? `  → ${answer.suggestions.terms.join(', ') || '(no suggestion)'}` : '';
	console.log(
		`  ${q.padEnd(36)} ${String(answer.total).padStart(6)} / ${String(naive).padStart(5)}  ${top ? top.title.slice(0, 60) : ''}${hint}`,
	);
}
const sample = engine.search({ q: 'salle de réunion', filters: { department: '62', type: 'listing' }, now });
console.log(
	`\nCounts per filter value, "salle de réunion" + Pas-de-Calais + listings (${sample.total} results):` +
		`\n  department ${JSON.stringify(sample.counts.department)}, type ${JSON.stringify(sample.counts.type)},` +
		`\n  kind ${JSON.stringify(sample.counts.kind)}, nature ${JSON.stringify(sample.counts.nature)}`,
);
