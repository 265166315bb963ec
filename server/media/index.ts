// GET /media/<docId>/<name>: an image of a document, for links outside the app (Open Graph
// previews, shared URLs). Served only to who may read the document; anything else is a 404.
/// <reference types="pouchdb-core" />
import { Hono } from 'hono';
import { canRead, IMAGE_TYPES, type Scoped, typeOfId } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';

const missing = () => new HttpError(404, 'not_found', 'Image introuvable.');

type Attachment = { content_type?: string; digest?: string };
type Stored = Scoped & { _rev?: string; _attachments?: Record<string, Attachment> };

async function readable(db: PouchDB.Database, id: string): Promise<Stored | null> {
	// Only our documents: never `_local/` checkpoints or anything else the store holds.
	if (!typeOfId(id)) return null;
	try {
		return (await db.get(id)) as unknown as Stored;
	} catch {
		return null;
	}
}

export function mediaRoutes(db: PouchDB.Database): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>({ strict: false });
	routes.get('/:docid/:name', async (c) => {
		const id = c.req.param('docid');
		const name = c.req.param('name');
		const doc = await readable(db, id);
		const meta = doc?._attachments?.[name];
		const type = meta?.content_type ?? '';
		if (!doc || !meta || !(IMAGE_TYPES as readonly string[]).includes(type)) throw missing();
		if (!canRead(c.get('viewer'), doc)) throw missing();
		const etag = `"${meta.digest ?? doc._rev}"`;
		// A photo may be replaced under the same name: caches revalidate, cheaply, with the digest.
		const headers: Record<string, string> = {
			'content-type': type,
			etag,
			'cache-control': doc.audience === 'public' ? 'public, max-age=300' : 'private, no-cache',
			'x-content-type-options': 'nosniff',
			vary: 'Cookie, Authorization',
		};
		if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
		const data = (await db.getAttachment(id, name)) as Buffer;
		return c.body(new Uint8Array(data), 200, headers);
	});
	return routes;
}
