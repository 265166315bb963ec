// The readable part of the store's changes for one viewer, in the viewer's sequences: what both
// the normal feed and the longpoll answer with.
/// <reference types="pouchdb-core" />
import type { Viewer } from '../../src/lib/domain';
import type { Couch } from './context';
import { formatSeq, type Seq } from './seq';

export interface FeedOptions {
	limit?: number;
	style: 'main_only' | 'all_docs';
	include_docs: boolean;
	conflicts: boolean;
	attachments: boolean;
	doc_ids?: string[];
}

type Change = PouchDB.Core.ChangesResponseChange<object>;
export interface Page {
	results: Change[];
	last_seq: Seq;
}

/** Most store changes read in one round: a page without limit, or a round after a mostly unreadable one. */
const SCAN_BATCH = 2_000;

/**
 * Up to `limit` changes after `since` that the viewer may read. The first round reads `limit` store
 * changes, as many as a page can hold: reading more would be thrown away and read again by the next
 * request. Unreadable changes are skipped and the store read on, so an empty page means "nothing
 * more": PouchDB stops at an empty page.
 */
export async function readableChanges(
	couch: Couch,
	viewer: Viewer,
	since: Seq,
	opts: FeedOptions,
): Promise<Page> {
	const { limit, doc_ids, ...read } = opts;
	const results: Change[] = [];
	let cursor = since;
	let scanned = 0;
	for (;;) {
		const batch = limit ? nextRound(limit - results.length, scanned, results.length) : SCAN_BATCH;
		const page = await couch.db.changes({
			...read,
			...(doc_ids ? { doc_ids } : {}),
			since: cursor,
			limit: batch,
		});
		await couch.index.settle(page.last_seq);
		for (const change of page.results) {
			if (!couch.index.readable(viewer, change.id)) continue;
			results.push(change);
			if (limit && results.length >= limit) return { results, last_seq: change.seq };
		}
		scanned += page.results.length;
		cursor = page.last_seq;
		if (page.results.length < batch) return { results, last_seq: cursor };
	}
}

/**
 * Store changes to read for `missing` more readable ones: as many as the share of readable changes
 * seen so far predicts, with some slack (a few changes thrown away cost less than another round).
 */
function nextRound(missing: number, scanned: number, readable: number): number {
	if (scanned === 0) return missing;
	const predicted = readable === 0 ? SCAN_BATCH : Math.ceil(((missing * scanned) / readable) * 1.25) + 16;
	return Math.max(missing, Math.min(predicted, SCAN_BATCH));
}

export function present(scope: string, page: Page) {
	return {
		results: page.results.map((change) => ({ ...change, seq: formatSeq(scope, change.seq) })),
		last_seq: formatSeq(scope, page.last_seq),
	};
}
