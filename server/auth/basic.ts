// HTTP Basic credentials, as PouchDB sends them on every replication request. argon2 is slow on
// purpose, so a successful check is remembered for a few minutes under a hash of the header.
import { sha256 } from './sessions';

const TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 5_000;

export interface BasicCredentials {
	email: string;
	password: string;
}

/** The credentials of an `Authorization: Basic …` header; null for another scheme or none. */
export function parseBasic(header: string | undefined): BasicCredentials | null {
	const match = header?.match(/^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i);
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return { email: decoded, password: '' };
	return { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export class BasicCache {
	#verified = new Map<string, { account: string; until: number }>();

	/** The account id a recently verified header opened, or undefined. */
	get(header: string, now = Date.now()): string | undefined {
		const key = sha256(header);
		const hit = this.#verified.get(key);
		if (!hit) return undefined;
		if (hit.until > now) return hit.account;
		this.#verified.delete(key);
		return undefined;
	}

	remember(header: string, account: string, now = Date.now()): void {
		// Maps iterate in insertion order: dropping the first entry drops the oldest.
		if (this.#verified.size >= MAX_ENTRIES) this.#verified.delete(this.#verified.keys().next().value!);
		this.#verified.set(sha256(header), { account, until: now + TTL_MS });
	}

	clear(): void {
		this.#verified.clear();
	}
}
