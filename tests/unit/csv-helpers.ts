// A directory kept in memory the way the server keeps it (revisions and all), so tests can import
// a spreadsheet, save what the import plans, and import again.
import { DEMO_SCALE, generateDemo } from '../../server/demo/generate';
import type { Doc } from '../../src/lib/domain';
import { type ImportPlan, planImport } from '../../src/lib/domain/csv';

export const NOW = '2026-11-28T10:00:00.000Z';
export const LATER = '2026-11-29T10:00:00.000Z';

export class MemoryDirectory {
	readonly docs = new Map<string, Doc>();

	constructor(docs: Doc[] = []) {
		for (const doc of docs) this.docs.set(doc._id, { ...doc, _rev: '1-a' });
	}

	/** Plans the import and saves what it plans, like the server does. */
	import(csv: string, now = NOW): Extract<ImportPlan, { ok: true }> {
		const plan = planImport(csv, this.docs.values(), now);
		if (!plan.ok) throw new Error(plan.reason);
		for (const { doc } of plan.writes) {
			const generation = Number((this.docs.get(doc._id)?._rev ?? '0-').split('-')[0]) + 1;
			this.docs.set(doc._id, { ...doc, _rev: `${generation}-b` });
		}
		return plan;
	}

	revs(): Record<string, string | undefined> {
		return Object.fromEntries([...this.docs].map(([id, doc]) => [id, doc._rev]));
	}

	ofType<T extends Doc['type']>(type: T): Extract<Doc, { type: T }>[] {
		return [...this.docs.values()].filter((d): d is Extract<Doc, { type: T }> => d.type === type);
	}
}

/** The demo network's directory documents: 150 structures with their people and memberships. */
export function demoDirectory(): Doc[] {
	const { docs } = generateDemo({ structures: DEMO_SCALE.structures, now: new Date(NOW) });
	return docs.filter((d) => ['structure', 'membership', 'person', 'contact'].includes(d.type));
}

export const HEADER =
	'Nom;Forme juridique;Secteurs;Commune;Code postal;Effectif;Contact;Fonction;E-mail;Téléphone';

/** A spreadsheet of `count` structures, one contact each, written by hand (no identifiant column). */
export function handMadeCsv(count: number): string {
	const communes = ['Lille', 'Arras', 'Roubaix', 'Boulogne-sur-Mer', 'Saint-Omer', 'Dunkerque'];
	const forms = ['Association loi 1901', 'SCOP', 'SARL', 'SCIC', 'Coopérative'];
	const lines = [HEADER];
	for (let i = 1; i <= count; i++)
		lines.push(
			[
				`Structure n° ${i}`,
				forms[i % forms.length],
				i % 2 ? 'Réemploi, réparation et recyclage | insertion' : 'Culture',
				communes[i % communes.length],
				'',
				String(i % 60),
				`Personne ${i}`,
				'Coordinatrice',
				`contact${i}@example.org`,
				'03 20 00 00 00',
			].join(';'),
		);
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
