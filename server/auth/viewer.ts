// Who is asking, resolved once per request (session cookie or HTTP Basic, read from the accounts
// store) and kept on the context: handlers read `c.get('viewer')` instead of resolving it again.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Viewer } from '../../src/lib/domain';

/** The context of a route that knows its viewer. */
export type ViewerEnv = { Variables: { viewer: Viewer } };

export function viewerMiddleware(viewerOf: (c: Context) => Promise<Viewer>) {
	return createMiddleware<ViewerEnv>(async (c, next) => {
		c.set('viewer', await viewerOf(c));
		await next();
	});
}
