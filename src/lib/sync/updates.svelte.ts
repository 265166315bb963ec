// The service worker's side in the page: registered with workbox-window; a new version of the app
// waits until the user accepts it (« Mettre à jour »), then takes over and the page reloads.

import { Workbox } from 'workbox-window';
import { dev } from '$app/environment';

/** At most one update check per hour when the app comes back to the foreground. */
const CHECK_EVERY = 60 * 60 * 1000;

class AppUpdate {
	/** A new version is installed and waits for the user's go. */
	available = $state(false);
	#workbox: Workbox | null = null;
	#lastCheck = Date.now();

	register(): void {
		if (this.#workbox || !('serviceWorker' in navigator)) return;
		// SvelteKit serves the worker as an ES module in development and as a classic script when built.
		const workbox = new Workbox('/service-worker.js', { type: dev ? 'module' : 'classic' });
		workbox.addEventListener('waiting', () => {
			this.available = true;
		});
		workbox.register().catch((err) => console.error('service worker', err));
		this.#workbox = workbox;
		// An app left open for days never navigates: look for a new version when it is shown again.
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState !== 'visible' || Date.now() - this.#lastCheck < CHECK_EVERY) return;
			this.#lastCheck = Date.now();
			workbox.update().catch(() => undefined);
		});
	}

	/** Lets the waiting version take over, and reloads the page once it controls it. */
	apply(): void {
		const workbox = this.#workbox;
		if (!workbox) return;
		workbox.addEventListener('controlling', () => location.reload());
		workbox.messageSkipWaiting();
	}
}

export const appUpdate = new AppUpdate();

export function registerServiceWorker(): void {
	appUpdate.register();
}
