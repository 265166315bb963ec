// CSV import and export of the directory: 150 structures import, the same file again changes
// nothing, bad lines are reported one by one, separators and BOMs do not matter, export → import
// is a round trip.
import { describe, expect, it } from 'vitest';
import { decodeCsv, exportDirectory } from '../../src/lib/domain/csv';
import { demoDirectory, HEADER, handMadeCsv, LATER, MemoryDirectory, NOW } from './csv-helpers';

describe('importing a spreadsheet of the network', () => {
	it('imports 150 structures, then the same file again creates, updates and writes nothing', () => {
		const directory = new MemoryDirectory();
		const first = directory.import(handMadeCsv(150));
		expect(first.report).toMatchObject({ created: 150, updated: 0, unchanged: 0, refused: [] });
		expect(directory.ofType('structure')).toHaveLength(150);
		expect(directory.ofType('person')).toHaveLength(150);
		expect(directory.ofType('contact')).toHaveLength(150);
		const revs = directory.revs();

		const again = directory.import(handMadeCsv(150), LATER);
		expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: 150, refused: [] });
		expect(again.writes).toEqual([]);
		expect(directory.revs()).toEqual(revs);
	});

	it('updates changed rows in place and keeps their creation date', () => {
		const directory = new MemoryDirectory();
		directory.import(handMadeCsv(3));
		const changed = handMadeCsv(3)
			.replace('Personne 2;Coordinatrice', 'Personne 2;Trésorière')
			.replace('Structure n° 3;SCIC;', 'Structure n° 3;SCOP;');
		const plan = directory.import(changed, LATER);
		expect(plan.report).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
		expect(plan.writes.map((w) => w.doc._id)).toEqual([
			'person:structure-n-2--personne-2',
			'structure:structure-n-3',
		]);
		const person = directory.docs.get('person:structure-n-2--personne-2');
		expect(person).toMatchObject({ role: 'Trésorière', createdAt: NOW, updatedAt: LATER, _rev: '2-b' });
		const structure = directory.docs.get('structure:structure-n-3');
		expect(structure).toMatchObject({ legalForm: 'scop', createdAt: NOW, updatedAt: LATER, _rev: '2-b' });
	});

	it('reports exactly the three bad lines, with their reasons, and imports the rest', () => {
		const rows = handMadeCsv(10).trimEnd().split('\r\n');
		rows[3] = rows[3].replace(';Boulogne-sur-Mer;', ';Lile;');
		rows[6] = rows[6].replace(/^Structure n° 6/, '');
		rows[9] = rows[9].replace('contact9@example.org', 'pas-une-adresse');
		const plan = new MemoryDirectory().import(rows.join('\r\n'));
		expect(plan.report.refused).toEqual([
			{ line: 4, reason: 'commune inconnue "Lile"' },
			{ line: 7, reason: 'nom manquant' },
			{ line: 10, reason: '« E-mail » : adresse e-mail invalide' },
		]);
		expect(plan.report.created).toBe(7);
	});

	it('reads `;` or `,` separators, with or without BOM, in UTF-8 or Windows-1252', () => {
		const semicolons = handMadeCsv(5);
		const commas = semicolons
			.replace(/;/g, ',')
			.replace(/Réemploi, réparation et recyclage \| insertion/g, '"$&"');
		const reference = new MemoryDirectory().import(semicolons);
		expect(reference.report.created).toBe(5);
		const ids = reference.writes.map((w) => w.doc._id);
		for (const variant of [semicolons.slice(1), commas, commas.slice(1)]) {
			const plan = new MemoryDirectory().import(variant);
			expect(plan.report).toMatchObject({ created: 5, refused: [] });
			expect(plan.writes.map((w) => w.doc._id)).toEqual(ids);
		}
		// Excel's "CSV (séparateur : point-virgule)": Windows-1252, no BOM.
		const latin1 = Uint8Array.from(semicolons.slice(1), (c) =>
			c === '°' ? 0xb0 : c === 'é' ? 0xe9 : c.charCodeAt(0),
		);
		expect(decodeCsv(latin1)).toBe(semicolons.slice(1));
	});

	it('understands headers in any case, without accents, and their other names', () => {
		const csv = [
			'NOM;forme juridique;Secteur;Pitch;Ville;CP;Salariés;Rôle;Prénom Nom;Email;Tel;Colonne perso',
			'La Pioche;asso;reemploi;Recyclerie;Lille;59000;4;Présidente;Léa Martin;lea@example.org;0320000000;x',
		].join('\n');
		const plan = new MemoryDirectory().import(csv);
		expect(plan.report).toMatchObject({ created: 1, refused: [], ignoredColumns: ['Colonne perso'] });
		expect(plan.writes.map((w) => w.doc)).toEqual([
			expect.objectContaining({ _id: 'structure:la-pioche', legalForm: 'association', pitch: 'Recyclerie' }),
			expect.objectContaining({
				_id: 'person:la-pioche--lea-martin',
				role: 'Présidente',
			}),
			expect.objectContaining({
				_id: 'contact:la-pioche--lea-martin',
				audience: 'members',
				phone: '0320000000',
			}),
		]);
	});

	it('keeps quoted cells with line breaks and counts rows as a spreadsheet does', () => {
		const csv = `${HEADER}\n"La Pioche";SCOP;Culture;Lille;;3;"Léa\nMartin";;;\nLe Relais;SCOP;Culture;Nulle-Part;;3;;;;\n`;
		const plan = new MemoryDirectory().import(csv);
		expect(plan.report.refused).toEqual([{ line: 3, reason: 'commune inconnue "Nulle-Part"' }]);
		expect(plan.writes.find((w) => w.doc.type === 'person')?.doc).toMatchObject({ name: 'Léa\nMartin' });
	});

	it('adds the people of several rows to one structure', () => {
		const csv = [
			HEADER,
			'La Pioche;SCOP;Culture;Lille;;3;Léa Martin;;;',
			'La Pioche;;;;;;Marc Dubois;Trésorier;;',
		];
		const directory = new MemoryDirectory();
		expect(directory.import(csv.join('\n')).report).toMatchObject({ created: 1, refused: [] });
		expect(directory.ofType('person').map((p) => p.name)).toEqual(['Léa Martin', 'Marc Dubois']);
		expect(directory.ofType('structure')).toHaveLength(1);
	});

	it('tells homonyms apart by their commune, the same way on every import', () => {
		const csv = [
			HEADER,
			'Les Jardins;Association;agriculture;Lille;;3;;;;',
			'Les Jardins;Association;agriculture;Arras;;3;;;;',
		];
		const directory = new MemoryDirectory();
		directory.import(csv.join('\n'));
		expect([...directory.docs.keys()].sort()).toEqual([
			'structure:les-jardins-59350',
			'structure:les-jardins-62041',
		]);
		expect(directory.import(csv.join('\n'), LATER).report).toMatchObject({ created: 0, unchanged: 2 });
	});
});

