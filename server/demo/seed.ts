// Fills an empty store with the demo network (directory, listings, events, accounts), in large
// batches so a region-scale seed (~60,000 documents) takes seconds, not minutes.
/// <reference types="pouchdb-core" />
import { type Doc, validateDoc } from '../../src/lib/domain';
import { createAccount } from '../auth/accounts';
import { type DemoAccount, generateDemo, REGION_SCALE } from './generate';

const BATCH = 2_000;

/** Sizes the demo is generated at: the default one, and a region for benchmarks. */
export const SCALES = {
	demo: {},
	region: REGION_SCALE,
} as const;
export type Scale = keyof typeof SCALES;

export interface SeedResult {
	seeded: boolean;
	docs: number;
	/** Documents written per type (`structure`, `listing`…). */
	byType: Record<string, number>;
	accounts: DemoAccount[];
	ms: number;
}

/**
 * Seeds the demo network. Skips a store that already holds documents (so a restart never
 * seeds twice); with `force` it refuses nothing and writes over the demo documents.
 */
export async function seedDemo(
	stores: { db: PouchDB.Database; accounts: PouchDB.Database },
	opts: {
		scale?: Scale;
		force?: boolean;
		seed?: number;
		now?: Date;
		onProgress?: (written: number) => void;
	} = {},
): Promise<SeedResult> {
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	const info = await stores.db.info();
	if (info.doc_count > 0 && !opts.force)
		return { seeded: false, docs: 0, byType: {}, accounts: [], ms: elapsed() };

	const { docs, accounts } = generateDemo({
		...SCALES[opts.scale ?? 'demo'],
		seed: opts.seed,
		now: opts.now,
	});
	checkAll(docs);
	let written = 0;
	for (let i = 0; i < docs.length; i += BATCH) {
		written += await writeBatch(stores.db, docs.slice(i, i + BATCH));
		opts.onProgress?.(written);
	}
	for (const account of accounts) await ensureAccount(stores.accounts, account);
	const byType: Record<string, number> = {};
	for (const doc of docs) byType[doc.type] = (byType[doc.type] ?? 0) + 1;
	return { seeded: true, docs: written, byType, accounts, ms: elapsed() };
}

/** Lines telling how to sign in with the demo accounts, for the console. */
export function describeAccounts(accounts: DemoAccount[]): string {
	const lines = accounts.map((a) => `  ${a.label}\n    ${a.email}  /  mot de passe : ${a.password}`);
	return [`Comptes de démonstration (${accounts.length}) :`, ...lines].join('\n');
}

/** A generator bug must stop the seed, not fill the store with documents the server would refuse. */
function checkAll(docs: Doc[]): void {
	for (const doc of docs) {
		const check = validateDoc(doc);
		if (!check.ok) throw new Error(`Donnée de démonstration invalide (${doc._id}) : ${check.reason}`);
	}
}

/** Writes one batch; documents already there (a forced re-seed) are overwritten at their revision. */
async function writeBatch(db: PouchDB.Database, batch: Doc[]): Promise<number> {
	const results = await db.bulkDocs(batch);
	const conflicts = batch.filter((_, i) => (results[i] as { status?: number }).status === 409);
	failOnErrors(results.filter((r) => (r as { status?: number }).status !== 409));
	if (conflicts.length === 0) return batch.length;
	const current = await db.allDocs({ keys: conflicts.map((d) => d._id) });
	const revs = new Map(
		current.rows.map((row) => ('value' in row ? [row.id, row.value.rev] : [row.key, undefined])),
	);
	failOnErrors(await db.bulkDocs(conflicts.map((doc) => ({ ...doc, _rev: revs.get(doc._id) }))));
	return batch.length;
}

function failOnErrors(results: (PouchDB.Core.Response | PouchDB.Core.Error)[]): void {
	const error = results.find((r) => 'error' in r && r.error) as PouchDB.Core.Error | undefined;
	if (error) throw new Error(`Écriture refusée (${error.id}) : ${error.message ?? error.name}`);
}

async function ensureAccount(accounts: PouchDB.Database, account: DemoAccount): Promise<void> {
	const { email, password, name, structureId, staff } = account;
	try {
		await createAccount(accounts, { email, password, name, structureId, staff });
	} catch (err) {
		if ((err as { status?: number }).status !== 409) throw err;
	}
}
