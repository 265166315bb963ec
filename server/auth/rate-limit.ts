// Limits on failed sign-ins (JSON sign-in and HTTP Basic alike), so nobody can try passwords by
// the thousand, and nobody can lock the owner of an account out.
//
// Three counts of failures over the last quarter of an hour:
// - per network (the client's IP address, an IPv6 client's /64), over all e-mails: 20 at most.
//   One client cannot try a password on every address of the network.
// - per network and e-mail: 10 at most. This is the lockout a password guesser meets; the owner,
//   signing in from another network, never sees it.
// - per e-mail, from every network: no lockout but a wait between attempts, doubling from the
//   20th failure (1 s, 2 s, 4 s … one minute at most). Guessers spread over many networks slow each
//   other down; the owner waits a minute at worst, and not at all from a network they signed in
//   from successfully in the last 30 days.
// An attempt takes its places in the three counts synchronously, before anything is awaited, as if
// it were to fail: parallel attempts see each other, so 24 at once on one address are 10 checked and
// 14 refused. Success gives the places back (and clears the network-and-e-mail count); an attempt
// that was never checked (hashing queue full) gives them back too.
// Keys are e-mails as typed, whether an account exists or not: the answers do not tell. The counts
// live in this process's memory, bounded (the least recently touched keys go first): several
// servers behind a load balancer each keep their own, which divides nothing an attacker gains by more
// than their number.
import { RetryLater } from './retry-later';

const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_NETWORK = 20;
export const MAX_FAILURES_PER_PAIR = 10;
/** Failures on one e-mail from all networks before attempts must wait. */
export const FREE_FAILURES_PER_EMAIL = 20;
const FIRST_WAIT_MS = 1000;
export const LONGEST_WAIT_MS = 60 * 1000;
const TRUSTED_PAIR_MS = 30 * 24 * 3600 * 1000;
const MAX_KEYS = 50_000;

/** The outcome of an attempt, told once. */
export interface SignInAttempt {
	succeeded(): void;
	failed(): void;
	/** Not checked after all (no hashing happened): its places are given back. */
	cancelled(): void;
}

/** Times of recent failures per key, touched keys last so the stalest go first when full. */
class FailureLog {
	#times = new Map<string, number[]>();

	recent(key: string, now: number): number[] {
		const times = this.#times.get(key);
		if (!times) return [];
		const fresh = times.filter((t) => now - t < WINDOW_MS);
		if (fresh.length === 0) this.#times.delete(key);
		else if (fresh.length < times.length) this.#times.set(key, fresh);
		return fresh;
	}

	add(key: string, now: number): void {
		const times = this.recent(key, now);
		this.#times.delete(key);
		this.#times.set(key, [...times, now]);
		dropStalest(this.#times, (times) => now - times[times.length - 1] >= WINDOW_MS);
	}

	removeOne(key: string, time: number): void {
		const times = this.#times.get(key);
		const at = times?.indexOf(time) ?? -1;
		if (!times || at < 0) return;
		times.splice(at, 1);
		if (times.length === 0) this.#times.delete(key);
	}

	clear(key: string): void {
		this.#times.delete(key);
	}

	get size(): number {
		return this.#times.size;
	}
}

/** Drops expired entries from the front (the least recently touched), and any beyond MAX_KEYS. */
function dropStalest<V>(map: Map<string, V>, expired: (value: V) => boolean): void {
	for (const [key, value] of map) {
		if (map.size <= MAX_KEYS && !expired(value)) break;
		map.delete(key);
	}
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

const tooMany = (reason: string, waitMs: number) =>
	new RetryLater(429, 'too_many_requests', reason, seconds(waitMs));

/** The wait after `failures` failures on one e-mail, the last at `last`. */
function emailWaitMs(failures: number[]): number {
	const beyond = failures.length - FREE_FAILURES_PER_EMAIL;
	if (beyond < 0) return 0;
	return Math.min(FIRST_WAIT_MS * 2 ** beyond, LONGEST_WAIT_MS);
}

export class SignInLimiter {
	#now: () => number;
	#byNetwork = new FailureLog();
	#byPair = new FailureLog();
	#byEmail = new FailureLog();
	/** Network-and-e-mail pairs that signed in lately, with the time: they skip the e-mail's wait. */
	#trusted = new Map<string, number>();

	constructor(opts: { now?: () => number } = {}) {
		this.#now = opts.now ?? Date.now;
	}

	/** Takes this attempt's places, or throws 429 (with the seconds to wait) when a limit is reached. */
	begin(network: string, email: string): SignInAttempt {
		const now = this.#now();
		const pair = `${network}\n${email}`;
		const fromNetwork = this.#byNetwork.recent(network, now);
		if (fromNetwork.length >= MAX_FAILURES_PER_NETWORK)
			throw tooMany(
				'Trop de tentatives de connexion depuis votre réseau. Réessayez dans un quart d’heure.',
				fromNetwork[0] + WINDOW_MS - now,
			);
		const fromPair = this.#byPair.recent(pair, now);
		if (fromPair.length >= MAX_FAILURES_PER_PAIR)
			throw tooMany(
				'Trop de tentatives de connexion pour cette adresse e-mail. Réessayez dans un quart d’heure.',
				fromPair[0] + WINDOW_MS - now,
			);
		if (!this.#isTrusted(pair, now)) {
			const onEmail = this.#byEmail.recent(email, now);
			const waitMs = onEmail.length ? onEmail[onEmail.length - 1] + emailWaitMs(onEmail) - now : 0;
			if (waitMs > 0)
				throw tooMany(
					`Trop de tentatives de connexion pour cette adresse e-mail. Réessayez dans ${seconds(waitMs)} s.`,
					waitMs,
				);
		}
		this.#byNetwork.add(network, now);
		this.#byPair.add(pair, now);
		this.#byEmail.add(email, now);
		return this.#attempt(network, email, pair, now);
	}

	/** How many keys each count holds (for tests of the bound). */
	get sizes(): { network: number; pair: number; email: number; trusted: number } {
		return {
			network: this.#byNetwork.size,
			pair: this.#byPair.size,
			email: this.#byEmail.size,
			trusted: this.#trusted.size,
		};
	}

	#attempt(network: string, email: string, pair: string, at: number): SignInAttempt {
		let told = false;
		const giveBack = () => {
			this.#byNetwork.removeOne(network, at);
			this.#byEmail.removeOne(email, at);
		};
		const once = (outcome: () => void) => () => {
			if (told) return;
			told = true;
			outcome();
		};
		return {
			succeeded: once(() => {
				giveBack();
				this.#byPair.clear(pair);
				const now = this.#now();
				this.#trusted.delete(pair);
				this.#trusted.set(pair, now);
				dropStalest(this.#trusted, (time) => now - time >= TRUSTED_PAIR_MS);
			}),
			failed: once(() => {}),
			cancelled: once(() => {
				giveBack();
				this.#byPair.removeOne(pair, at);
			}),
		};
	}

	#isTrusted(pair: string, now: number): boolean {
		const since = this.#trusted.get(pair);
		return since !== undefined && now - since < TRUSTED_PAIR_MS;
	}
}
