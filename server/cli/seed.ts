// `npm run seed [-- <dir>] [--scale region] [--force]`: fills a store with the demo network and
// prints what it wrote. `--scale region` builds the 60,000-document region used by benchmarks.
import { describeAccounts, SCALES, type Scale, seedDemo } from '../demo/seed';
import { openStores } from '../store';
import { fail, readCommandLine, readConfig } from './run';

type Stores = Awaited<ReturnType<typeof openStores>>;

const USAGE = 'Usage : npm run seed -- [dossier] [--scale demo|region] [--force]';

function readArgs() {
	const { values, positionals } = readCommandLine(USAGE, {
		scale: { type: 'string', default: 'demo' },
		force: { type: 'boolean', default: false },
	});
	if (!(values.scale in SCALES)) fail(`--scale doit valoir ${Object.keys(SCALES).join(' ou ')}.\n${USAGE}`);
	if (positionals.length > 1) fail(USAGE);
	return { scale: values.scale as Scale, force: values.force, dir: positionals[0] };
}

async function main(): Promise<void> {
	const args = readArgs();
	const config = readConfig(args.dir ? { ...process.env, DATA_DIR: args.dir, COUCHDB_URL: '' } : process.env);
	const where = config.couchUrl ? 'la base CouchDB' : config.dataDir;
	const stores = await openStores({ dataDir: config.dataDir, couchUrl: config.couchUrl });
	const refusal = await seedInto(stores, args, where).finally(() => stores.close());
	if (refusal) fail(refusal);
}

/** Seeds, printing as it goes; returns why it refused, if it did. */
async function seedInto(stores: Stores, args: ReturnType<typeof readArgs>, where: string) {
	const { doc_count } = await stores.db.info();
	if (doc_count > 0 && !args.force)
		return `${where} contient déjà ${doc_count} documents : ajoutez --force pour y réécrire les données de démonstration.`;
	console.log(`Données de démonstration (${args.scale}) → ${where}`);
	const result = await seedDemo(stores, {
		scale: args.scale,
		force: args.force,
		onProgress: (written) => process.stdout.isTTY && process.stdout.write(`\r  ${written} documents écrits…`),
	});
	if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
	printResult(result);
	return null;
}

function printResult(result: Awaited<ReturnType<typeof seedDemo>>): void {
	for (const [type, count] of Object.entries(result.byType)) console.log(`  ${type.padEnd(12)} ${count}`);
	console.log(`  ${'total'.padEnd(12)} ${result.docs} documents en ${(result.ms / 1000).toFixed(1)} s`);
	console.log(describeAccounts(result.accounts));
}

main().catch((err: Error) => fail(`Le chargement des données de démonstration a échoué : ${err.message}`));
