import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static single-page app: the Hono server serves build/ and falls back to index.html.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: false }),
		// workbox-window registers the service worker so that we can offer an update prompt.
		serviceWorker: { register: false },
	},
	compilerOptions: { runes: true },
};

export default config;
