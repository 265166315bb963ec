// `_local` documents: the replication checkpoints of each device. They are kept per account so
// two people cannot move each other's checkpoints; visitors share theirs, which is harmless.
/// <reference types="pouchdb-core" />
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { isRecord } from './params';
import { isRev } from './write-checks';

const LOCAL = '_local/';
const MAX_ID = 300;

/** Where the store keeps this viewer's `_local/<id>`. */
function storedId(viewer: Viewer, id: string): string {
	const owner = viewer.accountId
		? createHash('sha256').update(viewer.accountId).digest('hex').slice(0, 16)
		: 'visitor';
	return `${LOCAL}${owner}/${id}`;
}

function localId(c: Context): string {
	const id = c.req.param('localid') as string;
	if (id === '' || id.length > MAX_ID)
		throw new HttpError(400, 'bad_request', 'Identifiant _local invalide.');
	return id;
}

export function localRoutes(couch: Couch): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();

	routes.get('/_local/:localid{.+}', async (c) => {
		const viewer = c.get('viewer');
		const id = localId(c);
		const doc = await couch.db.get(storedId(viewer, id));
		return c.json({ ...doc, _id: LOCAL + id });
	});

	routes.put('/_local/:localid{.+}', async (c) => {
		const viewer = c.get('viewer');
		const id = localId(c);
		const body = await readJson(c);
		if (!isRecord(body)) throw new HttpError(400, 'bad_request', 'Le document doit être un objet JSON.');
		if (body._rev !== undefined && !(typeof body._rev === 'string' && /^0-\d+$/.test(body._rev)))
			throw new HttpError(400, 'bad_request', 'Révision _local invalide.');
		if (Object.keys(body).some((k) => k.startsWith('_') && k !== '_id' && k !== '_rev'))
			throw new HttpError(400, 'bad_request', 'Champ réservé non accepté dans un document _local.');
		const saved = await couch.db.put({ ...body, _id: storedId(viewer, id) });
		return c.json({ ok: true, id: LOCAL + id, rev: saved.rev }, 201);
	});

	routes.delete('/_local/:localid{.+}', async (c) => {
		const viewer = c.get('viewer');
		const rev = c.req.query('rev');
		if (!isRev(rev) && !/^0-\d+$/.test(rev ?? ''))
			throw new HttpError(400, 'bad_request', 'Paramètre rev manquant.');
		const removed = await couch.db.remove(storedId(viewer, localId(c)), rev as string);
		return c.json({ ok: true, id: LOCAL + localId(c), rev: removed.rev });
	});

	return routes;
}
