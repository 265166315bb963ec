// `npm run directory -- import fichier.csv [--dry-run]` and `npm run directory -- export [fichier.csv]`:
// the directory's CSV import and export, run on the server's store (DATA_DIR or COUCHDB_URL) as staff.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Viewer } from '../../src/lib/domain';
import { decodeCsv, exportDirectory, type ImportReport } from '../../src/lib/domain/csv';
import { createCouch } from '../couch';
import { importDirectory } from '../directory/import';
import { readDirectory } from '../directory/store';
import { describeError } from '../errors';
import { createLog } from '../log';
import { openStores, type Stores } from '../store';
import { fail, readCommandLine, readConfig, storeFailure } from './run';

const USAGE =
	'Usage : npm run directory -- import fichier.csv [--dry-run]\n        npm run directory -- export [fichier.csv]';
const STAFF: Viewer = { role: 'animator', accountId: 'cli' };

function readArgs() {
	const { values, positionals } = readCommandLine(USAGE, { 'dry-run': { type: 'boolean', default: false } });
	const [command, file, ...rest] = positionals;
	if (rest.length > 0 || !(command === 'import' ? file : command === 'export')) fail(USAGE);
	return { command, file, dryRun: values['dry-run'] };
}

type Args = ReturnType<typeof readArgs>;

function printReport(report: ImportReport, dryRun: boolean): void {
	if (dryRun) console.log('Essai : rien n’a été écrit.');
	console.log(
		`  ${report.created} structures créées, ${report.updated} mises à jour, ${report.unchanged} inchangées`,
	);
	if (report.ignoredColumns.length > 0)
		console.log(`  Colonnes ignorées : ${report.ignoredColumns.join(', ')}`);
	if (report.refused.length === 0) console.log('  Aucune ligne refusée.');
	else console.log(`  ${report.refused.length} lignes refusées :`);
	for (const { line, reason } of report.refused) console.log(`    ligne ${line} : ${reason}`);
}

async function main(): Promise<void> {
	const args = readArgs();
	const config = readConfig();
	const csv = args.command === 'import' ? decodeCsv(new Uint8Array(readFileSync(args.file))) : '';
	const stores = openStores({ dataDir: config.dataDir, couchUrl: config.couchUrl });
	try {
		// Opening fails here, with one clear message, when the server holds the data directory.
		await stores.db.info();
		if (args.command === 'import')
			await runImport(stores, csv, args, config.couchUrl ? 'la base CouchDB' : config.dataDir);
		else await runExport(stores, args.file);
	} finally {
		await stores.close();
	}
}

async function runImport(stores: Stores, csv: string, args: Args, where: string): Promise<void> {
	console.log(`Import de ${args.file} → ${where}`);
	const couch = createCouch({ stores, log: createLog('warn') });
	try {
		printReport(await importDirectory(couch.context, STAFF, csv, { dryRun: args.dryRun }), args.dryRun);
	} finally {
		await couch.close();
	}
}

async function runExport(stores: Stores, file: string | undefined): Promise<void> {
	const out = exportDirectory(await readDirectory(stores.db), { contacts: true });
	// `… export | head` closes the pipe early: that is not an error.
	process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
	if (!file) return void process.stdout.write(out);
	writeFileSync(file, out);
	console.log(`Annuaire exporté dans ${file}`);
}

main().catch((err: Error) =>
	fail(describeError(err)?.reason ?? storeFailure(err, 'importez depuis l’écran d’animation')),
);
