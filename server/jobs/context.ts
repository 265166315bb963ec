// What every job works with, and how the server writes: as staff, through the replication
// endpoint's own write path (schema checks, audience index, narrowing journal), so devices receive
// the change at their next sync exactly as if the animator had made it.
/// <reference types="pouchdb-core" />
import type { Viewer } from '../../src/lib/domain';
import type { Couch } from '../couch/context';
import type { Incoming } from '../couch/write-checks';
import { type WriteOutcome, writeDocs } from '../couch/writes';
import type { Mailer } from '../mail';
import type { StoreWatch } from './watch';

export interface JobContext {
	couch: Couch;
	accounts: PouchDB.Database;
	mailer: Mailer;
	watch: StoreWatch;
	/** Days before the end of a listing when its owner is reminded. */
	reminderDays: number;
	/** For links in e-mails; without it the e-mails carry none. */
	publicUrl?: string;
	now(): Date;
	warn(message: string): void;
}

export const SERVER_STAFF: Viewer = { role: 'animator', accountId: 'server' };
const CHUNK = 200;

/** Writes as the server; returns the ids written, and warns about the others (retried next run). */
export async function writeAsServer(ctx: JobContext, docs: Incoming[], what: string): Promise<string[]> {
	const written: string[] = [];
	for (let i = 0; i < docs.length; i += CHUNK) {
		const outcomes: WriteOutcome[] = await writeDocs(ctx.couch, SERVER_STAFF, docs.slice(i, i + CHUNK), true);
		for (const o of outcomes) {
			if (o.ok) written.push(o.id);
			else ctx.warn(`${what} : ${o.id} non enregistré (${o.reason ?? o.error})`);
		}
	}
	return written;
}

/** The stored documents among `ids` (absent and deleted ones left out). */
export async function currentDocs<T>(db: PouchDB.Database, ids: string[]): Promise<T[]> {
	if (ids.length === 0) return [];
	const rows = await db.allDocs({ keys: ids, include_docs: true });
	return rows.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as unknown as T] : []));
}

/** The calendar date in France (listings end on a French day, whatever the server's time zone). */
export function frenchDate(at: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);
}

export function addDays(isoDate: string, days: number): string {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}