describe('exporting the directory', () => {
	it('round-trips the demo network: export → import into an empty directory → export gives the same file', () => {
		const csv = exportDirectory(demoDirectory(), { contacts: true });
		const directory = new MemoryDirectory();
		const plan = directory.import(csv);
		expect(plan.report).toMatchObject({ created: 150, updated: 0, unchanged: 0, refused: [] });
		expect(exportDirectory(directory.docs.values(), { contacts: true })).toBe(csv);
	});

	it('re-imports its own export over the demo network without writing anything', () => {
		const directory = new MemoryDirectory(demoDirectory());
		const csv = exportDirectory(directory.docs.values(), { contacts: true });
		const plan = directory.import(csv, LATER);
		expect(plan.report).toMatchObject({ created: 0, updated: 0, unchanged: 150, refused: [] });
		expect(plan.writes).toEqual([]);
		// Without the identifiant column, names and communes find the same structures and people.
		const withoutIds = csv.replace(/;[^;\r\n]*\r\n/g, '\r\n');
		expect(directory.import(withoutIds, LATER).writes).toEqual([]);
	});

	it('writes UTF-8 with BOM, `;` separators and French headers; e-mails and phones only when allowed', () => {
		const docs = demoDirectory();
		const open = exportDirectory(docs, { contacts: true });
		const visitor = exportDirectory(docs, { contacts: false });
		expect(open.startsWith('\uFEFFNom;Forme juridique;Secteurs;')).toBe(true);
		expect(open).toContain(';E-mail;Téléphone;');
		expect(visitor).not.toMatch(/E-mail|Téléphone|@/);
	});

	it('neutralises cells a spreadsheet would run as formulas, and reads them back as written', () => {
		const directory = new MemoryDirectory();
		directory.import(
			[HEADER, 'La Pioche;SCOP;Culture;Lille;;3;Léa Martin;=HYPERLINK("x");;+33 3 20 00 00 00'].join('\n'),
		);
		const csv = exportDirectory(directory.docs.values(), { contacts: true });
		expect(csv).toContain(`;"'=HYPERLINK(""x"")";`);
		expect(csv).toContain(";'+33 3 20 00 00 00;");
		expect(directory.import(csv, LATER).writes).toEqual([]);
	});
});
