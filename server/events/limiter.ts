// A fixed budget of requests per client address and window: guests' registrations are open to
// anyone, so one address may not fill an event's list or flood the hosts.
import { HttpError } from '../errors';

export class RequestLimiter {
	#hits = new Map<string, number[]>();

	constructor(
		readonly max: number,
		readonly windowMs: number,
		readonly reason: string,
	) {}

	/** Counts one request from `client`; throws 429 once its budget is spent. */
	take(client: string, now = Date.now()): void {
		const recent = (this.#hits.get(client) ?? []).filter((t) => now - t < this.windowMs);
		if (recent.length >= this.max) throw new HttpError(429, 'too_many_requests', this.reason);
		recent.push(now);
		this.#hits.set(client, recent);
		if (this.#hits.size > 10_000)
			for (const [key, times] of this.#hits)
				if (times.every((t) => now - t >= this.windowMs)) this.#hits.delete(key);
	}
}
