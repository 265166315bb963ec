// GET /api/search: the same engine and ranking as the device, over the store's documents, showing
// each viewer only what they may read (a visitor: public documents only).
/// <reference types="pouchdb-core" />
import { Hono } from 'hono';
import { canRead } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { SearchFeed } from './feed';
import { searchRequest } from './params';

export interface SearchEndpoint {
	routes: Hono<ViewerEnv>;
	feed: SearchFeed;
	close(): void;
}

export function createSearch(opts: { db: PouchDB.Database }): SearchEndpoint {
	const feed = new SearchFeed(opts.db);
	const routes = new Hono<ViewerEnv>();
	routes.get('/search', async (c) => {
		const request = searchRequest(c.req.query());
		const viewer = c.get('viewer');
		await feed.ready;
		const answer = feed.engine.search({ ...request, canRead: (e) => canRead(viewer, { _id: e.id, ...e }) });
		const results = answer.results.map(({ owner, audience, participants, ...hit }) => hit);
		return c.json({ ...answer, results });
	});
	return { routes, feed, close: () => feed.close() };
}
