// The steps of the listing form: each field's error is shown at the step that holds it.
import { describe, expect, it } from 'vitest';
import {
	errorsAt,
	fieldsOf,
	firstStepWithError,
	LISTING_FIELDS,
	STEP_ORDER,
	stepBeside,
} from '../../src/lib/listings/listing-steps';

describe('the steps of the listing form', () => {
	it('go what, details, photos, where and when, then the preview', () => {
		expect(STEP_ORDER).toEqual(['what', 'details', 'photos', 'where', 'preview']);
		expect(stepBeside('what', 1)).toBe('details');
		expect(stepBeside('where', 1)).toBe('preview');
		expect(stepBeside('preview', 1)).toBe('preview');
		expect(stepBeside('what', -1)).toBe('what');
	});

	it('hold every field of the form once', () => {
		expect(new Set(LISTING_FIELDS).size).toBe(LISTING_FIELDS.length);
		for (const field of [
			'kind',
			'nature',
			'title',
			'text',
			'sector',
			'commune',
			'validUntil',
			'concludedWith',
		])
			expect(LISTING_FIELDS).toContain(field);
		expect(fieldsOf('photos')).toEqual([]);
		expect(fieldsOf('preview')).toEqual([]);
	});

	it('a step checks only its own fields', () => {
		const errors = { title: 'Champ obligatoire', commune: 'Commune inconnue' };
		expect(errorsAt('what', errors)).toEqual({ title: 'Champ obligatoire' });
		expect(errorsAt('details', errors)).toEqual({});
		expect(errorsAt('where', errors)).toEqual({ commune: 'Commune inconnue' });
	});

	it('publishing with a wrong field leads back to the first step holding one', () => {
		expect(firstStepWithError({ validUntil: 'La fin de validité précède son début' })).toBe('where');
		expect(firstStepWithError({ commune: 'x', sector: 'y' })).toBe('details');
		expect(firstStepWithError({})).toBeNull();
	});
});
