import { describe, expect, it } from 'vitest';
import { checkIdentifier, luhnValid, rnaValid, siretValid } from '../../src/lib/domain/identifiers';

describe('SIRET', () => {
	it('accepts Luhn-valid numbers of 14 digits', () => {
		expect(siretValid('73282932000074')).toBe(true);
		expect(siretValid('44306184100047')).toBe(true);
		expect(luhnValid('732829320')).toBe(true);
	});

	it('refuses a mistyped digit, a swap, and other lengths', () => {
		expect(siretValid('73282932000075')).toBe(false);
		expect(siretValid('73282932000047')).toBe(false);
		expect(siretValid('7328293200007')).toBe(false);
		expect(siretValid('732829320000740')).toBe(false);
		expect(siretValid('7328293200007A')).toBe(false);
	});

	it('follows La Poste’s rule for SIREN 356000000: the sum of the digits divisible by 5', () => {
		// Not Luhn-valid, yet La Poste establishments.
		expect(luhnValid('35600000000001')).toBe(false);
		expect(siretValid('35600000000001')).toBe(true);
		expect(siretValid('35600000049837')).toBe(true);
		// Luhn-valid but a sum of 17: refused under La Poste's rule.
		expect(siretValid('35600000000030')).toBe(false);
		expect(siretValid('35600000000002')).toBe(false);
		// Its head office is the exception to the exception: Luhn-valid, sum not divisible by 5.
		expect(siretValid('35600000000048')).toBe(true);
	});
});

describe('RNA', () => {
	it('is W and 9 digits', () => {
		expect(rnaValid('W595012345')).toBe(true);
		expect(rnaValid('W59501234')).toBe(false);
		expect(rnaValid('X595012345')).toBe(false);
		expect(rnaValid('W59501234A')).toBe(false);
	});
});

describe('checkIdentifier', () => {
	it('reads numbers as typed, with spaces, and says which kind', () => {
		expect(checkIdentifier(' 732 829 320 00074 ')).toEqual({
			ok: true,
			kind: 'siret',
			value: '73282932000074',
		});
		expect(checkIdentifier('w595012345')).toEqual({ ok: true, kind: 'rna', value: 'W595012345' });
	});

	it('tells an empty field, an unknown format and a wrong checksum apart', () => {
		expect(checkIdentifier('  ')).toEqual({ ok: false, problem: 'empty' });
		expect(checkIdentifier('1234')).toEqual({ ok: false, problem: 'format' });
		expect(checkIdentifier('W12')).toEqual({ ok: false, problem: 'format' });
		expect(checkIdentifier('12345678901234')).toEqual({ ok: false, problem: 'checksum' });
	});
});
