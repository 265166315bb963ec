// `npm run directory`: imports and exports the directory straight on a data directory, as staff.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { handMadeCsv } from '../unit/csv-helpers';

const dir = mkdtempSync(join(tmpdir(), 'elbasar-directory-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function directory(...args: string[]): Promise<string> {
	const { stdout } = await promisify(execFile)(
		'node',
		['--import', 'tsx', 'server/cli/directory.ts', ...args],
		{
			env: { ...process.env, DATA_DIR: join(dir, 'data'), COUCHDB_URL: '' },
		},
	);
	return stdout;
}

describe('the directory command line', () => {
	it('checks, imports, re-imports without changes, and exports a spreadsheet', async () => {
		const file = join(dir, 'adherents.csv');
		writeFileSync(file, handMadeCsv(5).replace('Structure n° 4;', ';'));

		const dryRun = await directory('import', file, '--dry-run');
		expect(dryRun).toContain('Essai : rien n’a été écrit.');
		expect(dryRun).toContain('4 structures créées, 0 mises à jour, 0 inchangées');
		expect(dryRun).toContain('ligne 5 : nom manquant');

		expect(await directory('import', file)).toContain('4 structures créées, 0 mises à jour, 0 inchangées');
		expect(await directory('import', file)).toContain('0 structures créées, 0 mises à jour, 4 inchangées');

		const out = join(dir, 'export.csv');
		expect(await directory('export', out)).toContain(`Annuaire exporté dans ${out}`);
		const csv = readFileSync(out, 'utf8');
		expect(csv.startsWith('\uFEFFNom;Forme juridique;')).toBe(true);
		expect(csv).toContain('Structure n° 5;Association;');
		expect(csv).toContain('contact5@example.org');
	}, 60_000);
});
