import { describe, expect, it } from 'vitest';
import { validateDoc } from '../../src/lib/domain';
import { contact, listing, structure } from './fixtures';

describe('document schemas', () => {
	it('accepts a complete listing, structure and contact', () => {
		for (const doc of [listing('structure:a'), structure('a'), contact('structure:a')]) {
			expect(validateDoc(doc)).toMatchObject({ ok: true });
		}
	});

	it('refuses a listing whose id prefix and type disagree', () => {
		const result = validateDoc({ ...listing('structure:a'), _id: 'event:abc' });
		expect(result).toEqual({ ok: false, reason: 'le champ type doit valoir « event »' });
	});

	it('refuses an unknown document type', () => {
		expect(validateDoc({ _id: 'secret:1', type: 'secret' })).toMatchObject({ ok: false });
		expect(validateDoc('not a doc')).toMatchObject({ ok: false });
		expect(validateDoc({ type: 'listing' })).toEqual({ ok: false, reason: '_id manquant' });
	});

	it('refuses a nature, sector or status outside the lists', () => {
		expect(validateDoc(listing('structure:a', { nature: 'theft' as never }))).toMatchObject({ ok: false });
		expect(validateDoc(listing('structure:a', { sector: 'weapons' as never }))).toMatchObject({ ok: false });
		expect(validateDoc(listing('structure:a', { status: 'sold' as never }))).toMatchObject({ ok: false });
	});

	it('refuses a commune outside Nord and Pas-de-Calais', () => {
		const result = validateDoc(listing('structure:a', { commune: '75056' }));
		expect(result).toEqual({ ok: false, reason: 'commune : commune inconnue du Nord ou du Pas-de-Calais' });
	});

	it('refuses a validity that ends before it starts', () => {
		const result = validateDoc(listing('structure:a', { validFrom: '2027-01-01', validUntil: '2026-01-01' }));
		expect(result).toEqual({ ok: false, reason: 'la fin de validité précède son début' });
	});

	it('limits text lengths and requires a title', () => {
		expect(validateDoc(listing('structure:a', { title: '   ' }))).toMatchObject({ ok: false });
		expect(validateDoc(listing('structure:a', { text: 'x'.repeat(5001) }))).toMatchObject({
			ok: false,
			reason: 'text : 5000 caractères au plus',
		});
	});

	it('refuses a structure without sector and a badly formed contact', () => {
		expect(validateDoc(structure('a', { sectors: [] }))).toMatchObject({ ok: false });
		expect(validateDoc(contact('structure:a', { email: 'pas-une-adresse' }))).toMatchObject({
			ok: false,
			reason: 'email : adresse e-mail invalide',
		});
	});

	it('keeps CouchDB fields and unknown extra fields (forward compatible)', () => {
		const doc = { ...listing('structure:a'), _rev: '1-abc', laterField: 2 };
		expect(validateDoc(doc)).toMatchObject({ ok: true, doc: { _rev: '1-abc', laterField: 2 } });
	});
});
