/// <reference types="svelte" />
// When to offer « Installer l'application »: from the second visit, or after a first post, until the
// person installs it or dismisses the offer (remembered on the device). Browsers that can install
// announce it with `beforeinstallprompt` (Chromium); iOS Safari cannot, so it gets instructions.

const VISITS_KEY = 'elbasar:visits';
const POSTED_KEY = 'elbasar:posted';
const DISMISSED_KEY = 'elbasar:install-dismissed';
/** Counted once per tab: a reload or a navigation is not a new visit. */
const COUNTED_KEY = 'elbasar:visit-counted';

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

function stored(key: string): string | null {
	try {
		return globalThis.localStorage?.getItem(key) ?? null;
	} catch {
		return null;
	}
}

function store(key: string, value: string): void {
	try {
		globalThis.localStorage?.setItem(key, value);
	} catch {
		// Private mode without storage: the offer simply comes back next time.
	}
}

/** iPhone and iPad Safari (iPadOS says Macintosh but has touch), not other iOS browsers. */
function isIosSafari(): boolean {
	const nav = globalThis.navigator;
	if (!nav) return false;
	const ios =
		/iPhone|iPad|iPod/.test(nav.userAgent) || (/Macintosh/.test(nav.userAgent) && nav.maxTouchPoints > 1);
	return ios && /Safari/.test(nav.userAgent) && !/CriOS|FxiOS|EdgiOS/.test(nav.userAgent);
}

function runsInstalled(): boolean {
	const nav = globalThis.navigator as (Navigator & { standalone?: boolean }) | undefined;
	return nav?.standalone === true || globalThis.matchMedia?.('(display-mode: standalone)').matches === true;
}

class InstallOffer {
	visits = $state(Number(stored(VISITS_KEY)) || 0);
	posted = $state(stored(POSTED_KEY) === '1');
	dismissed = $state(stored(DISMISSED_KEY) === '1');
	#event = $state<InstallPromptEvent | null>(null);
	readonly ios = isIosSafari();

	/** Whether the offer shows now: the device is ready for it and it can be acted on. */
	get shown(): boolean {
		if (this.dismissed || runsInstalled()) return false;
		if (this.visits < 2 && !this.posted) return false;
		return this.#event !== null || this.ios;
	}

	/** The browser's own install dialog exists (else: the iOS instructions). */
	get canPrompt(): boolean {
		return this.#event !== null;
	}

	/** Once per app start: counts the visit and listens for the browser's offer. */
	start(): void {
		if (typeof window === 'undefined') return;
		if (!sessionStorage.getItem(COUNTED_KEY)) {
			sessionStorage.setItem(COUNTED_KEY, '1');
			this.visits += 1;
			store(VISITS_KEY, String(this.visits));
		}
		addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault(); // the app offers it at its own time, not the browser's mini-bar
			this.#event = event as InstallPromptEvent;
		});
		addEventListener('appinstalled', () => this.dismiss());
	}

	async install(): Promise<void> {
		const event = this.#event;
		if (!event) return;
		this.#event = null;
		await event.prompt();
		if ((await event.userChoice).outcome === 'accepted') this.dismiss();
	}

	dismiss(): void {
		this.dismissed = true;
		store(DISMISSED_KEY, '1');
	}

	notePost(): void {
		this.posted = true;
		store(POSTED_KEY, '1');
	}
}

export const installOffer = new InstallOffer();

/** Call after the device's first post (a listing, a proposal…): the install offer may show from then. */
export function noteFirstPost(): void {
	installOffer.notePost();
}
