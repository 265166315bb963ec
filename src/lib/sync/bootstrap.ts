// The first pull of a brand-new device without walking `_changes`: the server's `_bootstrap`
// stream (server/couch/bootstrap.ts) is written into the replica in big `new_edits: false`
// batches, then the normal pull starts at the sequence the stream was true at.
//
// What the replica knows of it is one `_local` document, so it goes with the replica (a wiped or
// rebuilt replica starts over): `loading` with the cursor of the last chunk written (an interrupted
// stream resumes there), `loaded` with the sequence to start the pull from, `handed` once the pull
// has taken it as its checkpoint. Until the stream said "done" no pull starts from its sequence:
// a cut stream leaves a replica that resumes or pulls from 0, never one that believes it is complete.

export const BOOTSTRAP_ID = '_local/elbasar-bootstrap';

type State = { state: 'loading'; cursor?: string } | { state: 'loaded'; seq: string } | { state: 'handed' };
type Marker = State & { _id: string; _rev?: string };

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface BootstrapProgress {
	/** The documents the server will send in all (its count for this viewer). */
	total(count: number): void;
	/** Documents written so far, this stream and earlier ones together. */
	loaded(count: number): void;
}

async function marker(db: PouchDB.Database): Promise<Marker | null> {
	try {
		return (await db.get(BOOTSTRAP_ID)) as unknown as Marker;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

async function mark(db: PouchDB.Database, state: State): Promise<void> {
	const previous = await marker(db);
	await db.put({ ...state, _id: BOOTSTRAP_ID, ...(previous?._rev ? { _rev: previous._rev } : {}) });
}

/**
 * Where the pull of this replica should start: the sequence of a completed bootstrap not yet
 * handed to the pull, after loading (or resuming) one if the replica is new; undefined for a
 * normal pull (from the pull's own checkpoint, or from 0). A failed stream is not an error here:
 * what was written stays, the normal pull takes over, and the next start resumes the stream.
 */
export async function bootstrapIfNew(
	db: PouchDB.Database,
	dbUrl: string,
	progress: BootstrapProgress,
	options: { fetch?: Fetch; signal?: AbortSignal } = {},
): Promise<string | undefined> {
	const known = await marker(db);
	if (known?.state === 'handed') return undefined;
	if (known?.state === 'loaded') return known.seq;
	// A replica holding documents without a bootstrap was filled by the normal pull: it goes on.
	if (!known && (await db.info()).doc_count > 0) return undefined;
	try {
		return await load(db, dbUrl, known?.cursor, progress, options);
	} catch (err) {
		if (options.signal?.aborted) throw err;
		console.warn('bootstrap: stream cut, the normal pull takes over', err);
		return undefined;
	}
}

/** Once the pull has caught up from the bootstrap's sequence, its own checkpoint holds it. */
export async function bootstrapHanded(db: PouchDB.Database): Promise<void> {
	const known = await marker(db);
	if (known?.state === 'loaded') await mark(db, { state: 'handed' });
}

async function load(
	db: PouchDB.Database,
	dbUrl: string,
	cursor: string | undefined,
	progress: BootstrapProgress,
	options: { fetch?: Fetch; signal?: AbortSignal },
): Promise<string | undefined> {
	const send = options.fetch ?? globalThis.fetch;
	const url = `${dbUrl}/_bootstrap${cursor ? `?since=${encodeURIComponent(cursor)}` : ''}`;
	const response = await send(url, { signal: options.signal, headers: { accept: 'application/x-ndjson' } });
	// An older server, or one that refuses: the normal pull does the whole work.
	if (!response.ok || !response.body) return undefined;
	if (!cursor) await mark(db, { state: 'loading' });
	let written = cursor ? (await db.info()).doc_count : 0;
	let batch: object[] = [];
	for await (const line of lines(response.body)) {
		const item = JSON.parse(line) as { _id?: string; total?: number; seq?: string; done?: boolean };
		if (typeof item._id === 'string') batch.push(item);
		else if (typeof item.total === 'number') progress.total(item.total);
		else if (typeof item.seq === 'string') {
			if (batch.length > 0) {
				await db.bulkDocs(batch as PouchDB.Core.PutDocument<object>[], { new_edits: false });
				written += new Set(batch.map((doc) => (doc as { _id: string })._id)).size;
				batch = [];
				progress.loaded(written);
			}
			if (item.done) {
				await mark(db, { state: 'loaded', seq: item.seq });
				return item.seq;
			}
			await mark(db, { state: 'loading', cursor: item.seq });
		}
	}
	// The stream ended without its last line: what was written stays, the marker says where to resume.
	throw new Error('bootstrap stream ended early');
}

/** The stream's lines, decoded (the browser has already undone the gzip). */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
	const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
	const reader = body.pipeThrough(decoder).getReader();
	let rest = '';
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			rest += value;
			let end = rest.indexOf('\n');
			let start = 0;
			while (end !== -1) {
				if (end > start) yield rest.slice(start, end);
				start = end + 1;
				end = rest.indexOf('\n', start);
			}
			rest = rest.slice(start);
		}
		if (rest.trim() !== '') yield rest;
	} finally {
		reader.releaseLock();
	}
}
