// How many results each value of a filter would give, as the engine counts them with a search; the
// drop-downs show them ("Prêt (12)").
import type { FilterName, SearchResponse } from '../domain/search';

export function countsOf(response: SearchResponse | null, filter: FilterName): Record<string, number> | null {
	return response?.counts?.[filter] ?? null;
}

/** "Prêt (12)" when counts are known. */
export function withCounts<T extends { value: string; label: string }>(
	options: readonly T[],
	counts: Record<string, number> | null,
): T[] {
	if (!counts) return [...options];
	return options.map((o) => ({ ...o, label: `${o.label} (${counts[o.value] ?? 0})` }));
}
