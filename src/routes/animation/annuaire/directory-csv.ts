// Talks to the server's directory CSV routes for the animator's page: a dry run first, then the
// import itself; errors come back as French sentences the page can show as they are.
import type { ImportReport } from '$lib/domain/csv';

export const EXPORT_URL = '/api/directory/export.csv';

export interface ImportAnswer extends ImportReport {
	dryRun: boolean;
}

const OFFLINE = 'Le serveur est injoignable : l’import demande une connexion à internet.';

export async function sendCsv(file: File, dryRun: boolean): Promise<ImportAnswer> {
	let response: Response;
	try {
		response = await fetch(`/api/directory/import${dryRun ? '?dryRun=1' : ''}`, {
			method: 'POST',
			headers: { 'content-type': 'text/csv', accept: 'application/json' },
			body: file,
		});
	} catch {
		throw new Error(OFFLINE);
	}
	const body = (await response.json().catch(() => null)) as (ImportAnswer & { reason?: string }) | null;
	if (!response.ok || !body)
		throw new Error(body?.reason ?? `L’import a échoué (erreur ${response.status}).`);
	return body;
}

/** "3 structures créées, 1 mise à jour, 146 inchangées" */
export function summary(report: ImportReport, dryRun: boolean): string {
	const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
	const verbs = dryRun
		? [plural(report.created, 'structure à créer', 'structures à créer'), `${report.updated} à mettre à jour`]
		: [
				plural(report.created, 'structure créée', 'structures créées'),
				plural(report.updated, 'mise à jour', 'mises à jour'),
			];
	return `${verbs.join(', ')}, ${plural(report.unchanged, 'inchangée', 'inchangées')}, ${plural(report.refused.length, 'ligne refusée', 'lignes refusées')}.`;
}
