// The one setup of server tests: a real server on an ephemeral port with in-memory stores, the
// fixture network written straight to the store and its accounts (`useTestServer` starts one per
// file, or per test), real PouchDB clients to replicate against it, and raw HTTP calls.

import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
	type AppOptions,
	createApp,
	type RunningServer,
	type ServerApp,
	startServer,
} from '../../server/app';
import { type Auth, type AuthOptions, createAccount, createAuth } from '../../server/auth';
import { createLog } from '../../server/log';
import type { Mailer } from '../../server/mail';
import { openStores, type Stores } from '../../server/store';
import type { Doc } from '../../src/lib/domain';
import { ALL_FIXTURE_DOCS, PASSWORD, PEOPLE, type Who } from './fixtures';

export * from './fixtures';

export const Client = PouchDB.plugin(memoryAdapter);

export interface TestServerOptions {
	/** What the store holds at start: the fixture network unless told otherwise. */
	docs?: Doc[];
	/** Accounts made at start: one per person of PEOPLE unless told otherwise (false: none). */
	people?: boolean | Who[];
	/** Files of a built app (path → content), served as `build/` would be. */
	build?: Record<string, string>;
	/** LevelDB stores in a temporary directory instead of memory stores. */
	onDisk?: boolean;
	/** More options of the server's auth: trusted proxies, the sign-in limits' clock. */
	auth?: Omit<AuthOptions, 'accounts' | 'db'>;
	/** Where the server's e-mails go (a loopback SMTP server of tests/server/smtp.ts, say). */
	mailer?: Mailer;
	/** The public address links in e-mails start with. */
	publicUrl?: string;
	/** Serves the sign-up routes with this mailer (server/signup). */
	signup?: AppOptions['signup'];
	/** Adds routes to the app before it listens (a test's window on the server's state). */
	extend?(app: ServerApp['app']): void;
}

/** What a restart takes over from the server it replaces (restartTestServer). */
interface Reopen {
	dataDir: string;
	/** Runs on the store while no server has it open, as a tool or a dying process would write. */
	whileDown?(stores: Stores): Promise<void>;
}

export interface TestServer extends RunningServer {
	stores: Stores;
	auth: Auth;
	/** The replication endpoint of the shared database. */
	dbUrl: string;
	app: ServerApp['app'];
	couch: ServerApp['couch'];
	/** The server's log lines (info and up), kept instead of printed. */
	log: string[];
	/** Where the `build` files were written. */
	buildDir?: string;
	/** The LevelDB stores' folder (`onDisk`). */
	dataDir?: string;
	/** Closes the server and its stores, keeping its folders (a restart follows). */
	stop(): Promise<void>;
	options: TestServerOptions;
}

/** A server on 127.0.0.1 with the fixture documents and (unless told not to) one account per person. */
export async function startTestServer(opts: TestServerOptions = {}, reopen?: Reopen): Promise<TestServer> {
	const dataDir = reopen?.dataDir ?? (opts.onDisk ? mkdtempSync(join(tmpdir(), 'elbasar-data-')) : undefined);
	const stores = dataDir ? openStores({ dataDir }) : openStores({ memory: true });
	if (reopen) await reopen.whileDown?.(stores);
	else {
		await stores.db.bulkDocs(opts.docs ?? ALL_FIXTURE_DOCS);
		const people: Who[] =
			opts.people === false ? [] : Array.isArray(opts.people) ? opts.people : Object.values(PEOPLE);
		for (const who of people) await createAccount(stores.accounts, { ...who, password: PASSWORD });
	}
	const build = opts.build ? writeBuild(opts.build) : undefined;
	const lines: string[] = [];
	const log = createLog('info', (level, line) => {
		lines.push(line);
		if (level === 'error') console.error(line);
	});
	const auth = createAuth({ ...opts.auth, accounts: stores.accounts, db: stores.db });
	const composed = createApp({
		stores,
		auth,
		log,
		staticDir: build,
		mailer: opts.mailer,
		publicUrl: opts.publicUrl,
		now: opts.auth?.now,
		signup: opts.signup,
	});
	opts.extend?.(composed.app);
	const running = await startServer(composed, 0, '127.0.0.1');
	const stop = async () => {
		await running.close();
		auth.close();
		await stores.close();
	};
	return {
		...running,
		stores,
		auth,
		dbUrl: `${running.url}/db/elbasar`,
		app: composed.app,
		couch: composed.couch,
		log: lines,
		...(build ? { buildDir: build } : {}),
		...(dataDir ? { dataDir } : {}),
		options: opts,
		stop,
		close: async () => {
			await stop();
			for (const dir of [build, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * Stops a server on disk and starts another on the same stores (a deploy, a crash): `whileDown`
 * writes to the store in between. The object is updated in place, on a new port.
 */
export async function restartTestServer(server: TestServer, whileDown?: Reopen['whileDown']): Promise<void> {
	const { dataDir } = server;
	if (!dataDir) throw new Error('restartTestServer: the server must be onDisk');
	await server.stop();
	Object.assign(server, await startTestServer(server.options, { dataDir, whileDown }));
}

function writeBuild(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'elbasar-build-'));
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), content);
	}
	return root;
}

/**
 * The server of a test file: started before its tests and stopped after them. The object is filled
 * in before the first test runs. Tests that share it leave the data as they found it or use their
 * own ids; `each: true` gives every test a fresh server instead (for tests that change rights).
 */
export function useTestServer(opts: TestServerOptions & { each?: boolean } = {}): TestServer {
	const server = {} as TestServer;
	const start = async () => {
		Object.assign(server, await startTestServer(opts));
	};
	const stop = async () => {
		await server.close?.();
	};
	if (opts.each) {
		beforeEach(start);
		afterEach(stop);
	} else {
		beforeAll(start);
		afterAll(stop);
	}
	return server;
}

/** The server database as PouchDB sees it, as a visitor or signed in with HTTP Basic. */
export function remote(server: TestServer, who?: Who): PouchDB.Database {
	return new Client(server.dbUrl, who ? { auth: { username: who.email, password: PASSWORD } } : {});
}

/** A device's replica. */
export function device(): PouchDB.Database {
	return new Client(`device-${randomUUID()}`, { adapter: 'memory' });
}

export function basicHeader(who: Who): string {
	return `Basic ${Buffer.from(`${who.email}:${PASSWORD}`).toString('base64')}`;
}

/** A raw HTTP call, for what PouchDB would never send. */
export async function call(server: TestServer, path: string, init: RequestInit & { as?: Who } = {}) {
	const headers = new Headers(init.headers);
	if (init.as) headers.set('authorization', basicHeader(init.as));
	const res = await fetch(server.url + path, { ...init, headers });
	const text = await res.text();
	let body: unknown = null;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		body = text;
	}
	return { res, status: res.status, body: body as Record<string, unknown> & unknown[] };
}

export const postJson = (body: unknown, as?: Who): RequestInit & { as?: Who } => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body),
	as,
});

/** Ids of the live documents a replica holds. */
export async function localIds(db: PouchDB.Database): Promise<string[]> {
	const all = await db.allDocs();
	return all.rows.map((r) => r.id).sort();
}
