// The longpoll a live sync waits on: answered at the first change the viewer may read, on its
// timeout, when the client leaves, or at once when the server shuts down.
import type { Context } from 'hono';
import type { Viewer } from '../../src/lib/domain';
import type { Couch } from './context';
import { type FeedOptions, type Page, present, readableChanges } from './feed';
import { integer } from './params';
import type { Seq } from './seq';

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_TIMEOUT_MS = 300_000;
const MIN_HEARTBEAT_MS = 100;

export interface Poll {
	viewer: Viewer;
	scope: string;
	opts: FeedOptions;
	from: Seq;
}

/**
 * Holds the request until a readable change arrives, the timeout passes, the client leaves or
 * the server shuts down. Heartbeat newlines keep proxies from cutting the wait; they are valid
 * JSON whitespace. `no-transform` keeps the compressor from buffering them.
 */
export function longpoll(couch: Couch, c: Context, poll: Poll): Response {
	const timeout = Math.min(integer(c, 'timeout') ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
	const asked = integer(c, 'heartbeat');
	const heartbeat = asked ? Math.max(asked, MIN_HEARTBEAT_MS) : undefined;
	const signal = c.req.raw.signal;
	const encoder = new TextEncoder();
	let cursor = poll.from;
	let stop = () => {};

	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let finished = false;
			let checking = false;
			let again = false;
			const finish = (page: Page) => {
				if (finished) return;
				stop();
				controller.enqueue(encoder.encode(JSON.stringify(present(poll.scope, page))));
				controller.close();
			};
			const check = async () => {
				if (checking) {
					again = true;
					return;
				}
				checking = true;
				try {
					do {
						again = false;
						const page = await readableChanges(couch, poll.viewer, cursor, poll.opts);
						cursor = page.last_seq;
						if (page.results.length > 0) finish(page);
					} while (again && !finished);
				} catch (err) {
					console.error('longpoll: could not read changes', err);
					finish({ results: [], last_seq: cursor });
				} finally {
					checking = false;
				}
			};
			const unsubscribe = couch.index.onChange(() => void check());
			const unregister = couch.waiters.add(() => finish({ results: [], last_seq: cursor }));
			const timer = setTimeout(() => finish({ results: [], last_seq: cursor }), timeout);
			const beat = heartbeat
				? setInterval(() => controller.enqueue(encoder.encode('\n')), heartbeat)
				: undefined;
			stop = () => {
				finished = true;
				unsubscribe();
				unregister();
				clearTimeout(timer);
				clearInterval(beat);
				signal.removeEventListener('abort', leave);
			};
			// The client went away: free everything and end the response so its connection closes.
			const leave = () => {
				if (finished) return;
				stop();
				controller.close();
			};
			signal.addEventListener('abort', leave);
			// A change may have landed between the first read and the subscription.
			void check();
		},
		cancel() {
			stop();
		},
	});
	return c.body(body, 200, { 'content-type': 'application/json', 'cache-control': 'no-cache, no-transform' });
}
