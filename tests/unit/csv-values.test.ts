// Cells as the network writes them: legal forms, sectors, head counts, dates, statuses, and
// communes by name and/or postal code.
import { describe, expect, it } from 'vitest';
import { matchCommune } from '../../src/lib/domain/csv/commune-match';
import {
	parseDate,
	parseEmployees,
	parseLegalForm,
	parseMembershipStatus,
	parseSectors,
} from '../../src/lib/domain/csv/values';

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: string }) =>
	result.ok ? result.value : `refusé : ${result.reason}`;

describe('cells of a directory spreadsheet', () => {
	it('reads legal forms as people write them', () => {
		const cases: Record<string, string> = {
			'Association loi 1901': 'association',
			ASSO: 'association',
			SCOP: 'scop',
			'SCOP SARL': 'scop',
			'Scic SAS': 'scic',
			'SARL / EURL': 'sarl',
			EURL: 'sarl',
			SASU: 'sas',
			'SA / SAS': 'sas',
			Coopérative: 'cooperative',
			'Fondation reconnue d’utilité publique': 'fondation',
			Mutuelle: 'mutuelle',
			'Micro-entrepreneur': 'individual',
			'Personne physique': 'individual',
		};
		for (const [cell, form] of Object.entries(cases)) expect(value(parseLegalForm(cell)), cell).toBe(form);
		expect(value(parseLegalForm('GIE'))).toBe('refusé : forme juridique inconnue "GIE"');
	});

	it('reads sectors by id or label, even labels holding commas, separated by , ; or |', () => {
		expect(value(parseSectors('Culture, arts et spectacle, Réemploi, réparation et recyclage'))).toEqual([
			'culture',
			'reemploi',
		]);
		expect(value(parseSectors('insertion;mobilite | Santé'))).toEqual(['insertion', 'mobilite', 'social']);
		expect(value(parseSectors('Personnes âgées'))).toEqual(['aines']);
		expect(value(parseSectors('culture, astrologie'))).toBe('refusé : secteur inconnu "astrologie"');
	});

	it('turns a head count or a band into the employees band', () => {
		const cases: Record<string, string> = {
			'0': '0-1',
			'12': '11-50',
			'2-10': '2-10',
			'2 à 10 salariés': '2-10',
			'0 à 1 salarié': '0-1',
			'plus de 50 salariés': '51+',
			'51+': '51+',
			'120': '51+',
		};
		for (const [cell, band] of Object.entries(cases)) expect(value(parseEmployees(cell)), cell).toBe(band);
		expect(value(parseEmployees('5 à 20'))).toMatch(/^refusé : effectif illisible/);
		expect(value(parseEmployees('beaucoup'))).toMatch(/^refusé : effectif illisible/);
	});

	it('reads French and ISO dates, refuses impossible ones', () => {
		expect(value(parseDate('01/03/2019'))).toBe('2019-03-01');
		expect(value(parseDate('2019-03-01'))).toBe('2019-03-01');
		expect(value(parseDate('2019'))).toBe('2019-01-01');
		expect(value(parseDate('31/02/2019'))).toMatch(/^refusé : date illisible "31\/02\/2019"/);
	});

	it('reads membership statuses', () => {
		expect(value(parseMembershipStatus('Adhérent'))).toBe('active');
		expect(value(parseMembershipStatus('adhésion échue'))).toBe('lapsed');
		expect(value(parseMembershipStatus('Non adhérent'))).toBe('none');
		expect(value(parseMembershipStatus('peut-être'))).toMatch(/^refusé : statut d’adhésion inconnu/);
	});
});

describe('finding a commune', () => {
	const insee = (name?: string, postal?: string) => {
		const match = matchCommune(name, postal);
		return match?.ok ? match.insee : match?.reason;
	};

	it('finds it by name whatever the case, accents, "St" or article in brackets', () => {
		expect(insee('LILLE')).toBe('59350');
		expect(insee('St-Omer')).toBe('62765');
		expect(insee('villeneuve d ascq')).toBe('59009');
		expect(insee('Portel (Le)')).toBe(insee('Le Portel'));
		expect(insee('Lille Cedex')).toBe('59350');
	});

	it('settles homonyms with the postal code, and says when it cannot', () => {
		expect(insee('Saint-Aubin', '59440')).toBe('59529');
		expect(insee('Saint-Aubin', '62170')).toBe('62742');
		expect(insee('Saint-Aubin')).toBe(
			'plusieurs communes s’appellent "Saint-Aubin" : précisez le code postal',
		);
		expect(insee('Lille', '62000')).toBe('la commune "Lille" n’a pas le code postal 62000');
	});

	it('finds it by postal code alone when only one commune has it', () => {
		expect(insee('', '59100')).toBe('59512');
		expect(insee('', '62000')).toBe('le code postal 62000 couvre plusieurs communes : précisez la commune');
		expect(insee('Dainville', '62000')).toBe('62263');
		expect(insee('', '75001')).toBe('code postal inconnu dans le Nord et le Pas-de-Calais : 75001');
		expect(insee('Lile')).toBe('commune inconnue "Lile"');
		expect(insee('', '')).toBeUndefined();
	});
});
