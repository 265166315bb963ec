import { describe, expect, it } from 'vitest';
import { communeName } from '../../src/lib/domain/communes';
import { matchCommune } from '../../src/lib/domain/csv/commune-match';
import { currentCommuneCode } from '../../src/lib/domain/merged-communes';

const insee = (name?: string, postal?: string) => {
	const match = matchCommune(name, postal);
	return match?.ok ? match.insee : match?.reason;
};

describe('a commune merged into a commune nouvelle', () => {
	// Herbelles and Inghem became Bellinghem (62471) on 1 January 2016; Hesdin, Huby-Saint-Leu, Marconne
	// and Sainte-Austreberthe became Hesdin-la-Forêt (62447).
	it('is found by its old name and postal code', () => {
		expect(communeName('62471')).toBe('Bellinghem');
		expect(insee('Herbelles', '62129')).toBe('62471');
		expect(insee('HERBELLES')).toBe('62471');
		expect(insee('Marconne', '62140')).toBe('62447');
		expect(insee('Hesdin', '62140')).toBe('62447');
		expect(insee('Lomme', '59160')).toBe('59350');
	});

	it('is found by its old INSEE code', () => {
		expect(currentCommuneCode('62431')).toBe('62471');
		expect(insee('62431')).toBe('62471');
		expect(insee('62884')).toBe('62008');
		expect(currentCommuneCode('62471')).toBeUndefined();
	});

	it('still refuses an old name with a postal code that is not the commune’s', () => {
		expect(insee('Herbelles', '59000')).toBe('la commune "Herbelles" n’a pas le code postal 59000');
	});
});
