// The Chromium half of bench:search-engine, bundled by esbuild and run on a bare page's main thread
// (not the app's search worker): builds the engine from the documents the page fetches, then times the
// same queries as in Node (and the naive baseline).
import { SearchEngine } from '../../src/lib/domain/search';
import { FILTERED, haystackOf, type Latency, latencies, naiveSearch, QUERIES } from './search-queries';

export interface BrowserFigures {
	documents: number;
	buildMs: number;
	engine: Latency;
	filtered: Latency;
	naive: Latency;
	userAgent: string;
}

async function run(now: string): Promise<BrowserFigures> {
	const docs = (await (await fetch('/docs.json')).json()) as { _id: string; type?: string }[];
	const at = new Date(now);
	const started = performance.now();
	const engine = new SearchEngine();
	engine.putAll(docs);
	const buildMs = performance.now() - started;
	(globalThis as { engine?: SearchEngine }).engine = engine;
	const haystacks = docs.map(haystackOf).filter((h) => h !== null);
	return {
		documents: engine.size,
		buildMs,
		engine: latencies(QUERIES, (q) => engine.search({ q, now: at })),
		filtered: latencies(FILTERED, (r) => engine.search({ ...r, now: at })),
		naive: latencies(QUERIES, (q) => naiveSearch(haystacks, q)),
		userAgent: navigator.userAgent,
	};
}

(globalThis as { runSearchBench?: typeof run }).runSearchBench = run;
