// The refusal of a sign-in that may succeed later (too many attempts, hashing queue full): an
// HttpError that also says when to come back, sent as the Retry-After header.
import type { Context } from 'hono';
import { HttpError } from '../errors';

export class RetryLater extends HttpError {
	constructor(
		status: 429 | 503,
		error: string,
		reason: string,
		/** Seconds, at least 1. */
		readonly retryAfter: number,
	) {
		super(status, error, reason);
	}
}

/** Runs `work`; a RetryLater on the way out sets Retry-After on the answer the error becomes. */
export async function withRetryAfter<T>(c: Context, work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (err) {
		if (err instanceof RetryLater) c.header('Retry-After', String(err.retryAfter));
		throw err;
	}
}
