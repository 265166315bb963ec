// The directory's documents as the store holds them (structures, memberships, people, contacts):
// what an import compares against and what an export writes out.
/// <reference types="pouchdb-core" />
import type { Doc } from '../../src/lib/domain';

const TYPES = ['structure', 'membership', 'person', 'contact'] as const;

export async function readDirectory(db: PouchDB.Database): Promise<Doc[]> {
	const pages = await Promise.all(
		TYPES.map((type) => db.allDocs({ startkey: `${type}:`, endkey: `${type}:\ufff0`, include_docs: true })),
	);
	return pages.flatMap((page) => page.rows.flatMap((row) => (row.doc ? [row.doc as unknown as Doc] : [])));
}
