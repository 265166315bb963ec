// Pair keys: an unordered pair of participant ids as one string, so it can key a Set or a Map.
import type { PairKey } from './types';

export function pairKey(a: string, b: string): PairKey {
	return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The two ids of a pair key (ids never contain `|`). */
export function pairIds(key: PairKey): [string, string] {
	const at = key.indexOf('|');
	return [key.slice(0, at), key.slice(at + 1)];
}
