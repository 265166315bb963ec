// What the list pages' live queries share: a page of results with its total, and the id-set
// algebra they filter with (each filter reads one index's keys; the sets are intersected).

export interface Page<T> {
	total: number;
	rows: T[];
	/** Whether filters narrowed this result (the count then reads "match your criteria"). */
	filtered: boolean;
}

export const EMPTY_PAGE: Page<never> = { total: 0, rows: [], filtered: false };

/** Intersects id sets; `undefined` means "no constraint". */
export function intersect(sets: (Set<string> | undefined)[]): Set<string> | undefined {
	const given = sets.filter((s): s is Set<string> => s !== undefined).sort((a, b) => a.size - b.size);
	if (given.length === 0) return undefined;
	const [smallest, ...rest] = given;
	return new Set([...smallest].filter((id) => rest.every((s) => s.has(id))));
}

export async function idSet(keys: Promise<string[]> | undefined): Promise<Set<string> | undefined> {
	return keys ? new Set(await keys) : undefined;
}
