// The built app served by the same server: files with the right cache headers, every page of the
// single-page app answered with index.html, and no HTML where a build file or an API is expected.
import { describe, expect, it } from 'vitest';
import { useTestServer } from './helpers';

const INDEX = '<!doctype html><title>elBasar</title>';

const server = useTestServer({
	docs: [],
	people: false,
	build: {
		'index.html': INDEX,
		'_app/immutable/entry/start.abc123.js': 'export const start = 1;',
		'service-worker.js': 'self.addEventListener("install", () => {});',
	},
});

const get = (path: string) => fetch(server.url + path);

describe('the built app', () => {
	it('serves hashed build files for a year and revalidates the rest', async () => {
		const script = await get('/_app/immutable/entry/start.abc123.js');
		expect(script.status).toBe(200);
		expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(script.headers.get('content-type')).toMatch(/javascript/);
		const worker = await get('/service-worker.js');
		expect(worker.headers.get('cache-control')).toBe('no-cache');
		const home = await get('/');
		expect(await home.text()).toBe(INDEX);
		expect(home.headers.get('cache-control')).toBe('no-cache');
	});

	it('answers a device that holds the page and the service worker already with a 304, body-less', async () => {
		for (const path of ['/service-worker.js', '/annonces', '/']) {
			const first = await fetch(server.url + path, { headers: { 'accept-encoding': 'gzip' } });
			const tag = first.headers.get('etag');
			expect(tag).toMatch(/^W\/"/);
			await first.text();
			const again = await fetch(server.url + path, { headers: { 'if-none-match': tag as string } });
			expect(again.status).toBe(304);
			expect(await again.text()).toBe('');
			expect(again.headers.get('cache-control')).toBe('no-cache');
		}
		// A new build is a new tag: the device gets the new file.
		const changed = await fetch(`${server.url}/service-worker.js`, {
			headers: { 'if-none-match': 'W/"old"' },
		});
		expect(changed.status).toBe(200);
	});

	it('answers every page of the app with index.html', async () => {
		for (const path of ['/annonces', '/annuaire/structure:la-pioche', '/espace/annonces/nouvelle']) {
			const page = await get(path);
			expect(page.status).toBe(200);
			expect(await page.text()).toBe(INDEX);
			expect(page.headers.get('cache-control')).toBe('no-cache');
		}
	});

	it('never answers HTML for a missing build file, API or database path', async () => {
		for (const path of ['/_app/immutable/entry/gone.js', '/api/nothing', '/db/nothing']) {
			const res = await get(path);
			expect(res.status).toBe(404);
			expect(await res.json()).toMatchObject({ error: 'not_found' });
		}
	});
});
