// The replication's fetch: gzips the big JSON bodies the device sends (ids and revisions of
// `_bulk_get`, `_revs_diff`, pushed documents), which cost ~90 s of a weak uplink on a first pull.
// The server reads them (server/couch/body.ts); browsers without CompressionStream send them plain.

type Fetch = (url: string | Request, init?: RequestInit) => Promise<Response>;

/** The endpoints whose request bodies grow with the batch. */
const BULKY = /\/_(bulk_get|revs_diff|bulk_docs)(\?|$)/;

/** Below this a gzip header and a stream cost more than they save. */
export const GZIP_FROM = 1024;

/** `base` is looked up at each request (the page's fetch by default), so it is never stale. */
export function gzipFetch(base?: Fetch): Fetch {
	return async (url, init = {}) => {
		const send = base ?? globalThis.fetch;
		const body = init.body;
		if (typeof body !== 'string' || body.length < GZIP_FROM || typeof CompressionStream === 'undefined')
			return send(url, init);
		if (!BULKY.test(new URL(typeof url === 'string' ? url : url.url, 'http://host').pathname))
			return send(url, init);
		const headers = new Headers(init.headers);
		if (headers.has('content-encoding')) return send(url, init);
		headers.set('content-encoding', 'gzip');
		return send(url, { ...init, headers, body: await gzip(body) });
	};
}

async function gzip(text: string): Promise<ArrayBuffer> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	return new Response(stream).arrayBuffer();
}
