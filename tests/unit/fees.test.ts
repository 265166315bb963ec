import { describe, expect, it } from 'vitest';
import { bandOf, formatEuros, listingFee, membershipFee } from '../../src/lib/domain';

describe('membership fees (tiers of the network)', () => {
	it('an individual pays 10 €', () => {
		expect(membershipFee({ kind: 'individual' })).toBe(1000);
	});

	it('structures pay by number of employees', () => {
		const fee = (employees: number) => membershipFee({ kind: 'structure', band: bandOf(employees) });
		expect([0, 1, 2, 10, 11, 50, 51, 300].map(fee)).toEqual([
			2000, 2000, 4500, 4500, 7000, 7000, 10000, 10000,
		]);
	});

	it('refuses a negative or fractional headcount', () => {
		expect(() => bandOf(-1)).toThrow(RangeError);
		expect(() => bandOf(2.5)).toThrow(RangeError);
	});
});

describe('listing prices', () => {
	it('members post for free, non-members pay 10 €, featuring adds 2 €', () => {
		expect(listingFee({ isMember: true, featured: false })).toBe(0);
		expect(listingFee({ isMember: false, featured: false })).toBe(1000);
		expect(listingFee({ isMember: true, featured: true })).toBe(200);
		expect(listingFee({ isMember: false, featured: true })).toBe(1200);
	});

	it('formats amounts in French', () => {
		expect(formatEuros(4500).replace(/\s/g, ' ')).toBe('45,00 €');
	});
});
