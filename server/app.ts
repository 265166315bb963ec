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
import { except } from 'hono/combine';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import type { Auth } from './auth';
import { type ViewerEnv, viewerMiddleware } from './auth/viewer';
import { cardRoutes } from './cards';
import { createCouch } from './couch';
import type { Couch } from './couch/context';
import { directoryCsvRoutes } from './directory/csv';
import { notFound, onError, tooLarge } from './errors';
import { eventRoutes } from './events';
import { createInvitations, invitationRoutes } from './invitations';
import type { Log } from './log';
import type { Mailer } from './mail';
import { mediaRoutes } from './media';
import { csrfGuard } from './middleware/csrf';
import { methodGuard } from './middleware/methods';
import { requestLog } from './middleware/request-log';
import { type Billing, DEMO_BILLING, type Issuer, moneyRoutes } from './money';
import type { HelloAssoConfig } from './money/helloasso';
import { createPrivacy, type Privacy, type PrivacyOptions } from './privacy';
import { createSearch } from './search';
import { sharedListingPage } from './share';
import { signupRoutes } from './signup';
import { DB_NAME, type Stores } from './store';

export interface AppOptions {
	stores: Stores;
	auth: Pick<Auth, 'viewerOf' | 'routes' | 'cookieOptions'>;
	/** Where invitations and other account e-mails go (SMTP or the outbox); without it none leave. */
	mailer?: Mailer;
	/** The clock of single-use links (tests move it instead of waiting 7 days). */
	now?: () => number;
	/** Where the request lines and refused writes go. */
	log: Log;
	/** The SvelteKit build (`build/`); without it only /db and /api are served. */
	staticDir?: string;
	/**
	 * The public address (PUBLIC_URL), for absolute links in share previews, and the one origin
	 * cookie-authenticated writes may come from; else the request's own.
	 */
	publicUrl?: string;
	/** The sign-up of non-member structures (/api/signup), served when a mailer is given. */
	signup?: { mailer: Mailer; trustedProxies?: readonly string[] };
	/** The RGPD routes (export, erasure): they need the mailer and DATA_DIR. */
	privacy?: Omit<PrivacyOptions, 'couch' | 'accounts' | 'publicUrl'>;
	/** What invoices say of the network and how they are numbered (demo values without it). */
	money?: { billing: Billing; issuer: Issuer };
	/** HelloAsso's configuration (HELLOASSO_*); without it no online payment is offered. */
	helloAsso?: HelloAssoConfig | null;
	/** Proxies whose X-Forwarded-For names the caller (payment notifications check their sender). */
	trustedProxies?: readonly string[];
}

/** What a caller of `createApp` works with. */
export interface ServerApp {
	app: Hono<ViewerEnv>;
	/** The replication endpoint's context: server jobs write through it, with the same checks and index. */
	couch: Couch;
	/** The RGPD routes' handle, when mounted. */
	privacy?: Privacy;
	/** Answers open longpolls, stops following the store and saves what it keeps there; the store stays open. */
	close(): Promise<void>;
}

const API_BODY_LIMIT = 1024 * 1024;
/** The routes that take a file (multipart/form-data) rather than JSON. */
const FILE_ROUTES = ['/api/directory/import'];
/** API paths answered the same to everyone (the session routes resolve their caller themselves). */
const NO_VIEWER = ['/api/health', '/api/session'];

/** A server composed without a mailer (benchmarks, some tests) sends nothing and says so. */
const NO_MAILER: Mailer = {
	target: 'aucun',
	send: () => Promise.reject(new Error('pas d’envoi d’e-mails sur ce serveur')),
	close: () => {},
};

