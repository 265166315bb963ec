// Form errors from the domain's schemas, one per field, in the reader's language.
import { afterEach, describe, expect, it } from 'vitest';
import { ListingSchema, ProposalSchema, SCHEMA_VERSION } from '../../src/lib/domain';
import { getLocale, overwriteGetLocale } from '../../src/lib/paraglide/runtime.js';
import { fieldErrors, localReason } from '../../src/lib/ui/validation';

const french = getLocale;
afterEach(() => overwriteGetLocale(french));

const listing = {
	_id: 'listing:test',
	type: 'listing',
	schema: SCHEMA_VERSION,
	owner: 'structure:test',
	kind: 'offer',
	nature: 'loan',
	sector: 'reemploi',
	title: 'Ab',
	text: 'x'.repeat(6000),
	commune: '99999',
	validFrom: '2027-02-01',
	validUntil: '2027-01-01',
	status: 'open',
	audience: 'public',
	createdAt: '2027-01-01T00:00:00.000Z',
	updatedAt: '2027-01-01T00:00:00.000Z',
};

describe('fieldErrors', () => {
	it('puts each French reason next to its field', () => {
		const errors = fieldErrors(ListingSchema, listing, 'validUntil');
		expect(errors.title).toBe('3 caractères au moins');
		expect(errors.text).toMatch(/^\d+ caractères au plus$/);
		expect(errors.commune).toBe('Commune inconnue du Nord ou du Pas-de-Calais');
	});

	it('gives the same reasons in English to an English reader', () => {
		overwriteGetLocale(() => 'en');
		const errors = fieldErrors(ListingSchema, listing, 'validUntil');
		expect(errors.title).toBe('3 characters at least');
		expect(errors.text).toMatch(/^\d+ characters at most$/);
		expect(errors.commune).toBe('No such commune in the Nord or the Pas-de-Calais');
	});

	it('reads a cross-field reason in English too', () => {
		overwriteGetLocale(() => 'en');
		const valid = { ...listing, title: 'Une bétonnière', text: 'Prêt', commune: '62041' };
		expect(fieldErrors(ListingSchema, valid, 'validUntil')).toEqual({
			validUntil: 'The end of validity comes before its start',
		});
	});

	it('counts from the schema, not from a fixed text', () => {
		overwriteGetLocale(() => 'en');
		const proposal = fieldErrors(ProposalSchema, { capacity: 2, dates: [] }, 'dates');
		expect(proposal.capacity).toBe('5 people at least');
		expect(proposal.dates).toBe('Propose at least one date');
	});
});

describe('localReason', () => {
	it('leaves a reason the catalogue does not know as the domain wrote it', () => {
		overwriteGetLocale(() => 'en');
		expect(localReason('cette conversation n’est pas la vôtre')).toBe(
			'cette conversation n’est pas la vôtre',
		);
		expect(localReason('120 caractères au plus')).toBe('120 characters at most');
	});
});
