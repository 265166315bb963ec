// A pull without PouchDB's replicator, to see how close the current server lets a client get to the
// bytes: `_changes?include_docs=true` pages written with new_edits:false, the next page fetched
// while the current one is written; no upload, one request per page. Winning revisions only (a
// conflict's other branches would need a `_bulk_get`), and no revision history on the device.
import type { Connection } from './connection';

const PAGE = 1000;
const CHECKPOINT = '_local/bench-changes-docs';

interface Page {
	results: { doc: PouchDB.Core.Document<object> }[];
	last_seq: string;
}

export async function pullChanges(
	replica: PouchDB.Database,
	dbUrl: string,
	connection: Connection,
	credentials?: { username: string; password: string },
): Promise<number> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (credentials) {
		const { username, password } = credentials;
		headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
	}
	let local: { _id: string; _rev?: string; since?: string } = await replica
		.get<{ since: string }>(CHECKPOINT)
		.catch(() => ({ _id: CHECKPOINT }));
	const page = async (since: string | number): Promise<Page> => {
		const query = `style=all_docs&include_docs=true&limit=${PAGE}&since=${since}`;
		const res = await connection.fetch(`${dbUrl}/_changes?${query}`, { headers });
		if (!res.ok) throw new Error(`_changes → ${res.status}`);
		return (await res.json()) as Page;
	};
	let docs = 0;
	let next = page(local.since ?? 0);
	for (;;) {
		const current = await next;
		const more = current.results.length >= PAGE;
		if (more) next = page(current.last_seq);
		await replica.bulkDocs(
			current.results.map((r) => r.doc),
			{ new_edits: false },
		);
		docs += current.results.length;
		const saved = await replica.put({ ...local, since: current.last_seq });
		local = { ...local, _rev: saved.rev, since: current.last_seq };
		if (!more) return docs;
	}
}
