// The CouchDB replication endpoint mounted at /db: one database, `elbasar`, read and written
// through the viewer's rights. The accounts store is never reachable from here.
/// <reference types="pouchdb-core" />
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError, tooLarge } from '../errors';
import { DB_NAME, type Stores } from '../store';
import { allDocsRoutes } from './all-docs';
import { AudienceIndex } from './audience-index';
import { DB_BODY_LIMIT } from './body';
import { bootstrapRoutes } from './bootstrap';
import { bulkRoutes } from './bulk';
import { changesRoutes } from './changes';
import type { Couch } from './context';
import { docRoutes } from './docs';
import { dropRoutes } from './drops';
import { ErasedIds } from './erased';
import { localRoutes } from './local';
import type { RefusalLog } from './refusals';
import { dbInfo, rootInfo, serverUuid } from './server-info';
import { Waiters } from './waiters';

export interface CouchEndpoint {
	routes: Hono;
	index: AudienceIndex;
	/** What handlers work with, for other routes that must write through the same checks (CSV import). */
	context: Couch;
	/** Answers open longpolls, stops following the store and saves the drop journal (the store stays open). */
	close(): Promise<void>;
}

/** Changes reads of the store at once before Node calls it a listener leak. */
const CONCURRENT_READS_MAX = 10_000;

/** `log` receives the writes refused, one line per document. */
export function createCouch(opts: { stores: Stores; log: RefusalLog }): CouchEndpoint {
	// PouchDB listens for the database's end once per changes read in flight and stops when the read
	// ends: with 70 devices syncing, dozens at a time, not a leak, yet Node warns past 10. The bound
	// stays finite so that a real leak, which grows without end, is still reported.
	opts.stores.db.setMaxListeners(CONCURRENT_READS_MAX);
	let writing: Promise<unknown> = Promise.resolve();
	const couch: Couch = {
		db: opts.stores.db,
		index: new AudienceIndex(opts.stores.db),
		erased: new ErasedIds(opts.stores.accounts),
		waiters: new Waiters(),
		exclusive: (task) => {
			const run = writing.then(task, task);
			writing = run.catch(() => {});
			return run;
		},
	};
	const uuid = serverUuid(opts.stores.accounts);

	const routes = new Hono();
	routes.use('*', bodyLimit({ maxSize: DB_BODY_LIMIT, onError: () => Promise.reject(tooLarge()) }));
	routes.get('/', async (c) => c.json(await rootInfo(await uuid())));
	routes.get('/_up', (c) => c.json({ status: 'ok' }));
	routes.get('/_all_dbs', (c) => c.json([DB_NAME]));

	const db = new Hono<ViewerEnv>();
	db.get('/', async (c) => c.json(await dbInfo(couch, c.get('viewer'), DB_NAME)));
	db.put('/', () => {
		throw new HttpError(412, 'file_exists', 'La base existe déjà.');
	});
	db.delete('/', () => {
		throw new HttpError(403, 'forbidden', 'La base partagée ne se supprime pas.');
	});
	db.all('/_design/*', (c) => {
		if (c.req.method === 'GET' || c.req.method === 'HEAD') throw new HttpError(404, 'not_found', 'missing');
		throw new HttpError(403, 'forbidden', 'Les documents de conception sont réservés au serveur.');
	});
	db.route('/', changesRoutes(couch));
	db.route('/', bootstrapRoutes(couch));
	db.route('/', bulkRoutes(couch, opts.log));
	db.route('/', allDocsRoutes(couch));
	db.route('/', localRoutes(couch));
	db.route('/', dropRoutes(couch));
	db.route('/', docRoutes(couch, opts.log));
	routes.route(`/${DB_NAME}`, db);

	return {
		routes,
		index: couch.index,
		context: couch,
		close: () => {
			couch.waiters.wakeAll();
			return couch.index.close();
		},
	};
}
