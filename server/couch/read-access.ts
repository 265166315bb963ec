// Reading rights on one revision, and reading revisions safely. Whether a document is visible at all
// is the audience index's answer (its winning revision); a revision body is also checked on its own
// audience, so an old or conflicting revision never shows more than its own audience allows.
/// <reference types="pouchdb-core" />
import { canRead, type Scoped, type Viewer } from '../../src/lib/domain';

export function revisionReadable(viewer: Viewer, revision: Record<string, unknown>): boolean {
	// A tombstone carries no audience: the document's own (kept by the index) decides.
	if (revision._deleted === true || revision.audience === undefined) return true;
	return canRead(viewer, revision as unknown as Scoped);
}

/** Documents whose revision trees are read at once when `latest` meets revisions not winning. */
const TREE_BATCH = 50;

/**
 * Of `wanted` (id → revisions asked with `latest`), the ids whose revisions all exist. PouchDB's
 * embedded store, asked the latest of a revision its document never had, throws out of its own
 * callbacks: the process dies. A winning revision exists, so most requests cost one `allDocs`.
 */
export async function latestSafe(db: PouchDB.Database, wanted: Map<string, string[]>): Promise<Set<string>> {
	const safe = new Set<string>();
	if (wanted.size === 0) return safe;
	const rows = (await db.allDocs({ keys: [...wanted.keys()] })).rows;
	const winners = new Map(rows.flatMap((row) => ('value' in row ? [[row.id, row.value.rev] as const] : [])));
	const doubtful: string[] = [];
	for (const [id, revs] of wanted) {
		// No such document: PouchDB answers `missing` before following any revision.
		if (!winners.has(id) || revs.every((rev) => rev === winners.get(id))) safe.add(id);
		else doubtful.push(id);
	}
	for (let i = 0; i < doubtful.length; i += TREE_BATCH)
		await Promise.all(
			doubtful.slice(i, i + TREE_BATCH).map(async (id) => {
				const tree = await revisionsOf(db, id);
				if ((wanted.get(id) ?? []).every((rev) => tree.has(rev))) safe.add(id);
			}),
		);
	return safe;
}

/** Every revision id the store still knows of `id`: its leaves and their ancestors. */
async function revisionsOf(db: PouchDB.Database, id: string): Promise<Set<string>> {
	const revs = new Set<string>();
	const leaves = (await db.get(id, { open_revs: 'all', revs: true }).catch(() => [])) as unknown as {
		ok?: PouchDB.Core.GetMeta;
	}[];
	for (const leaf of leaves) {
		const history = leaf.ok?._revisions;
		if (!history) continue;
		for (const [k, hash] of history.ids.entries()) revs.add(`${history.start - k}-${hash}`);
	}
	return revs;
}
