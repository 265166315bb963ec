// Talks to the server's directory CSV routes for the animator's page: a dry run first, then the
// import itself; errors come back as sentences the page can show as they are (the server's reasons
// are French for now, like every reason from the domain).
import type { ImportReport } from '$lib/domain/csv';
import { m } from '$lib/i18n';

export const EXPORT_URL = '/api/directory/export.csv';

export interface ImportAnswer extends ImportReport {
	dryRun: boolean;
	/** With « inviter »: how many new people got an invitation. */
	invited?: number;
}

export async function sendCsv(file: File, dryRun: boolean, invite = false): Promise<ImportAnswer> {
	// As a form's file (the browser writes the multipart type): besides JSON, the one body a signed-in
	// browser may send the server, and only here (another site's form is refused by its origin).
	const form = new FormData();
	form.append('file', file);
	let response: Response;
	try {
		const query = dryRun ? '?dryRun=1' : invite ? '?invite=1' : '';
		response = await fetch(`/api/directory/import${query}`, {
			method: 'POST',
			headers: { accept: 'application/json' },
			body: form,
		});
	} catch {
		throw new Error(m.directory_csv_offline());
	}
	const body = (await response.json().catch(() => null)) as (ImportAnswer & { reason?: string }) | null;
	if (!response.ok || !body)
		throw new Error(body?.reason ?? m.directory_csv_failed({ status: response.status }));
	return body;
}

/** "3 structures créées, 1 mise à jour, 146 inchangées, 0 ligne refusée." */
export function summary(report: ImportReport, dryRun: boolean): string {
	return m.directory_csv_summary({
		created: dryRun
			? m.directory_csv_to_create({ count: report.created })
			: m.directory_csv_created({ count: report.created }),
		updated: dryRun
			? m.directory_csv_to_update({ count: report.updated })
			: m.directory_csv_updated({ count: report.updated }),
		unchanged: m.directory_csv_unchanged({ count: report.unchanged }),
		refused: m.directory_csv_refused({ count: report.refused.length }),
	});
}
