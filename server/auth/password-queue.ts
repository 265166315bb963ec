// One line for all password hashing (argon2 hash and verify, the decoy's too): a fixed few
// operations at once, a bounded waiting line. Unbounded, a flood of sign-ins ran 16 argon2 at once
// (64 MB and four threads each) and every visitor's request waited seconds behind them. With the cap
// a flood slows sign-ins only; when the line is full, a sign-in is refused at once (503 with
// Retry-After), without hashing. The hashing itself runs in its own process (hashing.ts).
import { RetryLater } from './retry-later';

export interface PasswordQueueStats {
	concurrency: number;
	maxWaiting: number;
	running: number;
	waiting: number;
	/** The most operations that ran at once since the start (or the last `resetPeak`). */
	peak: number;
	/** Operations run to their end since the start. */
	completed: number;
	/** Requests refused because the line was full. */
	refused: number;
}

/** How long an argon2 operation takes, as first guessed (then measured). */
const FIRST_GUESS_MS = 100;

export class PasswordQueue {
	readonly concurrency: number;
	readonly maxWaiting: number;
	#running = 0;
	#peak = 0;
	#refused = 0;
	#completed = 0;
	#waiting: Array<() => void> = [];
	#averageMs = FIRST_GUESS_MS;

	constructor({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }) {
		this.concurrency = concurrency;
		this.maxWaiting = maxWaiting;
	}

	/** Runs `task` when a place is free; refuses at once (503) when the waiting line is full. */
	async run<T>(task: () => Promise<T>): Promise<T> {
		// Counted before any await: parallel callers see each other's places.
		if (this.#running < this.concurrency) this.#running++;
		else if (this.#waiting.length < this.maxWaiting)
			await new Promise<void>((resolve) => this.#waiting.push(resolve));
		else throw this.#busy();
		this.#peak = Math.max(this.#peak, this.#running);
		const started = performance.now();
		try {
			return await task();
		} finally {
			this.#completed++;
			this.#averageMs = 0.8 * this.#averageMs + 0.2 * (performance.now() - started);
			// The place goes straight to the next in line, so a newcomer cannot jump the queue.
			const next = this.#waiting.shift();
			if (next) next();
			else this.#running--;
		}
	}

	stats(): PasswordQueueStats {
		return {
			concurrency: this.concurrency,
			maxWaiting: this.maxWaiting,
			running: this.#running,
			waiting: this.#waiting.length,
			peak: this.#peak,
			completed: this.#completed,
			refused: this.#refused,
		};
	}

	resetPeak(): void {
		this.#peak = this.#running;
	}

	#busy(): RetryLater {
		this.#refused++;
		const drainMs = ((this.#waiting.length + 1) * this.#averageMs) / this.concurrency;
		return new RetryLater(
			503,
			'service_unavailable',
			'Trop de connexions en cours : réessayez dans quelques secondes.',
			Math.max(1, Math.ceil(drainMs / 1000)),
		);
	}
}

/**
 * The process's one queue. One operation at a time: with its four lanes, one argon2 already takes
 * both cores of a small server; more at once would only add memory and waiting (bench:auth).
 */
export const passwordQueue = new PasswordQueue({ concurrency: 1, maxWaiting: 32 });
