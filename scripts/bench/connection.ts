// The device's HTTP for one run: its own keep-alive agent (so every run starts on cold TCP
// connections), PouchDB's fetch (node-fetch, which offers gzip), optionally gzipped request
// bodies, and the retry a browser makes when a reused connection turns out closed.
import { Agent } from 'node:http';
import { gzipSync } from 'node:zlib';
import PouchDB from 'pouchdb-node';

/** Bodies smaller than this are not worth compressing. */
const GZIP_FROM = 1024;

export class Connection {
	readonly agent = new Agent({ keepAlive: true });
	/** Requests sent again after their connection was closed under them (the server's keep-alive timeout). */
	retries = 0;

	constructor(private gzipBodies = false) {}

	readonly fetch = async (url: string | Request, init: RequestInit = {}): Promise<Response> => {
		const options = { ...init, agent: this.agent } as RequestInit & { agent: Agent };
		if (this.gzipBodies && typeof init.body === 'string' && init.body.length >= GZIP_FROM) {
			options.body = gzipSync(init.body) as unknown as BodyInit;
			(options.headers as Headers).set('Content-Encoding', 'gzip');
		}
		try {
			return await PouchDB.fetch(url, options);
		} catch (err) {
			// Chromium resends a request whose reused connection was closed before any answer: so do we.
			const code = (err as { code?: string }).code;
			if (code !== 'ECONNRESET' && code !== 'EPIPE') throw err;
			this.retries++;
			return PouchDB.fetch(url, options);
		}
	};

	/**
	 * Closes the connections once requests in flight have ended: PouchDB does not wait for all it
	 * sends (the db info after each batch), and their failure would be an unhandled rejection.
	 */
	async release(): Promise<void> {
		const busy = () => Object.values(this.agent.sockets).some((sockets) => sockets && sockets.length > 0);
		for (let waited = 0; busy() && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
		this.agent.destroy();
	}
}