export function createApp({
	stores,
	auth,
	log,
	staticDir,
	publicUrl,
	mailer,
	now,
	signup,
	privacy,
	money = DEMO_BILLING,
	helloAsso,
	trustedProxies,
}: AppOptions): ServerApp {
	// PouchDB adds trailing slashes (`/db/`, `/db/elbasar/`): match paths loosely.
	const app = new Hono<ViewerEnv>({ strict: false });
	app.onError(onError);
	app.notFound(notFound);
	app.use('*', requestLog(log));
	app.use('*', compress());
	app.use('*', methodGuard);
	// Before the viewer is read: a forged write costs no session lookup.
	const csrf = csrfGuard({ publicUrl, fileRoutes: FILE_ROUTES });
	app.use('/api/*', csrf);
	app.use('/db/*', csrf);

	// The viewer is read once per request, and only where an answer depends on it: not for the
	// server's descriptive /db answers nor for the app's files.
	const viewer = viewerMiddleware((c) => auth.viewerOf(c));
	app.use(`/db/${DB_NAME}/*`, viewer);
	app.use('/media/*', viewer);
	app.use('/api/*', except(NO_VIEWER, viewer));

	const couch = createCouch({ stores, log });
	app.route('/db', couch.routes);
	const invitations = createInvitations({
		accounts: stores.accounts,
		db: stores.db,
		mailer: mailer ?? NO_MAILER,
		publicUrl,
		now,
	});
	// Before the /api body limit: a spreadsheet import may be larger than a JSON call.
	app.route(
		'/api/directory',
		directoryCsvRoutes(couch.context, { service: invitations, accounts: stores.accounts }),
	);

	app.use('/api/*', bodyLimit({ maxSize: API_BODY_LIMIT, onError: () => Promise.reject(tooLarge()) }));
	app.get('/api/health', (c) => c.json({ ok: true }));
	app.route('/api', auth.routes);
	app.route('/api', invitationRoutes(invitations, stores.accounts, auth.cookieOptions));
	app.route('/api', cardRoutes({ stores }));
	app.route('/api', eventRoutes({ stores }));
	const search = createSearch({ db: stores.db });
	app.route('/api', search.routes);
	app.route('/api/money', moneyRoutes({ db: stores.db, ...money, helloAsso, log, trustedProxies, now }));
	app.route('/media', mediaRoutes(stores.db));
	if (signup)
		app.route(
			'/api/signup',
			signupRoutes({ ...signup, accounts: stores.accounts, couch: couch.context, publicUrl }),
		);
	const rgpd = privacy
		? createPrivacy({ ...privacy, couch: couch.context, accounts: stores.accounts, publicUrl })
		: undefined;
	if (rgpd) app.route('/api', rgpd.routes);

	if (staticDir) serveApp(app, resolve(staticDir), stores.db, publicUrl);
	return {
		app,
		couch: couch.context,
		...(rgpd ? { privacy: rgpd } : {}),
		close: async () => {
			search.close();
			await couch.close();
		},
	};
}

/** Hashed build files never change: cache them for a year. The rest must be revalidated. */
function cacheHeaders(path: string, c: Context): void {
	const immutable = path.includes('/_app/immutable/');
	c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

const SERVER_PATHS = /^\/(api|db|media)(\/|$)/;
/** Paths that are not pages: a missing build file must be a 404, not the app's HTML. */
const NOT_PAGES = /^\/(api|db|media|_app)(\/|$)/;

function serveApp(app: Hono<ViewerEnv>, root: string, db: PouchDB.Database, publicUrl?: string): void {
	const files = serveStatic({ root, precompressed: true, onFound: cacheHeaders });
	const page = serveStatic({ root, path: 'index.html', onFound: cacheHeaders });
	const index = resolve(root, 'index.html');
	// The files revalidated at each start (the page, the service worker's update check) answer a
	// device that holds them already with a 304: ~10 kB less down at every relaunch. Weak, since the
	// same tag stands for the gzip and the plain body.
	const revalidated = etag({ weak: true });
	app.use('*', (c, next) =>
		SERVER_PATHS.test(c.req.path) || c.req.path.includes('/_app/immutable/') ? next() : revalidated(c, next),
	);
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
export function startServer(
	{ app, close }: Pick<ServerApp, 'app' | 'close'>,
	port: number,
	hostname: string,
): Promise<RunningServer> {
	return new Promise((resolveStart, reject) => {
		const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
			const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
			resolveStart({ url: `http://${host}:${info.port}`, close: () => stop(close, server) });
		});
		// Node closes idle keep-alive connections after 5 s: on a 300 ms, 0.8 Mbit/s link the device
		// reuses them just as they are cut (bench:sync-node saw "socket hang up" mid-pull). Keep them longer.
		const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
		http.keepAliveTimeout = 65_000;
		http.headersTimeout = 66_000;
		server.once('error', reject);
		// Node drops a CONNECT without a word unless someone listens: this server is no proxy, say so.
		server.on('connect', (_req, socket) => {
			socket.end(
				'HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, PUT, DELETE, OPTIONS\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
			);
		});
	});
}

type NodeServer = ReturnType<typeof serve> & { closeIdleConnections?(): void; closeAllConnections?(): void };

/** Longpolls are answered at once; requests in flight get a moment, then connections are cut. */
async function stop(closeApp: () => Promise<void>, server: NodeServer): Promise<void> {
	const closing = closeApp();
	await new Promise<void>((done) => {
		server.close(() => done());
		server.closeIdleConnections?.();
		setTimeout(() => server.closeAllConnections?.(), 1_000).unref();
	});
	await closing;
}
