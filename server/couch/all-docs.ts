// `_all_docs`, by key range or by a list of keys, holding only what the viewer may read. A device
// can also ask it with its own ids to learn which copies it should drop (answered not_found).
/// <reference types="pouchdb-core" />
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import { readJson } from './body';
import type { Couch } from './context';
import { flag, integer, isRecord, json } from './params';

type Row = PouchDB.Core.AllDocsResponse<object>['rows'][number];
interface ReadOptions {
	include_docs: boolean;
	conflicts: boolean;
	attachments: boolean;
}

const SCAN_BATCH = 2_000;
const MAX_KEYS = 20_000;

export function allDocsRoutes(couch: Couch): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	routes.get('/_all_docs', async (c) => {
		const keys = json(c, 'keys');
		return allDocs(couch, c, keys === undefined ? undefined : keysOf(keys));
	});
	routes.post('/_all_docs', async (c) => {
		const body = await readJson(c);
		if (!isRecord(body)) throw new HttpError(400, 'bad_request', '_all_docs attend {keys: [...]}.');
		return allDocs(couch, c, body.keys === undefined ? undefined : keysOf(body.keys));
	});
	return routes;
}

function keysOf(keys: unknown): string[] {
	if (!Array.isArray(keys) || keys.length > MAX_KEYS || !keys.every((k) => typeof k === 'string'))
		throw new HttpError(400, 'bad_request', `keys doit être une liste d’au plus ${MAX_KEYS} identifiants.`);
	return keys;
}

async function allDocs(couch: Couch, c: Context<ViewerEnv>, keys: string[] | undefined): Promise<Response> {
	const viewer = c.get('viewer');
	const read = {
		include_docs: flag(c, 'include_docs'),
		conflicts: flag(c, 'conflicts'),
		attachments: flag(c, 'attachments'),
	};
	await couch.index.ready;
	const rows = keys ? await byKeys(couch, viewer, keys, read) : await byRange(couch, c, viewer, read);
	return c.json({ total_rows: couch.index.countReadable(viewer), offset: integer(c, 'skip') ?? 0, rows });
}

/** Every key gets a row; one the viewer may not read looks exactly like one that does not exist. */
async function byKeys(couch: Couch, viewer: Viewer, keys: string[], read: ReadOptions) {
	if (keys.length === 0) return [];
	await couch.index.catchUpFor(keys);
	const result = await couch.db.allDocs({ ...read, keys });
	return result.rows.map((row) =>
		'error' in row || !couch.index.readable(viewer, row.id) ? { key: row.key, error: 'not_found' } : row,
	);
}

/** Readable rows of a key range, reading the store on until `limit` of them are found. */
async function byRange(
	couch: Couch,
	c: Context<ViewerEnv>,
	viewer: Viewer,
	read: ReadOptions,
): Promise<Row[]> {
	const limit = integer(c, 'limit');
	let toSkip = integer(c, 'skip') ?? 0;
	const key = stringParam(c, 'key');
	const range = {
		descending: flag(c, 'descending'),
		inclusive_end: key !== undefined || c.req.query('inclusive_end') !== 'false',
	};
	let start = key ?? stringParam(c, 'startkey') ?? stringParam(c, 'start_key');
	const end = key ?? stringParam(c, 'endkey') ?? stringParam(c, 'end_key');
	const rows: Row[] = [];
	if (limit === 0) return rows;
	let skipFirst = 0;
	for (;;) {
		const page = await couch.db.allDocs({
			...read,
			...range,
			...(start !== undefined ? { startkey: start } : {}),
			...(end !== undefined ? { endkey: end } : {}),
			limit: SCAN_BATCH,
			skip: skipFirst,
		});
		for (const row of page.rows) {
			if (!couch.index.readable(viewer, row.id)) continue;
			if (toSkip > 0) toSkip--;
			else rows.push(row);
			if (limit && rows.length >= limit) return rows;
		}
		if (page.rows.length < SCAN_BATCH) return rows;
		start = page.rows[page.rows.length - 1].id;
		skipFirst = 1;
	}
}

function stringParam(c: Context, name: string): string | undefined {
	const value = json(c, name);
	if (value === undefined) return undefined;
	if (typeof value !== 'string')
		throw new HttpError(400, 'bad_request', `Paramètre ${name} : identifiant attendu.`);
	return value;
}
