/// <reference lib="webworker" />
// The device's search engine, off the page's thread (building it for a region takes seconds): read
// from the query tables, kept in step with them by Dexie's change events, answering the page's searches.
import { Dexie, type IntervalTree, type ObservabilitySet } from 'dexie';
import { coordinates } from '../domain/geo';
import { SearchEngine } from '../domain/search';
import { type Row, tables } from '../local/db';
import type { Answer, Ask, CommunePoint, WorkerRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const TABLES = { listings: 'listing:', structures: 'structure:' } as const;
type TableName = keyof typeof TABLES;
const CHUNK = 2_000;
/** Replication writes in bursts: changes are taken together, and a whole-table pass waits longer. */
const QUICK_MS = 150;
const AFTER_FULL_MS = 2_000;
const POPUP_HITS = 8;

const engine = new SearchEngine();
/** The revision indexed per document: a whole-table pass re-indexes only what changed. */
const revs = new Map<string, string>();
const pending = { full: new Set<TableName>(), keys: new Set<string>() };
let version = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let running = false;

const post = (answer: Answer) => scope.postMessage(answer);
const tell = (buildMs?: number) =>
	post({ kind: 'index', ready: true, size: engine.size, version: ++version, buildMs });

/** Reads a table in key order, a chunk at a time, indexing the rows whose revision is new. */
async function reconcile(table: TableName): Promise<void> {
	const seen = new Set<string>();
	let last: string | undefined;
	for (;;) {
		const t = tables.table(table);
		const from = last === undefined ? t.orderBy(':id') : t.where(':id').above(last);
		const rows = (await from.limit(CHUNK).toArray()) as Row<{ _id: string; _rev?: string; type: string }>[];
		for (const row of rows) {
			seen.add(row._id);
			if (revs.get(row._id) === row._rev) continue;
			engine.put(row);
			revs.set(row._id, row._rev ?? '');
		}
		if (rows.length < CHUNK) break;
		last = rows[rows.length - 1]._id;
	}
	for (const id of [...revs.keys()])
		if (id.startsWith(TABLES[table]) && !seen.has(id)) {
			engine.remove(id);
			revs.delete(id);
		}
}

async function refresh(ids: string[]): Promise<void> {
	for (const [table, prefix] of Object.entries(TABLES)) {
		const keys = ids.filter((id) => id.startsWith(prefix));
		if (keys.length === 0) continue;
		const rows = await tables.table(table).bulkGet(keys);
		rows.forEach((row, i) => {
			if (row) {
				engine.put(row);
				revs.set(keys[i], row._rev ?? '');
			} else {
				engine.remove(keys[i]);
				revs.delete(keys[i]);
			}
		});
	}
}

const built: Promise<void> = (async () => {
	const started = performance.now();
	for (const table of Object.keys(TABLES) as TableName[]) await reconcile(table);
	tell(Math.round(performance.now() - started));
})();

function schedule(delay: number): void {
	if (timer !== undefined || running) return;
	timer = setTimeout(() => {
		timer = undefined;
		void catchUp();
	}, delay);
}

async function catchUp(): Promise<void> {
	await built;
	running = true;
	const full = [...pending.full];
	const keys = [...pending.keys];
	pending.full.clear();
	pending.keys.clear();
	try {
		for (const table of full) await reconcile(table);
		await refresh(keys);
		if (full.length > 0 || keys.length > 0) tell();
	} catch (err) {
		console.error('search index', err);
	} finally {
		running = false;
		if (pending.full.size > 0 || pending.keys.size > 0) schedule(full.length > 0 ? AFTER_FULL_MS : QUICK_MS);
	}
}

/** The keys of a change, or null when it covers a range (a large batch, a cleared table): read it all. */
function discreteKeys(tree: IntervalTree): string[] | null {
	const keys: string[] = [];
	const stack = [tree];
	while (stack.length > 0) {
		const node = stack.pop();
		if (!node || !('from' in node)) continue;
		if (typeof node.from !== 'string' || node.from !== node.to) return null;
		keys.push(node.from);
		if (node.l) stack.push(node.l);
		if (node.r) stack.push(node.r);
	}
	return keys;
}

Dexie.on('storagemutated', (parts: ObservabilitySet) => {
	for (const table of Object.keys(TABLES) as TableName[]) {
		const part = parts[`idb://${tables.name}/${table}/`];
		if (!part) continue;
		const keys = discreteKeys(part);
		if (keys === null) pending.full.add(table);
		else for (const key of keys) pending.keys.add(key);
	}
	if (pending.full.size > 0 || pending.keys.size > 0) schedule(QUICK_MS);
});

/** Every result of a search, grouped by commune (best first within each): what the map shows. */
function points(request: WorkerRequest): { points: CommunePoint[]; total: number } {
	const grouped = engine.byCommune(request, POPUP_HITS);
	const points = grouped.communes.flatMap(({ commune, count, hits }) => {
		const at = coordinates(commune);
		if (!at) return [];
		return [{ commune, at, count, hits: hits.map(({ id, type, title }) => ({ id, type, title })) }];
	});
	return { points, total: grouped.total };
}

scope.onmessage = async (event: MessageEvent<Ask>) => {
	const ask = event.data;
	try {
		await built;
		if (ask.kind === 'search') post({ kind: 'search', id: ask.id, response: engine.search(ask.request) });
		else post({ kind: 'points', id: ask.id, ...points(ask.request) });
	} catch (err) {
		post({ kind: 'failed', id: ask.id, reason: err instanceof Error ? err.message : String(err) });
	}
};
