// The directory's CSV routes over real HTTP: the animator imports (dry run first, then for real,
// then again without any write), others are refused, and exports show contacts to members only.
import { describe, expect, it } from 'vitest';
import { HEADER, handMadeCsv } from '../unit/csv-helpers';
import { basicHeader, call, PEOPLE, useTestServer, type Who } from './helpers';

const server = useTestServer();

const importCsv = (
	csv: string | Uint8Array<ArrayBuffer>,
	as?: Who,
	query = '',
	type = 'text/csv; charset=utf-8',
) =>
	call(server, `/api/directory/import${query}`, {
		method: 'POST',
		headers: { 'content-type': type },
		body: csv,
		as,
	});

async function exportAs(who?: Who): Promise<{ status: number; type: string | null; text: string }> {
	const res = await fetch(`${server.url}/api/directory/export.csv`, {
		headers: who ? { authorization: basicHeader(who) } : {},
	});
	// Read the bytes: Response.text() would drop the BOM this test looks for.
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
	return { status: res.status, type: res.headers.get('content-type'), text };
}

/** Every document of the store with its revision. */
async function revisions(): Promise<Record<string, string>> {
	const all = await server.stores.db.allDocs();
	return Object.fromEntries(all.rows.map((row) => [row.id, row.value.rev]));
}

describe('importing the directory over HTTP', () => {
	it('shows the report of a dry run without writing anything', async () => {
		const before = await revisions();
		const { status, body } = await importCsv(handMadeCsv(150), PEOPLE.animator, '?dryRun=1');
		expect(status).toBe(200);
		expect(body).toMatchObject({ dryRun: true, created: 150, updated: 0, unchanged: 0, refused: [] });
		expect(await revisions()).toEqual(before);
	});

	it('imports 150 structures, and the same file again leaves every revision as it was', async () => {
		const first = await importCsv(handMadeCsv(150), PEOPLE.animator);
		expect(first.body).toMatchObject({ dryRun: false, created: 150, updated: 0, unchanged: 0, refused: [] });
		const after = await revisions();
		expect(Object.keys(after).filter((id) => id.startsWith('structure:structure-n-'))).toHaveLength(150);

		const again = await importCsv(handMadeCsv(150), PEOPLE.animator);
		expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 150, refused: [] });
		expect(await revisions()).toEqual(after);
	});

	it('reports the refused lines and saves the others', async () => {
		const rows = handMadeCsv(4).trimEnd().split('\r\n');
		rows[2] = rows[2].replace('Roubaix', 'Lile').replace('Structure n° 2', 'Nouvelle 2');
		rows[3] = rows[3].replace('Structure n° 3', 'Nouvelle 3');
		const { body } = await importCsv(rows.join('\r\n'), PEOPLE.animator);
		expect(body).toMatchObject({
			created: 1,
			unchanged: 2,
			refused: [{ line: 3, reason: 'commune inconnue "Lile"' }],
		});
		expect((await revisions())['structure:nouvelle-3']).toMatch(/^1-/);
	});

	it('files a structure written with a merged commune’s old name and postal code under the current commune', async () => {
		// Herbelles (62129) joined Inghem in Bellinghem (62471), a commune nouvelle of 2016.
		const line = 'Les Jardins d’Herbelles;Association loi 1901;Culture;Herbelles;62129;3;;;;';
		const { body } = await importCsv(`${HEADER}\r\n${line}\r\n`, PEOPLE.animator);
		expect(body).toMatchObject({ created: 1, refused: [] });
		const saved = await server.stores.db.get('structure:les-jardins-d-herbelles');
		expect(saved).toMatchObject({ name: 'Les Jardins d’Herbelles', commune: '62471' });
	});

	it('refuses members, visitors, other content types and unreadable files', async () => {
		const member = await importCsv(handMadeCsv(1), PEOPLE.lea);
		expect(member.status).toBe(403);
		expect(member.body.reason).toBe('L’import de l’annuaire est réservé à l’équipe d’animation.');
		expect((await importCsv(handMadeCsv(1))).status).toBe(403);
		expect((await importCsv('{}', PEOPLE.animator, '', 'application/json')).status).toBe(415);
		const noName = await importCsv('Commune;Secteurs\nLille;culture\n', PEOPLE.animator);
		expect(noName.status).toBe(400);
		expect(noName.body.reason).toBe('Fichier refusé : colonne « Nom » introuvable sur la première ligne.');
	});
});

describe('exporting the directory over HTTP', () => {
	it('gives a visitor the public directory without e-mails or phones', async () => {
		const { status, type, text } = await exportAs();
		expect(status).toBe(200);
		expect(type).toBe('text/csv; charset=utf-8');
		expect(text.startsWith('\uFEFFNom;')).toBe(true);
		expect(text).toContain('La Pioche');
		expect(text).not.toMatch(/E-mail|Téléphone|@|03 20 00 00 00/);
		expect(text).not.toContain('L’Atelier discret');
	});

	it('gives a member the contacts and the members-only structures', async () => {
		const { text } = await exportAs(PEOPLE.lea);
		expect(text).toContain(';E-mail;Téléphone;');
		expect(text).toContain('lea@la-pioche.test');
		expect(text).toContain('03 20 00 00 00');
		expect(text).toContain('L’Atelier discret');
	});

	it('re-imports the animator’s export without changing anything', async () => {
		const { text } = await exportAs(PEOPLE.animator);
		const before = await revisions();
		const { body } = await importCsv(text, PEOPLE.animator);
		expect(body).toMatchObject({ created: 0, updated: 0, refused: [] });
		expect(await revisions()).toEqual(before);
	});
});

// Last: the connection a refused upload was cut on must not be reused by another test.
describe('the size of an import', () => {
	it('accepts a file bigger than other API calls, up to 5 MB', async () => {
		const wide = `Nom;Commune;Notes\nLa Pioche;Lille;${'a'.repeat(1_500_000)}\n`;
		const { status, body } = await importCsv(wide, PEOPLE.animator, '?dryRun=1');
		expect(status).toBe(200);
		expect(body).toMatchObject({ unchanged: 1, refused: [], ignoredColumns: ['Notes'] });
		const big = new Uint8Array(5 * 1024 * 1024 + 10).fill(0x41);
		expect((await importCsv(big, PEOPLE.animator)).status).toBe(413);
	});
});
