import { describe, expect, it } from 'vitest';
import {
	COMMUNES,
	communeByCode,
	EPCIS,
	isSector,
	SECTORS,
	sectorLabel,
	slugify,
	typeOfId,
} from '../../src/lib/domain';

describe('reference data', () => {
	it('holds every commune of Nord and Pas-de-Calais with its intercommunality', () => {
		expect(COMMUNES.filter((c) => c.department === '59')).toHaveLength(647);
		expect(COMMUNES.filter((c) => c.department === '62')).toHaveLength(887);
		const arras = COMMUNES.find((c) => c.name === 'Arras');
		expect(arras?.postalCodes).toContain('62000');
		expect(EPCIS.get(arras?.epci ?? '')).toMatch(/Arras/);
		expect(communeByCode('59350')?.name).toBe('Lille');
	});

	it('has a plain-language sector list of 15 to 25 entries with unique ids', () => {
		expect(SECTORS.length).toBeGreaterThanOrEqual(15);
		expect(SECTORS.length).toBeLessThanOrEqual(25);
		expect(new Set(SECTORS.map((s) => s.id)).size).toBe(SECTORS.length);
		expect(isSector('reemploi')).toBe(true);
		expect(sectorLabel('mobilite')).toBe('Mobilité, vélo et transport');
	});

	it('reads the type of a document from its id', () => {
		expect(typeOfId('listing:abc')).toBe('listing');
		expect(typeOfId('account:x')).toBeUndefined();
		expect(typeOfId('nocolon')).toBeUndefined();
	});

	it('turns names into readable ids', () => {
		expect(slugify("L'Atelier du Ternois (Saint-Pol)")).toBe('l-atelier-du-ternois-saint-pol');
		expect(slugify('Coop’Bâtir Artois')).toBe('coop-batir-artois');
	});
});
