// Composes the server: errors in one place, /db (replication), /api (sessions, health) and the
// built app with its SPA fallback; `startServer` listens and stops without waiting on longpolls.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { Auth } from './auth';
import { cardRoutes } from './cards';
import { createCouch } from './couch';
import type { Couch } from './couch/context';
import { directoryCsvRoutes } from './directory/csv';
import { notFound, onError, tooLarge } from './errors';
import { eventRoutes } from './events';
import { mediaRoutes } from './media';
import { createSearch } from './search';
import { sharedListingPage } from './share';
import type { Stores } from './store';

export interface AppOptions {
	stores: Stores;
	auth: Pick<Auth, 'viewerOf' | 'routes'>;
	/** The SvelteKit build (`build/`); without it only /db and /api are served. */
	staticDir?: string;
	/** The public address (PUBLIC_URL), for absolute links in share previews; else the request's. */
	publicUrl?: string;
}

const API_BODY_LIMIT = 1024 * 1024;
/** What stopping an app involves besides closing its server: answering longpolls, leaving the store. */
const closers = new WeakMap<Hono, () => void>();
const couches = new WeakMap<Hono, Couch>();

/** The replication endpoint's context: server jobs write through it, with the same checks and index. */
export function couchOf(app: Hono): Couch {
	const couch = couches.get(app);
	if (!couch) throw new Error('couchOf: not an app made by createApp');
	return couch;
}

export function createApp({ stores, auth, staticDir, publicUrl }: AppOptions): Hono {
	// PouchDB adds trailing slashes (`/db/`, `/db/elbasar/`): match paths loosely.
	const app = new Hono({ strict: false });
	app.onError(onError);
	app.notFound(notFound);
	app.use('*', compress());

	const couch = createCouch({ stores, viewerOf: (c) => auth.viewerOf(c) });
	app.route('/db', couch.routes);
	couches.set(app, couch.context);
	// Before the /api body limit: a spreadsheet import may be larger than a JSON call.
	app.route('/api/directory', directoryCsvRoutes(couch.context));

	app.use('/api/*', bodyLimit({ maxSize: API_BODY_LIMIT, onError: () => Promise.reject(tooLarge()) }));
	app.get('/api/health', (c) => c.json({ ok: true }));
	app.route('/api', auth.routes);
	app.route('/api', cardRoutes({ stores, viewerOf: (c) => auth.viewerOf(c) }));
	app.route('/api', eventRoutes({ stores, viewerOf: (c) => auth.viewerOf(c) }));
	const search = createSearch({ db: stores.db, viewerOf: (c) => auth.viewerOf(c) });
	app.route('/api', search.routes);
	app.route('/media', mediaRoutes({ db: stores.db, viewerOf: (c) => auth.viewerOf(c) }));

	if (staticDir) serveApp(app, resolve(staticDir), stores.db, publicUrl);
	closers.set(app, () => {
		couch.close();
		search.close();
	});
	return app;
}

/** Hashed build files never change: cache them for a year. The rest must be revalidated. */
function cacheHeaders(path: string, c: Context): void {
	const immutable = path.includes('/_app/immutable/');
	c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

const SERVER_PATHS = /^\/(api|db|media)(\/|$)/;
/** Paths that are not pages: a missing build file must be a 404, not the app's HTML. */
const NOT_PAGES = /^\/(api|db|media|_app)(\/|$)/;

function serveApp(app: Hono, root: string, db: PouchDB.Database, publicUrl?: string): void {
	const files = serveStatic({ root, precompressed: true, onFound: cacheHeaders });
	const page = serveStatic({ root, path: 'index.html', onFound: cacheHeaders });
	const index = resolve(root, 'index.html');
	app.use('*', (c, next) => (SERVER_PATHS.test(c.req.path) ? next() : files(c, next)));
	// A shared listing's page carries its preview tags (Open Graph) for social networks.
	app.get('/annonces/:id', sharedListingPage({ db, index, publicUrl }));
	// Any other page is a route of the single-page app.
	app.get('*', (c, next) => (NOT_PAGES.test(c.req.path) || !existsSync(index) ? next() : page(c, next)));
}

export interface RunningServer {
	url: string;
	close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one) and resolves once the server accepts connections. */
export function startServer(app: Hono, port: number, hostname: string): Promise<RunningServer> {
	return new Promise((resolveStart, reject) => {
		const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
			const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
			resolveStart({ url: `http://${host}:${info.port}`, close: () => stop(app, server) });
		});
		// Node closes idle keep-alive connections after 5 s: on a 300 ms, 0.8 Mbit/s link the device
		// reuses them just as they are cut (bench:sync-node saw "socket hang up" mid-pull). Keep them longer.
		const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
		http.keepAliveTimeout = 65_000;
		http.headersTimeout = 66_000;
		server.once('error', reject);
	});
}

type NodeServer = ReturnType<typeof serve> & { closeIdleConnections?(): void; closeAllConnections?(): void };

/** Longpolls are answered at once; requests in flight get a moment, then connections are cut. */
function stop(app: Hono, server: NodeServer): Promise<void> {
	closers.get(app)?.();
	return new Promise((done) => {
		server.close(() => done());
		server.closeIdleConnections?.();
		setTimeout(() => server.closeAllConnections?.(), 1_000).unref();
	});
}
