// The methods the server answers: GET, HEAD, POST, PUT and DELETE. OPTIONS gets 204 with the list
// (no CORS: the app is served from the server's own origin), any other method 405. Either way the
// request's body is read first (a little of it at most), so the answer never races the upload and
// the connection stays usable: answered early, an unread body is cut after half a second.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HttpError, tooLarge } from '../errors';

const SERVED = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'];
const ALLOW = [...SERVED, 'OPTIONS'].join(', ');
/** What a request the server does not serve may carry: nothing useful, so little. */
const DISCARDED_MAX = 64 * 1024;

export const methodGuard = createMiddleware(async (c, next) => {
	const { method } = c.req;
	if (SERVED.includes(method)) return next();
	c.header('Allow', ALLOW);
	await discardBody(c, DISCARDED_MAX);
	if (method === 'OPTIONS') return c.body(null, 204);
	throw new HttpError(405, 'method_not_allowed', `Méthode ${method.slice(0, 20)} non prise en charge.`);
});

/** Reads and drops the body, up to `max` bytes (then 413: the server will close the connection). */
async function discardBody(c: Context, max: number): Promise<void> {
	let body: ReadableStream<Uint8Array> | null;
	try {
		body = c.req.raw.body;
	} catch {
		return; // A method the platform will not give a body to (TRACE): nothing to read.
	}
	if (!body) return;
	let read = 0;
	for await (const chunk of body) {
		read += chunk.byteLength;
		if (read > max) {
			c.header('Connection', 'close');
			throw tooLarge();
		}
	}
}
