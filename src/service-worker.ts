/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The app shell, cached at install so the app opens offline: the built files, static files and
// the SPA page every route falls back to. Data never goes through here (PouchDB syncs it).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope & { __WB_DISABLE_DEV_LOGS?: boolean };
sw.__WB_DISABLE_DEV_LOGS = true;

/** The page of the single-page app: adapter-static's fallback, served for every route. */
const SHELL = '/index.html';

// Hashed files never change under their name: no revision, so a new version downloads only what changed.
const immutable = (url: string) => url.includes('/_app/immutable/');
// The shell exists only in a build (adapter-static writes it); `vite dev` renders pages itself.
const built = !import.meta.env.DEV;
precacheAndRoute([
	...build.map((url) => ({ url, revision: immutable(url) ? null : version })),
	...[...files, ...prerendered].map((url) => ({ url, revision: version })),
	...(built ? [{ url: SHELL, revision: version }] : []),
]);
cleanupOutdatedCaches();

// Every page of the app is the shell, online or not; the server's API and replication are not pages.
if (built)
	registerRoute(new NavigationRoute(createHandlerBoundToURL(SHELL), { denylist: [/^\/db\//, /^\/api\//] }));

// The page asks for it when the user accepts an update (workbox-window's messageSkipWaiting).
sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

// The first visit is controlled at once, so that reloading it offline works.
clientsClaim();
