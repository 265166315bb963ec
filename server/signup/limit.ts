// At most a few sign-ups per network (an IP address, an IPv6 /64) per hour: a bot cannot fill the
// animator's queue, nor send verification mails by the thousand. Counted in this process's memory,
// bounded like the sign-in limits (the least recently touched networks go first).
import { RetryLater } from '../auth/retry-later';

export const SIGNUPS_PER_HOUR = 5;
const WINDOW_MS = 3600 * 1000;
const MAX_KEYS = 20_000;

export class SignupLimiter {
	#times = new Map<string, number[]>();
	#now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** Takes a place for `network`, or throws 429 with the seconds to wait. */
	take(network: string): void {
		const now = this.#now();
		const fresh = (this.#times.get(network) ?? []).filter((t) => now - t < WINDOW_MS);
		if (fresh.length >= SIGNUPS_PER_HOUR) {
			const wait = Math.max(1, Math.ceil((fresh[0] + WINDOW_MS - now) / 1000));
			throw new RetryLater(
				429,
				'too_many_requests',
				'Trop d’inscriptions depuis votre réseau. Réessayez dans une heure.',
				wait,
			);
		}
		this.#times.delete(network);
		this.#times.set(network, [...fresh, now]);
		for (const [key, times] of this.#times) {
			if (this.#times.size <= MAX_KEYS && now - times[times.length - 1] < WINDOW_MS) break;
			this.#times.delete(key);
		}
	}
}
