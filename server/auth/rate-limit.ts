// Counts failed sign-ins per e-mail so nobody can try passwords by the thousand.
import { HttpError } from '../errors';

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;

export class SignInLimiter {
	#failures = new Map<string, number[]>();

	/** Throws 429 when this e-mail has failed too often lately. */
	check(email: string, now = Date.now()): void {
		if (this.#recent(email, now).length >= MAX_FAILURES)
			throw new HttpError(
				429,
				'too_many_requests',
				'Trop de tentatives de connexion pour cette adresse. Réessayez dans un quart d’heure.',
			);
	}

	fail(email: string, now = Date.now()): void {
		const recent = this.#recent(email, now);
		recent.push(now);
		this.#failures.set(email, recent);
		if (this.#failures.size > 10_000) this.#prune(now);
	}

	succeed(email: string): void {
		this.#failures.delete(email);
	}

	#recent(email: string, now: number): number[] {
		return (this.#failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
	}

	#prune(now: number): void {
		for (const [email, times] of this.#failures)
			if (times.every((t) => now - t >= WINDOW_MS)) this.#failures.delete(email);
	}
}
