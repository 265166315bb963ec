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
import { guestRegistrationId, newCheckin, newRegistration, type Registration } from '../../src/lib/domain';
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
const first = { ...past('mars', '2026-03-12', 'structure:la-pioche'), capacity: 3 };
const second = past('juin', '2026-06-18');
const lea = person('lea', PIOCHE);
const marc = person('marc', RELAIS, { name: 'Marc Dubois' });
/** Registered with « S’inscrire sans compte », then found by name at the door. */
const sacha = {
	...newRegistration({ event: first, person: lea, at: '2026-03-02T10:00:00.000Z' }),
	_id: guestRegistrationId(first._id, 'sacha@exemple.fr'),
	person: undefined,
	structure: undefined,
	guest: true,
	owner: 'network',
	name: 'Sacha Invité',
	email: 'sacha@exemple.fr',
} as Registration;

beforeAll(async () => {
	const stores = openStores({ dataDir: join(dir, 'data') });
	await stores.db.bulkDocs([
		structure('la-pioche', 'La Pioche'),
		structure('le-relais', 'Le Relais'),
		first,
		second,
		newRegistration({ event: first, person: lea, at: '2026-03-01T10:00:00.000Z' }),
		newRegistration({ event: first, person: marc, at: '2026-03-01T11:00:00.000Z' }),
		sacha,
		newCheckin({ event: first, method: 'qr', device: 'd1', person: lea }),
		newCheckin({
			event: first,
			method: 'search',
			device: 'd1',
			guest: { _id: sacha._id, name: sacha.name, email: sacha.email },
		}),
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
		// Apéro mars: 3 registered (the guest too), 3 present of whom 1 walk-in (the guest is not
		// one), Marc absent; hosted by La Pioche.
		expect(sheet[2].slice(4)).toEqual(['3', '3', '0', '3', '1', '1', 'La Pioche']);
		// Apéro juin: nobody registered, so both people checked in by name came without registration.
		expect(sheet[1].slice(5, 10)).toEqual(['0', '0', '2', '2', '0']);
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
