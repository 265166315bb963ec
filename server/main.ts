// Process entry: configuration → stores → auth → demo data if the store is empty → app → listen;
// stops cleanly on SIGINT/SIGTERM so LevelDB is closed and no write is lost.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp, startServer } from './app';
import { type Auth, createAuth } from './auth';
import { cardKeys } from './cards';
import { type Config, ConfigError, loadConfig } from './config';
import { describeAccounts, seedDemo } from './demo/seed';
import { startJobs } from './jobs';
import { createLog, type Log } from './log';
import { createMailer, type Mailer } from './mail';
import { type HelloAssoConfig, helloAssoConfigFrom } from './money/helloasso';
import { openStores, type Stores } from './store';

const STATIC_DIR = 'build';
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The environment's configuration, HelloAsso's included (null: no online payment). */
type Settings = Config & { helloAsso: HelloAssoConfig | null };

function readConfig(): Settings {
	try {
		return { ...loadConfig(), helloAsso: helloAssoConfigFrom(process.env) };
	} catch (err) {
		if (!(err instanceof ConfigError)) throw err;
		console.error(err.message);
		process.exit(1);
	}
}

async function main(): Promise<void> {
	const config = readConfig();
	const log = createLog(config.logLevel);
	const info = log.info;

	const stores = await openStores({ dataDir: config.dataDir, couchUrl: config.couchUrl });
	// The password reset and the account page send links too: the mailer exists before auth.
	const mailer = createMailer(config.mail);
	const auth = createAuth({
		accounts: stores.accounts,
		db: stores.db,
		secureCookies: config.secureCookies,
		trustedProxies: config.trustedProxies,
		mailer,
		publicUrl: config.publicUrl,
		warn: log.warn,
	});
	const server = await serve(config, stores, auth, log, mailer).catch(async (err) => {
		mailer.close();
		auth.close();
		await stores.close().catch(() => {});
		throw err;
	});
	info(`elBasar écoute sur http://localhost:${new URL(server.url).port || config.port}`);

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) {
			console.error(`${signal} reçu pendant l’arrêt : arrêt immédiat.`);
			process.exit(1);
		}
		stopping = true;
		info(`${signal} reçu : arrêt en cours…`);
		setTimeout(() => {
			console.error('L’arrêt prend trop de temps : arrêt immédiat.');
			process.exit(1);
		}, SHUTDOWN_TIMEOUT_MS).unref();
		try {
			await server.close();
			auth.close();
			await stores.close();
			info('elBasar est arrêté.');
			process.exit(0);
		} catch (err) {
			console.error(`Arrêt incomplet : ${(err as Error).message}`);
			process.exit(1);
		}
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Seeds an empty store when asked to, then composes the app and listens. */
async function serve(config: Settings, stores: Stores, auth: Auth, log: Log, mailer: Mailer) {
	const info = log.info;
	if (config.seed === 'demo') {
		const seeded = await seedDemo(stores);
		if (seeded.seeded) {
			info(`Données de démonstration : ${seeded.docs} documents (${seeded.ms} ms).`);
			info(describeAccounts(seeded.accounts));
		}
	}
	// The card key exists before any device syncs, so hosts' phones hold it for offline check-ins.
	await cardKeys(stores);
	info(`E-mails : ${mailer.target}.`);
	const built = existsSync(resolve(STATIC_DIR, 'index.html'));
	if (!built) log.warn(`L’application n’est pas construite (${STATIC_DIR}/ absent) : lancez npm run build.`);
	const app = createApp({
		stores,
		auth,
		log,
		staticDir: built ? STATIC_DIR : undefined,
		publicUrl: config.publicUrl,
		mailer,
		signup: { mailer, trustedProxies: config.trustedProxies },
		privacy: { mailer, dataDir: config.dataDir, secureCookies: config.secureCookies, warn: log.warn },
		helloAsso: config.helloAsso,
		trustedProxies: config.trustedProxies,
	});
	const running = await startServer(app, config.port, config.host);
	// Expiry of listings, reminders and e-mailed notices; stopped before the store closes.
	const jobs = config.jobs.enabled
		? startJobs({
				couch: app.couch,
				accounts: stores.accounts,
				mailer,
				intervalMs: config.jobs.intervalMinutes * 60_000,
				reminderDays: config.jobs.reminderDays,
				publicUrl: config.publicUrl,
				exportsDataDir: config.dataDir,
				warn: log.warn,
			})
		: null;
	if (!jobs) info('Tâches périodiques désactivées (JOBS=false).');
	return {
		...running,
		close: async () => {
			await jobs?.stop();
			mailer.close();
			await running.close();
		},
	};
}

/** The usual reasons a start fails, said plainly. */
function explain(err: Error & { code?: string }): string {
	if (/LOCK/.test(err.message))
		return `${err.message}\nUn autre serveur elBasar utilise-t-il déjà ce DATA_DIR ?`;
	if (err.code === 'EADDRINUSE') return `${err.message}\nCe PORT est déjà pris : choisissez-en un autre.`;
	if (err.code === 'EACCES')
		return `${err.message}\nCe PORT demande des droits particuliers : choisissez-en un autre.`;
	return err.message;
}

main().catch((err: Error) => {
	console.error(`elBasar n’a pas pu démarrer : ${explain(err)}`);
	process.exit(1);
});
