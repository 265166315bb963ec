// `npm run attendance`: attendance at past events, per event and per structure, exported as a
// spreadsheet from a data directory (French headers, `;`, BOM), the same as the animator's screen.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStores } from '../../server/store';
import { newCheckin, newRegistration } from '../../src/lib/domain';
import { event, PIOCHE, person, RELAIS, structure } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'elbasar-attendance-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const past = (key: string, day: string, host?: string) =>
	event(key, {
		title: `Apéro ${key}`,
		start: `${day}T17:00:00.000Z`,
		end: `${day}T19:00:00.000Z`,
		capacity: 2,
		...(host ? { host } : {}),
	});
const first = past('mars', '2026-03-12', 'structure:la-pioche');
const second = past('juin', '2026-06-18');
const lea = person('lea', PIOCHE);
const marc = person('marc', RELAIS, { name: 'Marc Dubois' });

beforeAll(async () => {
	const stores = openStores({ dataDir: join(dir, 'data') });
	await stores.db.bulkDocs([
		structure('la-pioche', 'La Pioche'),
		structure('le-relais', 'Le Relais'),
		first,
		second,
		newRegistration({ event: first, person: lea, at: '2026-03-01T10:00:00.000Z' }),
		newRegistration({ event: first, person: marc, at: '2026-03-01T11:00:00.000Z' }),
		newCheckin({ event: first, method: 'qr', device: 'd1', person: lea }),
		newCheckin({
			event: first,
			method: 'walkin',
			device: 'd1',
			walkin: { name: 'Zoé', structureName: 'Vélo Cie' },
		}),
		newCheckin({ event: second, method: 'search', device: 'd2', person: lea }),
		newCheckin({ event: second, method: 'search', device: 'd2', person: marc }),
	]);
	await stores.close();
});

async function attendance(...args: string[]): Promise<string> {
	const { stdout } = await promisify(execFile)(
		'node',
		['--import', 'tsx', 'server/cli/attendance.ts', ...args],
		{
			env: { ...process.env, DATA_DIR: join(dir, 'data'), COUCHDB_URL: '' },
		},
	);
	return stdout;
}

const rows = (csv: string) => {
	expect(csv.startsWith('\uFEFF')).toBe(true);
	return Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
};

describe('the attendance command line', () => {
	it('exports attendance per event, latest first', async () => {
		const sheet = rows(await attendance('evenements'));
		expect(sheet[0].slice(0, 3)).toEqual(['Date', 'Événement', 'Type']);
		expect(sheet.slice(1).map((r) => r[1])).toEqual(['Apéro juin', 'Apéro mars']);
		// Apéro mars: 2 registered, 2 present (1 walk-in), Marc absent; hosted by La Pioche.
		expect(sheet[2].slice(5)).toEqual(['2', '0', '2', '1', '1', 'La Pioche']);
	});

	it('exports attendance per structure into a file, from a date on', async () => {
		const file = join(dir, 'structures.csv');
		expect(await attendance('structures', file)).toContain(`Présences exportées dans ${file} (2 événements)`);
		const sheet = rows(readFileSync(file, 'utf8'));
		expect(sheet[0]).toEqual([
			'Structure',
			'Dans l’annuaire',
			'Événements suivis',
			'Personnes venues',
			'Dernier événement',
			'Date du dernier événement',
		]);
		expect(sheet[1]).toEqual(['La Pioche', 'oui', '2', '1', 'Apéro juin', '18/06/2026']);
		expect(sheet.find((r) => r[0] === 'Vélo Cie')?.slice(1, 3)).toEqual(['non', '1']);
		const since = rows(await attendance('structures', '--depuis', '2026-05-01'));
		expect(since.find((r) => r[0] === 'Vélo Cie')).toBeUndefined();
	});

	it('refuses a wrong command with its usage', async () => {
		await expect(attendance('tout')).rejects.toMatchObject({
			stderr: expect.stringContaining('Usage : npm run attendance'),
		});
	});
});
