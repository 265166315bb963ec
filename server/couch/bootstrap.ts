// The first pull of a brand-new device in one stream, as the Community Health Toolkit does since 4.3:
// every document the viewer may read (all its leaf revisions, with `_revisions`, as `_bulk_get`
// would give them to a replication), one JSON per line, gzipped, with the sequence it is true at.
// The device writes them with `new_edits: false` and starts its normal pull at that sequence.
// Not part of the CouchDB protocol: any CouchDB client still replicates through `_changes`.
//
// The stream: a head line {"total": readable documents}, then per chunk the documents and a line
// {"seq": s} once they are all sent (what came before it is true at s: resume with `?since=s`), and
// at the end {"seq": s, "done": true}. A stream cut before "done" is incomplete.
/// <reference types="pouchdb-core" />
import { Hono } from 'hono';
import type { Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import type { Couch } from './context';
import { readableChanges } from './feed';
import { revisionReadable } from './read-access';
import { formatSeq, parseSince, type Seq, scopeKey } from './seq';

/** Documents per store round: large, so the store and the device each take them in big batches. */
export const BOOTSTRAP_CHUNK = 1_000;

type BulkGetResults = { results: { id: string; docs: { ok?: Record<string, unknown> }[] }[] };

export function bootstrapRoutes(couch: Couch): Hono<ViewerEnv> {
	const routes = new Hono<ViewerEnv>();
	routes.get('/_bootstrap', async (c) => {
		const viewer = c.get('viewer');
		const scope = scopeKey(viewer);
		const since = parseSince(c.req.query('since'), scope);
		await couch.index.ready;
		const from: Seq = since === 'now' ? (await couch.db.info()).update_seq : since;
		const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
		const lines = bootstrapLines(couch, viewer, scope, from, c.req.raw.signal);
		const encoder = new TextEncoder();
		let body: ReadableStream<Uint8Array> = new ReadableStream<Uint8Array>({
			async pull(controller) {
				try {
					const next = await lines.next();
					if (next.done) controller.close();
					else controller.enqueue(encoder.encode(next.value));
				} catch (err) {
					controller.error(err);
				}
			},
			async cancel() {
				await lines.return(undefined);
			},
		});
		const headers: Record<string, string> = {
			'content-type': 'application/x-ndjson; charset=utf-8',
			// Already compressed here: the app's compressor must leave it as it is.
			'cache-control': 'no-store, no-transform',
			vary: 'Accept-Encoding',
		};
		if (gzip) {
			body = body.pipeThrough(
				new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
			);
			headers['content-encoding'] = 'gzip';
		}
		return new Response(body, { headers });
	});
	return routes;
}

/**
 * The stream's text, one chunk of documents at a time (the next is read when the client took the
 * last). Readability is the feed's own (`readableChanges`, the audience index), then each revision
 * is checked on its own audience as `_bulk_get` does. A fresh start (`since` 0) leaves out deleted
 * documents, which the device never had; a resumed one sends them, it may hold an older revision.
 */
async function* bootstrapLines(
	couch: Couch,
	viewer: Viewer,
	scope: string,
	since: Seq,
	signal: AbortSignal,
): AsyncGenerator<string> {
	yield `${JSON.stringify({ total: couch.index.countReadable(viewer) })}\n`;
	let cursor = since;
	for (;;) {
		if (signal.aborted) return;
		const page = await readableChanges(couch, viewer, cursor, {
			limit: BOOTSTRAP_CHUNK,
			style: 'all_docs',
			include_docs: false,
			conflicts: false,
			attachments: false,
		});
		const wanted = page.results
			.filter((change) => !(since === 0 && change.deleted))
			.flatMap((change) => change.changes.map(({ rev }) => ({ id: change.id, rev })));
		if (wanted.length > 0) {
			const found = (await couch.db.bulkGet({
				docs: wanted,
				revs: true,
				attachments: true,
			})) as unknown as BulkGetResults;
			let text = '';
			// A revision gone since the page was read (compacted) comes again at its later sequence.
			for (const { docs } of found.results)
				for (const doc of docs)
					if (doc.ok && revisionReadable(viewer, doc.ok)) text += `${JSON.stringify(doc.ok)}\n`;
			yield text;
		}
		cursor = page.last_seq;
		const done = page.results.length < BOOTSTRAP_CHUNK;
		yield `${JSON.stringify({ seq: formatSeq(scope, cursor), ...(done ? { done: true } : {}) })}\n`;
		if (done) return;
	}
}
