// Request bodies of /db: JSON only, optionally gzip- or deflate-compressed by the client, bounded
// in size after decompression too, so a small zip bomb cannot fill the memory.
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import type { Context } from 'hono';
import { HttpError, tooLarge } from '../errors';

/** Largest body /db accepts, compressed or not: a 2,000-document push with small photos fits. */
export const DB_BODY_LIMIT = 32 * 1024 * 1024;

const decoders = { gzip: promisify(gunzip), deflate: promisify(inflate) };

export async function readJson(c: Context): Promise<unknown> {
	const type = c.req.header('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type))
		throw new HttpError(
			415,
			'bad_content_type',
			'Type de contenu non pris en charge : application/json attendu.',
		);
	const raw = new Uint8Array(await c.req.arrayBuffer());
	const text = (await decode(raw, c.req.header('content-encoding'))).toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		throw new HttpError(400, 'bad_request', 'JSON invalide.');
	}
}

async function decode(raw: Uint8Array, encoding: string | undefined): Promise<Buffer> {
	const name = (encoding ?? 'identity').trim().toLowerCase();
	if (name === 'identity' || name === '') return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
	if (name !== 'gzip' && name !== 'deflate')
		throw new HttpError(
			415,
			'bad_content_type',
			`Encodage de contenu non pris en charge : ${name.slice(0, 30)}`,
		);
	try {
		return await decoders[name](raw, { maxOutputLength: DB_BODY_LIMIT });
	} catch (err) {
		if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
		throw new HttpError(400, 'bad_request', `Corps ${name} illisible.`);
	}
}
