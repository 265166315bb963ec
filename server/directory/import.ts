// Imports a directory spreadsheet into the store through the replication endpoint's own write
// path (schema and access rules per document), so a document is either saved or reported.
import type { Viewer } from '../../src/lib/domain';
import { type ImportReport, planImport } from '../../src/lib/domain/csv';
import type { Couch } from '../couch/context';
import { writeDocs } from '../couch/writes';
import { HttpError } from '../errors';
import { readDirectory } from './store';

/** Documents per write: one lock and one store batch each, so a big file never blocks sync for long. */
const BATCH = 500;

export async function importDirectory(
	couch: Couch,
	viewer: Viewer,
	csv: string,
	opts: { dryRun: boolean; now?: Date },
): Promise<ImportReport> {
	const now = (opts.now ?? new Date()).toISOString();
	const plan = planImport(csv, await readDirectory(couch.db), now);
	if (!plan.ok) throw new HttpError(400, 'bad_request', `Fichier refusé : ${plan.reason}.`);
	const report = plan.report;
	if (opts.dryRun) return report;
	for (let start = 0; start < plan.writes.length; start += BATCH) {
		const batch = plan.writes.slice(start, start + BATCH);
		const outcomes = await writeDocs(
			couch,
			viewer,
			batch.map((w) => ({ ...w.doc })),
			true,
		);
		outcomes.forEach((outcome, k) => {
			if (!outcome.error) return;
			const { doc, line } = batch[k];
			report.refused.push({ line, reason: outcome.reason ?? outcome.error });
			if (doc.type === 'structure' && doc._rev === undefined) report.created--;
		});
	}
	report.refused.sort((a, b) => a.line - b.line);
	return report;
}
