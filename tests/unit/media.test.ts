// The pure rules of photos: what the picker refuses, the sizes images are brought to, the names
// they take, and what the server's check accepts.
import { describe, expect, it } from 'vitest';
import {
	base64Bytes,
	checkMedia,
	firstPhotoName,
	personPhoto,
	photoName,
	slotOf,
	sniffImage,
	structureLogo,
	thumbName,
	validateDoc,
} from '../../src/lib/domain';
import { fitWithin, freeSlots, initials, MAX_PICKED_BYTES, pickProblem } from '../../src/lib/media/rules';
import { listing } from './fixtures';

const MB = 1024 * 1024;
const webp = (size: number) => {
	const bytes = new Uint8Array(size);
	bytes.set([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]);
	return { content_type: 'image/webp', data: Buffer.from(bytes).toString('base64') };
};

describe('the photo picker', () => {
	it('accepts phone photos in JPEG, PNG, WebP and HEIC, even HEIC without a type', () => {
		expect(pickProblem({ name: 'IMG_0042.jpg', type: 'image/jpeg', size: 4 * MB })).toBeNull();
		expect(pickProblem({ name: 'logo.png', type: 'image/png', size: 20_000 })).toBeNull();
		expect(pickProblem({ name: 'IMG_0043.HEIC', type: '', size: 3 * MB })).toBeNull();
	});

	it('refuses other files and originals over 15 MB, saying why in French', () => {
		expect(pickProblem({ name: 'devis.pdf', type: 'application/pdf', size: 10_000 })).toBe(
			'« devis.pdf » n’est pas une photo acceptée : choisissez une image JPEG, PNG, WebP ou HEIC.',
		);
		expect(pickProblem({ name: 'anim.gif', type: 'image/gif', size: 10_000 })).toMatch(/n’est pas une photo/);
		expect(pickProblem({ name: 'pano.jpg', type: 'image/jpeg', size: MAX_PICKED_BYTES + 1 })).toBe(
			'« pano.jpg » est trop lourde (15 Mo) : 15 Mo au plus.',
		);
		expect(pickProblem({ name: 'vide.png', type: 'image/png', size: 0 })).toBe('« vide.png » est vide.');
	});
});

describe('sizes', () => {
	it('scales the longest side down to the target, keeping the ratio, never up', () => {
		expect(fitWithin(4032, 3024, 1280)).toEqual({ width: 1280, height: 960 });
		expect(fitWithin(3024, 4032, 320)).toEqual({ width: 240, height: 320 });
		expect(fitWithin(400, 300, 1280)).toEqual({ width: 400, height: 300 });
		expect(fitWithin(10_000, 10, 512)).toEqual({ width: 512, height: 1 });
	});
});

describe('names', () => {
	it('new photos take the lowest free slots, five at most', () => {
		expect(freeSlots([], 2)).toEqual([1, 2]);
		expect(freeSlots([1, 3], 3)).toEqual([2, 4, 5]);
		expect(freeSlots([1, 2, 3, 4, 5], 1)).toEqual([]);
	});

	it('names attachments predictably, by slot and type', () => {
		expect(photoName(2, 'image/webp')).toBe('photo-2.webp');
		expect(thumbName(2, 'image/jpeg')).toBe('thumb-2.jpg');
		expect(slotOf('thumb-4.webp')).toBe(4);
	});

	it('the first photo is the first of the list the listing still carries', () => {
		const _attachments = { 'photo-3.webp': {}, 'thumb-3.webp': {}, 'photo-1.jpg': {} };
		const photos = [
			{ name: 'photo-2.webp', thumb: 'thumb-2.webp', alt: '' },
			{ name: 'photo-3.webp', thumb: 'thumb-3.webp', alt: '' },
		];
		expect(firstPhotoName({ photos, _attachments })).toBe('photo-3.webp');
		expect(firstPhotoName({ _attachments })).toBeUndefined();
		expect(structureLogo({ _attachments: { 'logo.jpg': {} } })).toBe('logo.jpg');
		expect(personPhoto({ _attachments: { 'photo.webp': {} } })).toBe('photo.webp');
	});

	it('a face without photo shows initials', () => {
		expect(initials('Léa Martin')).toBe('LM');
		expect(initials('jean-pierre de l’Orme')).toBe('JO');
		expect(initials('Anne')).toBe('A');
	});
});

describe('the server’s check of attachments', () => {
	const listing = (over: object) => ({ _id: 'listing:x', type: 'listing', ...over });

	it('knows an image by its first bytes and counts base64 bytes without decoding', () => {
		expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
		expect(sniffImage(new Uint8Array([0x47, 0x49, 0x46, 0x38]))).toBeUndefined();
		expect(base64Bytes(Buffer.alloc(1000).toString('base64'))).toBe(1000);
		expect(base64Bytes(Buffer.alloc(1001).toString('base64'))).toBe(1001);
	});

	it('accepts photos and thumbnails within bounds, stubs by their length', () => {
		const _attachments = {
			'photo-1.webp': webp(200_000),
			'thumb-1.webp': webp(20_000),
			'photo-2.webp': { content_type: 'image/webp', stub: true, length: 150_000 },
			'thumb-2.webp': { content_type: 'image/webp', stub: true, length: 9_000 },
		};
		const photos = [
			{ name: 'photo-1.webp', thumb: 'thumb-1.webp', alt: 'a' },
			{ name: 'photo-2.webp', thumb: 'thumb-2.webp', alt: 'b' },
		];
		expect(checkMedia(listing({ _attachments, photos }))).toEqual({ ok: true });
	});

	it('refuses images on documents that carry none, and a stub too heavy', () => {
		expect(checkMedia({ _id: 'event:x', type: 'event', _attachments: { 'photo.webp': webp(100) } })).toEqual({
			ok: false,
			reason: 'ce type de document ne porte pas d’images',
		});
		const heavy = { 'thumb-1.webp': { content_type: 'image/webp', stub: true, length: 100_000 } };
		expect(checkMedia(listing({ _attachments: heavy }))).toMatchObject({ ok: false });
	});
});

describe('a listing’s photo list', () => {
	const photo = (slot: number) => ({
		name: `photo-${slot}.webp`,
		thumb: `thumb-${slot}.webp`,
		alt: 'Remorque',
	});

	it('holds five photos at most, under the slot names', () => {
		expect(validateDoc({ ...listing('structure:a'), photos: [1, 2, 3, 4, 5].map(photo) }).ok).toBe(true);
		expect(validateDoc({ ...listing('structure:a'), photos: [1, 2, 3, 4, 5, 1].map(photo) })).toEqual({
			ok: false,
			reason: 'photos : 5 photos au plus',
		});
		expect(validateDoc({ ...listing('structure:a'), photos: [{ ...photo(1), name: 'devis.pdf' }] })).toEqual({
			ok: false,
			reason: 'photos.0.name : nom de photo invalide',
		});
	});
});
