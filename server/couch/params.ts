// Reading CouchDB query parameters: booleans, bounded integers and JSON values, with a 400 and a
// reason when one is malformed rather than a misread or a crash.
import type { Context } from 'hono';
import { HttpError } from '../errors';

const invalid = (name: string) => new HttpError(400, 'bad_request', `Paramètre ${name} invalide.`);

export function flag(c: Context, name: string): boolean {
	const value = c.req.query(name);
	if (value === undefined || value === 'false') return false;
	if (value === 'true' || value === '') return true;
	throw invalid(name);
}

export function integer(c: Context, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
	const value = c.req.query(name);
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) throw invalid(name);
	return Math.min(Number(value), max);
}

/** A parameter CouchDB sends as JSON (`keys`, `startkey`, `open_revs`…). */
export function json(c: Context, name: string): unknown {
	const value = c.req.query(name);
	if (value === undefined) return undefined;
	try {
		return JSON.parse(value);
	} catch {
		throw invalid(name);
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
