// Photos on documents: the server keeps only images of bounded size under the names each type
// allows, refuses the others per document with a reason, and serves them at /media to readers only.
import { describe, expect, it } from 'vitest';
import type { Listing } from '../../src/lib/domain';
import { call, device, listing, PEOPLE, remote, useTestServer } from './helpers';

const server = useTestServer();

/** Bytes that start like a real image of `kind`, padded to `size`. */
function image(kind: 'webp' | 'jpeg' | 'png' | 'gif', size = 2_000): Buffer {
	const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
	const heads = {
		webp: [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8 ')],
		jpeg: [0xff, 0xd8, 0xff, 0xe0],
		png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
		gif: ascii('GIF89a'),
	};
	const bytes = new Uint8Array(size);
	bytes.set(heads[kind]);
	for (let i = heads[kind].length; i < size; i++) bytes[i] = (i * 31) % 251;
	return Buffer.from(bytes);
}

const attachment = (bytes: Buffer, type = 'image/webp') => ({
	content_type: type,
	data: bytes.toString('base64'),
});

function withPhotos(key: string, count: number, over: Partial<Listing> = {}) {
	const _attachments: Record<string, unknown> = {};
	const photos = [];
	for (let slot = 1; slot <= count; slot++) {
		_attachments[`photo-${slot}.webp`] = attachment(image('webp', 50_000 + slot));
		_attachments[`thumb-${slot}.webp`] = attachment(image('webp', 8_000 + slot));
		photos.push({ name: `photo-${slot}.webp`, thumb: `thumb-${slot}.webp`, alt: `Photo ${slot}` });
	}
	return { ...listing(key, 'structure:la-pioche', over), photos, _attachments };
}

/** Writes `docs` on Léa's phone and pushes them by replication; returns what the server refused, by id. */
async function push(docs: object[], phone = device()): Promise<Record<string, string>> {
	const written = await phone.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
	expect(written.every((r) => 'ok' in r && r.ok)).toBe(true);
	const refused: Record<string, string> = {};
	await phone.replicate.to(remote(server, PEOPLE.lea)).on('denied', (err) => {
		const e = err as { id: string; reason?: string; message?: string };
		refused[e.id] = e.reason ?? e.message ?? '';
	});
	return refused;
}

const stored = (id: string) =>
	server.stores.db.get(id).then(
		() => true,
		() => false,
	);

describe('photos written from a device', () => {
	it('a listing with five photos and their thumbnails is accepted, attachments and all', async () => {
		const refused = await push([withPhotos('cinq-photos', 5)]);
		expect(refused).toEqual({});
		const doc = (await server.stores.db.get('listing:cinq-photos')) as unknown as {
			_attachments: Record<string, { length: number; content_type: string }>;
		};
		expect(Object.keys(doc._attachments)).toHaveLength(10);
		expect(doc._attachments['photo-3.webp']).toMatchObject({ content_type: 'image/webp', length: 50_003 });
	});

	it('wrong types, too heavy images, a sixth photo or a stray name are refused per document, the rest goes through', async () => {
		const gif = {
			...listing('gif', 'structure:la-pioche'),
			_attachments: { 'photo-1.webp': attachment(image('gif'), 'image/gif') },
		};
		const disguised = {
			...listing('deguise', 'structure:la-pioche'),
			_attachments: { 'photo-1.png': attachment(image('gif'), 'image/png') },
		};
		const heavy = {
			...listing('lourde', 'structure:la-pioche'),
			_attachments: { 'photo-1.webp': attachment(image('webp', 600_000)) },
		};
		const heavyThumb = {
			...listing('vignette-lourde', 'structure:la-pioche'),
			_attachments: { 'thumb-1.webp': attachment(image('webp', 90_000)) },
		};
		const sixth = withPhotos('six-photos', 5);
		sixth._attachments['photo-6.webp'] = attachment(image('webp'));
		const stray = {
			...listing('pdf', 'structure:la-pioche'),
			_attachments: { 'devis.pdf': attachment(image('webp')) },
		};
		const ghost = {
			...withPhotos('fantome', 1),
			photos: [{ name: 'photo-2.webp', thumb: 'thumb-2.webp', alt: '' }],
		};
		const fine = withPhotos('une-photo', 1);

		const refused = await push([gif, disguised, heavy, heavyThumb, sixth, stray, ghost, fine]);
		expect(refused).toEqual({
			'listing:gif': expect.stringMatching(/seules les images WebP, JPEG ou PNG/),
			'listing:deguise': expect.stringMatching(/le contenu n’est pas une image PNG/),
			'listing:lourde': expect.stringMatching(/trop lourde \(586 ko, 400 ko au plus\)/),
			'listing:vignette-lourde': expect.stringMatching(/trop lourde \(88 ko, 64 ko au plus\)/),
			'listing:six-photos': expect.stringMatching(/nom d’image non accepté : photo-6\.webp/),
			'listing:pdf': expect.stringMatching(/nom d’image non accepté : devis\.pdf/),
			'listing:fantome': expect.stringMatching(/photo-2\.webp est annoncée mais absente/),
		});
		for (const key of ['gif', 'deguise', 'lourde', 'vignette-lourde', 'six-photos', 'pdf', 'fantome'])
			expect(await stored(`listing:${key}`)).toBe(false);
		expect(await stored('listing:une-photo')).toBe(true);
	});

	it('a structure carries a logo and a person a photo, under those names only', async () => {
		const phone = device();
		await phone.replicate.from(remote(server, PEOPLE.lea), {
			doc_ids: ['structure:la-pioche', 'person:lea'],
		});
		const pioche = await phone.get('structure:la-pioche');
		const lea = await phone.get('person:lea');
		const logo = { ...pioche, _attachments: { 'logo.webp': attachment(image('webp')) } };
		const face = { ...lea, _attachments: { 'photo.jpg': attachment(image('jpeg'), 'image/jpeg') } };
		expect(await push([logo, face], phone)).toEqual({});
		const server_ = (await server.stores.db.get('structure:la-pioche')) as { _attachments?: object };
		expect(Object.keys(server_._attachments ?? {})).toEqual(['logo.webp']);

		const again = await phone.get('structure:la-pioche');
		const photoOnStructure = { ...again, _attachments: { 'photo-1.webp': attachment(image('webp')) } };
		expect(await push([photoOnStructure], phone)).toEqual({
			'structure:la-pioche': expect.stringMatching(
				/nom d’image non accepté : photo-1\.webp \(attendu : un logo\)/,
			),
		});
	});
});

describe('GET /media/<id>/<name>', () => {
	it('a visitor gets a public listing’s photo with its type and an ETag, then a 304', async () => {
		const bytes = image('webp', 40_000);
		await push([
			{
				...listing('media-public', 'structure:la-pioche'),
				photos: [{ name: 'photo-1.webp', thumb: 'thumb-1.webp', alt: 'La remorque' }],
				_attachments: { 'photo-1.webp': attachment(bytes), 'thumb-1.webp': attachment(image('webp')) },
			},
		]);
		const res = await fetch(`${server.url}/media/listing:media-public/photo-1.webp`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/webp');
		expect(res.headers.get('cache-control')).toMatch(/^public/);
		expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
		const stored = (await server.stores.db.get('listing:media-public')) as unknown as {
			_attachments: Record<string, { digest: string }>;
		};
		const etag = res.headers.get('etag');
		expect(etag).toBe(`"${stored._attachments['photo-1.webp'].digest}"`);
		const again = await fetch(`${server.url}/media/listing:media-public/photo-1.webp`, {
			headers: { 'if-none-match': etag ?? '' },
		});
		expect(again.status).toBe(304);
	});

	it('a members-only listing’s photo is a 404 for a visitor and a lapsed member, served to a member', async () => {
		await push([withPhotos('media-membres', 1, { audience: 'members' })]);
		const path = '/media/listing:media-membres/photo-1.webp';
		const visitor = await call(server, path);
		expect(visitor.status).toBe(404);
		expect(visitor.body).toMatchObject({ error: 'not_found', reason: 'Image introuvable.' });
		expect((await call(server, path, { as: PEOPLE.nina })).status).toBe(404);
		const member = await call(server, path, { as: PEOPLE.marc });
		expect(member.status).toBe(200);
		expect(member.res.headers.get('cache-control')).toBe('private, no-cache');
	});

	it('an unknown document or attachment is a 404, never the app’s page', async () => {
		expect((await call(server, '/media/listing:nulle-part/photo-1.webp')).status).toBe(404);
		expect((await call(server, '/media/listing:media-public/photo-5.webp')).status).toBe(404);
	});
});
