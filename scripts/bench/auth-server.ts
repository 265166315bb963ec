// The server of bench:auth, in its own process so the load and the timings run apart from it:
// LevelDB stores in the given data directory seeded with the demo network, the real app on
// 127.0.0.1, 127.0.0.1 trusted as a proxy (so the bench can play many clients with
// X-Forwarded-For). Started by auth.ts with <data dir> <scale>.
import { createApp, startServer } from '../../server/app';
import { createAuth } from '../../server/auth';
import { passwordQueue } from '../../server/auth/password-queue';
import { type Scale, seedDemo } from '../../server/demo/seed';
import { createLog } from '../../server/log';
import { openStores } from '../../server/store';
import { failChild, serveParent } from './ipc';

export interface AuthServerReady {
	url: string;
	docs: number;
	seedMs: number;
	threadpool: string;
}

async function main(): Promise<void> {
	const [dataDir, scale] = process.argv.slice(2);
	const stores = openStores({ dataDir });
	const seeded = await seedDemo(stores, { scale: scale as Scale });
	const auth = createAuth({ accounts: stores.accounts, db: stores.db, trustedProxies: ['127.0.0.1'] });
	// A line per request would drown the figures.
	const app = createApp({ stores, auth, log: createLog('warn') });
	const server = await startServer(app, 0, '127.0.0.1');
	// The first read builds the audience index: done before any timing.
	await (await fetch(`${server.url}/db/elbasar/_changes?limit=1`)).arrayBuffer();
	const ready: AuthServerReady = {
		url: server.url,
		docs: seeded.docs,
		seedMs: seeded.ms,
		threadpool: process.env.UV_THREADPOOL_SIZE ?? '4 (default)',
	};
	serveParent(ready, {
		hashing: () => passwordQueue.stats(),
		resetHashing: () => passwordQueue.resetPeak(),
		close: async () => {
			await server.close();
			auth.close();
			await stores.close();
			return true;
		},
	});
}

main().catch(failChild);
