// The bench's server, in its own process: seeds a LevelDB data directory with the demo network at
// the asked scale, serves it with the real app on 127.0.0.1, and edits listings when told to (as
// other people would while the device is away). Started by harness.ts with <data dir> <scale>
// [<static dir>]: the phone bench passes the SvelteKit build (`build/`) so the real app is served.
/// <reference types="pouchdb-core" />
import { createApp, startServer } from '../../server/app';
import { createAuth } from '../../server/auth';
import { type Scale, seedDemo } from '../../server/demo/seed';
import { createLog } from '../../server/log';
import { openStores } from '../../server/store';
import { docId, type Listing, newKey, validateDoc } from '../../src/lib/domain';
import { failChild, serveParent } from './ipc';

export interface ServerReady {
	url: string;
	docs: number;
	byType: Record<string, number>;
	seedMs: number;
	/** The first database info: the audience index is built from the whole store before it answers. */
	indexMs: number;
}

export interface Edited {
	edited: number;
	created: number;
	/** The document written last (the highest sequence): once a device holds it, it holds them all. */
	lastId: string;
}

async function main(): Promise<void> {
	const [dataDir, scale, staticDir] = process.argv.slice(2);
	const stores = openStores({ dataDir });
	const seeded = await seedDemo(stores, { scale: scale as Scale });
	const auth = createAuth({ accounts: stores.accounts, db: stores.db });
	// The bench prints its own figures: a line per request would drown them.
	const app = createApp({ stores, auth, log: createLog('warn'), staticDir });
	const server = await startServer(app, 0, '127.0.0.1');
	const started = performance.now();
	const info = await fetch(`${server.url}/db/elbasar/`);
	if (!info.ok) throw new Error(`GET /db/elbasar/ → ${info.status}`);
	await info.arrayBuffer();
	const ready: ServerReady = {
		url: server.url,
		docs: seeded.docs,
		byType: seeded.byType,
		seedMs: seeded.ms,
		indexMs: Math.round(performance.now() - started),
	};
	let round = 0;
	serveParent(ready, {
		edit: ({ count }) => editListings(stores.db, Number(count), ++round),
		cpu: () => process.cpuUsage(),
		close: async () => {
			await server.close();
			auth.close();
			await stores.close();
			return true;
		},
	});
}

/**
 * Edits three quarters of `count` public listings and creates the rest, in one write, as the
 * network would over a day while a device is offline. Every viewer may read all of them.
 */
async function editListings(db: PouchDB.Database, count: number, round: number): Promise<Edited> {
	const toEdit = Math.ceil((count * 3) / 4);
	const found = await db.allDocs<Listing>({
		include_docs: true,
		startkey: 'listing:',
		endkey: 'listing:\uffff',
		limit: toEdit * 3,
	});
	const listings = found.rows.flatMap((row) => (row.doc?.audience === 'public' ? [row.doc] : []));
	const now = new Date().toISOString();
	const edited = listings.slice(0, toEdit).map((doc) => ({
		...doc,
		text: `${doc.text} (mise à jour ${round})`,
		updatedAt: now,
	}));
	const created = Array.from({ length: count - edited.length }, (_, i) => {
		const { _rev, ...model } = listings[i % listings.length];
		return { ...model, _id: docId('listing', newKey()), createdAt: now, updatedAt: now };
	});
	const docs = [...edited, ...created];
	for (const doc of docs) {
		const check = validateDoc(doc);
		if (!check.ok) throw new Error(`${doc._id}: ${check.reason}`);
	}
	const results = await db.bulkDocs(docs);
	const failed = results.find((r) => 'error' in r && r.error);
	if (failed) throw new Error(`edit refused: ${JSON.stringify(failed)}`);
	return { edited: edited.length, created: created.length, lastId: docs[docs.length - 1]._id };
}

main().catch(failChild);
