// `npm run attendance -- evenements|structures [fichier.csv] [--depuis AAAA-MM-JJ]`: attendance at
// past events, per event or per structure, as the spreadsheet the animator's screen exports.
/// <reference types="pouchdb-core" />
import { writeFileSync } from 'node:fs';
import type { Checkin, ElbEvent, Registration, Structure } from '../../src/lib/domain';
import {
	attendanceByEvent,
	attendanceByStructure,
	eventAttendanceCsv,
	structureAttendanceCsv,
} from '../../src/lib/domain/attendance';
import { openStores } from '../store';
import { fail, readCommandLine, readConfig, storeFailure } from './run';

const USAGE = 'Usage : npm run attendance -- evenements|structures [fichier.csv] [--depuis AAAA-MM-JJ]';

function readArgs() {
	const { values, positionals } = readCommandLine(USAGE, { depuis: { type: 'string', default: '' } });
	const [view, file, ...rest] = positionals;
	if (rest.length > 0 || (view !== 'evenements' && view !== 'structures')) fail(USAGE);
	if (values.depuis && !/^\d{4}-\d{2}-\d{2}$/.test(values.depuis))
		fail(`Date invalide : ${values.depuis}\n${USAGE}`);
	return { view, file, since: values.depuis };
}

async function all<T>(db: PouchDB.Database, type: string): Promise<T[]> {
	const rows = await db.allDocs({ startkey: `${type}:`, endkey: `${type}:\ufff0`, include_docs: true });
	return rows.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as T] : []));
}

async function main(): Promise<void> {
	const args = readArgs();
	const config = readConfig();
	const stores = openStores({ dataDir: config.dataDir, couchUrl: config.couchUrl });
	try {
		const now = new Date().toISOString();
		const events = (await all<ElbEvent>(stores.db, 'event')).filter(
			(e) => e.start <= now && e.start >= args.since && e.status !== 'cancelled',
		);
		const checkins = await all<Checkin>(stores.db, 'checkin');
		const csv =
			args.view === 'evenements'
				? eventAttendanceCsv(
						attendanceByEvent(events, checkins, await all<Registration>(stores.db, 'registration')),
						new Map((await all<Structure>(stores.db, 'structure')).map((s) => [s._id, s.name])),
					)
				: structureAttendanceCsv(
						attendanceByStructure(
							events,
							checkins,
							new Map((await all<Structure>(stores.db, 'structure')).map((s) => [s._id, s.name])),
						),
					);
		if (!args.file) return void process.stdout.write(csv);
		writeFileSync(args.file, csv);
		console.log(`Présences exportées dans ${args.file} (${events.length} événements).`);
	} finally {
		await stores.close();
	}
}

main().catch((err: Error) => fail(storeFailure(err, 'exportez depuis l’écran d’animation')));
