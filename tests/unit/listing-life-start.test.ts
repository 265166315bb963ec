// A listing published ahead of its first valid day: still open (it is listed), but it starts later.
import { describe, expect, it } from 'vitest';
import { isOpen, startsLater } from '../../src/lib/domain';

const today = '2027-02-10';

describe('a listing valid from a future date', () => {
	it('is open and starts later', () => {
		const listing = { status: 'open', validFrom: '2027-03-01', validUntil: '2027-04-30' };
		expect(isOpen(listing, today)).toBe(true);
		expect(startsLater(listing, today)).toBe(true);
	});

	it('has started on its first valid day', () => {
		expect(startsLater({ status: 'open', validFrom: today, validUntil: '2027-04-30' }, today)).toBe(false);
	});

	it('is not said to start later once concluded or expired', () => {
		expect(
			startsLater({ status: 'concluded', validFrom: '2027-03-01', validUntil: '2027-04-30' }, today),
		).toBe(false);
		expect(startsLater({ status: 'open', validFrom: '2027-01-01', validUntil: '2027-02-01' }, today)).toBe(
			false,
		);
	});
});
