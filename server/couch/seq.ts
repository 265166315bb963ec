// The sequences of our `_changes` feed carry the reader's scope, so that a device whose reading
// rights changed starts its pull over instead of resuming past documents it could not see.
//
// A sequence we hand out reads `<scope>-<store seq>`, where <scope> is a short hash of what
// decides reading rights (role and structure). PouchDB stores it as an opaque checkpoint and
// sends it back as `since`. If the scope in `since` is not the viewer's current one (a visitor
// who signed in on the same device, a structure whose membership became active or lapsed),
// the feed restarts from 0 for this viewer: `_revs_diff` then spares the device from
// downloading what it already holds, and it receives the documents that became readable.
// `since=0`, `since=now` and bare store sequences are accepted as they are.
import { createHash } from 'node:crypto';
import type { Viewer } from '../../src/lib/domain';
import { HttpError } from '../errors';

/** A store sequence: a number for PouchDB, an opaque string for CouchDB. */
export type Seq = number | string;

export function scopeKey(viewer: Viewer): string {
	// Staff read everything whatever their structure; others read by role and structure.
	const scope = viewer.role === 'animator' ? 'animator' : `${viewer.role}|${viewer.structureId ?? ''}`;
	return createHash('sha256').update(scope).digest('hex').slice(0, 10);
}

export function formatSeq(scope: string, seq: Seq): string {
	return `${scope}-${seq}`;
}

/** The store sequence to resume from, 'now', or 0 when the scope changed. */
export function parseSince(since: string | undefined, scope: string): Seq | 'now' {
	if (since === undefined || since === '' || since === '0') return 0;
	if (since === 'now') return 'now';
	if (/^\d+$/.test(since)) return Number(since);
	const dash = since.indexOf('-');
	const key = since.slice(0, dash);
	const rest = since.slice(dash + 1);
	if (dash < 1 || !/^[0-9a-f]+$/.test(key) || rest === '')
		throw new HttpError(400, 'bad_request', `Paramètre since invalide : ${since.slice(0, 60)}`);
	if (key !== scope) return 0;
	return /^\d+$/.test(rest) ? Number(rest) : rest;
}

/** Orders store sequences: CouchDB's opaque ones start with a growing number. */
export function seqNumber(seq: Seq): number {
	return typeof seq === 'number' ? seq : Number.parseInt(seq, 10) || 0;
}
