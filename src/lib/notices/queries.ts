// Live query of what the network told a structure (a listing about to expire, a moderation
// decision, a warning).
import { liveQuery, type Observable } from 'dexie';
import type { Notice } from '../domain';
import { type Row, tables } from '../local/db';

/** Notices to the structure, latest first. */
export function noticesOf(structure: string): Observable<Row<Notice>[]> {
	return liveQuery(() => tables.notices.where('owner').equals(structure).reverse().sortBy('createdAt'));
}
