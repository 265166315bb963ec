// CouchDB's descriptive answers: the server root (its stable uuid is part of every device's
// replication id), the list of databases and the database info, counted for the viewer.
/// <reference types="pouchdb-core" />
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../src/lib/domain';
import type { Couch } from './context';
import { formatSeq, scopeKey } from './seq';

const UUID_DOC = '_local/server-uuid';
export const COUCH_VERSION = '3.3.3';

/** The server's uuid, created once per data directory (or CouchDB) and kept in the accounts store. */
export function serverUuid(accounts: PouchDB.Database): () => Promise<string> {
	let uuid: Promise<string> | undefined;
	const load = async (): Promise<string> => {
		try {
			return ((await accounts.get(UUID_DOC)) as unknown as { uuid: string }).uuid;
		} catch (err) {
			if ((err as { status?: number }).status !== 404) throw err;
			const fresh = randomUUID().replaceAll('-', '');
			try {
				await accounts.put({ _id: UUID_DOC, uuid: fresh });
				return fresh;
			} catch (conflict) {
				// Another server of the cluster wrote it first: use theirs.
				if ((conflict as { status?: number }).status === 409) return load();
				throw conflict;
			}
		}
	};
	return () => {
		uuid ??= load();
		uuid.catch(() => (uuid = undefined));
		return uuid;
	};
}

export async function rootInfo(uuid: string) {
	return { couchdb: 'Welcome', uuid, version: COUCH_VERSION, vendor: { name: 'elBasar' }, features: [] };
}

/** The database info, in the viewer's terms: documents they may read and a sequence of their scope. */
export async function dbInfo(couch: Couch, viewer: Viewer, name: string) {
	await couch.index.ready;
	const info = await couch.db.info();
	return {
		db_name: name,
		doc_count: couch.index.countReadable(viewer),
		doc_del_count: 0,
		update_seq: formatSeq(scopeKey(viewer), info.update_seq),
		purge_seq: 0,
		compact_running: false,
		disk_format_version: 8,
		instance_start_time: '0',
		sizes: { active: 0, external: 0, file: 0 },
		props: {},
	};
}
