// The one error type the server throws, and the one place that turns any error into a JSON
// {error, reason} response: bad input gets a 4xx with a reason, anything unexpected a bare 500.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class HttpError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly error: string,
		readonly reason: string,
	) {
		super(reason);
		this.name = 'HttpError';
	}
}

/** CouchDB's error names for the statuses we answer with. */
const ERROR_NAMES: Record<number, string> = {
	400: 'bad_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	409: 'conflict',
	412: 'precondition_failed',
	413: 'too_large',
	415: 'bad_content_type',
	429: 'too_many_requests',
};

const REASONS: Record<number, string> = {
	400: 'Requête invalide.',
	404: 'Ressource introuvable.',
	413: 'Requête trop volumineuse.',
	415: 'Type de contenu non pris en charge : application/json attendu.',
};

export const tooLarge = () => new HttpError(413, 'too_large', REASONS[413]);

/** PouchDB rejects with plain objects carrying a status and a CouchDB error name. */
interface StoreError {
	status: number;
	name: string;
	message?: string;
	reason?: string;
}

function isStoreError(err: unknown): err is StoreError {
	const e = err as Partial<StoreError> | null;
	return typeof e?.status === 'number' && typeof e.name === 'string';
}

/** The status, error name and reason a client may see for this error; null when it is our fault. */
export function describeError(err: unknown): HttpError | null {
	if (err instanceof HttpError) return err;
	if (err instanceof HTTPException && err.status < 500) {
		const status = err.status as ContentfulStatusCode;
		return new HttpError(status, ERROR_NAMES[status] ?? 'bad_request', REASONS[status] ?? REASONS[400]);
	}
	if (err instanceof SyntaxError) return new HttpError(400, 'bad_request', 'JSON invalide.');
	if (isStoreError(err) && err.status >= 400 && err.status < 500) {
		const status = err.status as ContentfulStatusCode;
		return new HttpError(status, err.name, err.reason ?? err.message ?? REASONS[400]);
	}
	return null;
}

export function onError(err: unknown, c: Context): Response {
	const known = describeError(err);
	if (known) return c.json({ error: known.error, reason: known.reason }, known.status);
	console.error(`[${c.req.method} ${c.req.path}]`, err);
	return c.json({ error: 'internal_error', reason: 'Erreur interne du serveur.' }, 500);
}

export function notFound(c: Context): Response {
	return c.json({ error: 'not_found', reason: REASONS[404] }, 404);
}
