// Reads HTTP/1.1 messages out of the bytes crossing the bench link, without buffering bodies, so the
// link can count requests by kind and the bytes of each request and response as they were on the wire.

export interface Head {
	/** `GET /db/elbasar/_changes?… HTTP/1.1` or `HTTP/1.1 200 OK`. */
	startLine: string;
	/** Header names in lower case. */
	headers: Map<string, string>;
}

export interface MessageHooks {
	/** The first byte of a message went by. */
	onStart?(): void;
	/** Does this message carry a body? (A response to HEAD, a 204 or a 304 does not.) */
	hasBody(head: Head): boolean;
	/** The whole message went by: head and body, `bytes` in all. */
	onEnd(head: Head, bytes: number): void;
}

type State = 'idle' | 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'to-close';

/** Heads are small: a longer one is not looked at further than this in one go. */
const HEAD_WINDOW = 16 * 1024;

export class MessageReader {
	#state: State = 'idle';
	#text = '';
	#remaining = 0;
	#bytes = 0;
	#head: Head | null = null;
	#hooks: MessageHooks;

	constructor(hooks: MessageHooks) {
		this.#hooks = hooks;
	}

	push(data: Buffer): void {
		let at = 0;
		while (at < data.length) {
			if (this.#state === 'idle') {
				this.#state = 'head';
				this.#hooks.onStart?.();
			}
			const used = this.#step(data, at);
			this.#bytes += used;
			at += used;
			if (this.#idle()) this.#finish();
		}
	}

	#idle(): boolean {
		return this.#state === 'idle';
	}

	/** The connection closed: a body read "until close" ends here. */
	close(): void {
		if (this.#state === 'to-close') this.#finish();
	}

	/** Consumes what the current state can from `data` at `at`; returns how many bytes. */
	#step(data: Buffer, at: number): number {
		switch (this.#state) {
			case 'head':
				return this.#readHead(data, at);
			case 'length':
			case 'chunk-data':
			case 'chunk-end': {
				const used = Math.min(this.#remaining, data.length - at);
				this.#remaining -= used;
				if (this.#remaining === 0) this.#afterCounted();
				return used;
			}
			case 'chunk-size':
			case 'trailer':
				return this.#readLine(data, at);
			default:
				return data.length - at;
		}
	}

	#afterCounted(): void {
		if (this.#state === 'length') this.#state = 'idle';
		else if (this.#state === 'chunk-data') {
			this.#state = 'chunk-end';
			this.#remaining = 2;
		} else this.#state = 'chunk-size';
	}

	#readHead(data: Buffer, at: number): number {
		const before = this.#text.length;
		const joined = this.#text + data.toString('latin1', at, Math.min(data.length, at + HEAD_WINDOW));
		const end = joined.indexOf('\r\n\r\n');
		if (end < 0) {
			this.#text = joined;
			return joined.length - before;
		}
		this.#text = '';
		this.#startBody(parseHead(joined.slice(0, end)));
		return end + 4 - before;
	}

	#startBody(head: Head): void {
		this.#head = head;
		const length = head.headers.get('content-length');
		const chunked = /chunked/i.test(head.headers.get('transfer-encoding') ?? '');
		if (!this.#hooks.hasBody(head)) this.#state = 'idle';
		else if (chunked) this.#state = 'chunk-size';
		else if (length !== undefined) {
			this.#remaining = Number(length);
			this.#state = this.#remaining > 0 ? 'length' : 'idle';
		} else if (head.startLine.startsWith('HTTP/')) this.#state = 'to-close';
		else this.#state = 'idle';
	}

	/** A line of the chunked framing: a chunk size, or a trailer line (empty at the end). */
	#readLine(data: Buffer, at: number): number {
		const newline = data.indexOf(10, at);
		const end = newline < 0 ? data.length : newline + 1;
		this.#text += data.toString('latin1', at, end);
		if (newline < 0) return end - at;
		const line = this.#text.trim();
		this.#text = '';
		if (this.#state === 'trailer') {
			if (line === '') this.#state = 'idle';
			return end - at;
		}
		const size = Number.parseInt(line.split(';')[0], 16);
		if (size > 0) {
			this.#remaining = size;
			this.#state = 'chunk-data';
		} else this.#state = 'trailer';
		return end - at;
	}

	#finish(): void {
		const head = this.#head;
		const bytes = this.#bytes;
		this.#head = null;
		this.#bytes = 0;
		this.#state = 'idle';
		if (head) this.#hooks.onEnd(head, bytes);
	}
}

function parseHead(text: string): Head {
	const [startLine, ...lines] = text.split('\r\n');
	const headers = new Map<string, string>();
	for (const line of lines) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	return { startLine, headers };
}

/** What a replication request is for, from its request line. */
export function requestKind(startLine: string): string {
	const [method, target = ''] = startLine.split(' ');
	const [path, query = ''] = target.split('?');
	// Outside /db: the app's own files and pages (`app`), and its API by route (`api-session`).
	if (!/^\/db(\/|$)/.test(path)) return path.startsWith('/api/') ? `api-${path.split('/')[2]}` : 'app';
	const part = path.replace(/^\/db\/?/, '').replace(/\/$/, '');
	if (part === '') return 'root';
	const [, rest = ''] = part.split(/\/(.*)/s);
	if (rest === '') return 'db-info';
	if (rest === '_changes') return /(^|&)feed=longpoll(&|$)/.test(query) ? 'longpoll' : 'changes';
	if (rest.startsWith('_local/')) return `local-${method.toLowerCase()}`;
	if (rest.startsWith('_')) return rest.slice(1);
	// A document's attachment (a listing's photo) is `<db>/<id>/<name>`.
	return `${rest.includes('/') ? 'attachment' : 'doc'}-${method.toLowerCase()}`;
}
