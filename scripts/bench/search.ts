// Search bench on the region-scale demo network (50,000 listings, 10,000 structures): index build time
// and size, latency of a fixed set of French queries in Node, and a naive substring filter for comparison.
import { gzipSync } from 'node:zlib';
import { generateDemo, REGION_SCALE } from '../../server/demo/generate';
import type { Doc } from '../../src/lib/domain';
import { SearchEngine } from '../../src/lib/domain/search';

const QUERIES = [
	'salle de réunion Arras',
	'velo',
	'vélos',
	'mutualsation',
	'mutualisation camion',
	'camion frigorifique',
	'chambre froide',
	'graphiste',
	'comptabilite associative',
	'traiteur',
	'repas pour 50 personnes',
	'prêt de broyeuse',
	'bicyclette',
	'local de stockage Lille',
	'atelier couture',
	'formation premiers secours',
	'jardin partagé',
	'bénévoles',
	'appel d’offres espaces verts',
	'réemploi mobilier',
	'informatique',
	'photocopieur',
	'insertion',
	'don de vêtements',
	'vidéoprojecteur',
	'Boulogne-sur-Mer',
	'épicerie solidaire Lens',
	'xylophone',
	'acompagnement création d’activité',
	'mise en commun d’un véhicule',
];
const RUNS = 20;

const now = new Date();
const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const ms = (n: number) => `${n.toFixed(2)} ms`;

function heapMb(): number {
	globalThis.gc?.();
	return process.memoryUsage().heapUsed / 1e6;
}

/** The search peers were criticised for: every word must appear as typed (case aside), no ranking. */
function naiveSearch(haystacks: { id: string; text: string }[], q: string): string[] {
	const wanted = q.toLowerCase().split(/\s+/).filter(Boolean);
	return haystacks.filter((h) => wanted.every((w) => h.text.includes(w))).map((h) => h.id);
}

function haystackOf(doc: Doc): { id: string; text: string } | null {
	const d = doc as unknown as Record<string, string>;
	if (doc.type === 'listing') return { id: doc._id, text: `${d.title} ${d.text}`.toLowerCase() };
	if (doc.type === 'structure')
		return { id: doc._id, text: [d.name, d.pitch, d.offers, d.needs, d.description].join(' ').toLowerCase() };
	return null;
}

function time<T>(task: () => T): { value: T; ms: number } {
	const start = performance.now();
	const value = task();
	return { value, ms: performance.now() - start };
}

function latencies(run: (q: string) => unknown): { p50: number; p95: number; max: number } {
	const all: number[] = [];
	for (const q of QUERIES) run(q); // warm-up
	for (let i = 0; i < RUNS; i++) for (const q of QUERIES) all.push(time(() => run(q)).ms);
	all.sort((a, b) => a - b);
	return { p50: percentile(all, 0.5), p95: percentile(all, 0.95), max: all[all.length - 1] };
}

const { docs } = time(() => generateDemo({ ...REGION_SCALE, now })).value;
const searchable = docs.filter((d) => d.type === 'listing' || d.type === 'structure');
console.log(`Region-scale demo: ${docs.length} documents, ${searchable.length} listings and structures\n`);

const heapBefore = heapMb();
const engine = new SearchEngine();
const build = time(() => engine.putAll(docs));
const heapAfter = heapMb();
const serialized = time(() => JSON.stringify(engine));
const gzip = gzipSync(serialized.value).length;
const restored = time(() => SearchEngine.fromJSON(JSON.parse(serialized.value)));
console.log('Index');
console.log(`  build: ${ms(build.ms)} for ${engine.size} documents`);
console.log(
	`  heap: ~${(heapAfter - heapBefore).toFixed(0)} MB${globalThis.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
);
console.log(
	`  serialised: ${(serialized.value.length / 1e6).toFixed(1)} MB JSON, ${(gzip / 1e6).toFixed(1)} MB gzip`,
);
console.log(`  toJSON: ${ms(serialized.ms)}, restore (parse + load): ${ms(restored.ms)}\n`);

const haystacks = searchable.map(haystackOf).filter((h) => h !== null);
const engineTimes = latencies((q) => engine.search({ q, now }));
const naiveTimes = latencies((q) => naiveSearch(haystacks, q));
console.log(`Latency over ${QUERIES.length} queries × ${RUNS} runs (Node ${process.version})`);
console.log(`  engine: p50 ${ms(engineTimes.p50)}, p95 ${ms(engineTimes.p95)}, max ${ms(engineTimes.max)}`);
console.log(
	`  naive substring filter: p50 ${ms(naiveTimes.p50)}, p95 ${ms(naiveTimes.p95)}, max ${ms(naiveTimes.max)}\n`,
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
