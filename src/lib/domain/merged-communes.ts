// Communes of Nord and Pas-de-Calais merged into another one (communes nouvelles, associations,
// absorptions), so that an old name or an old INSEE code still finds the current commune. Extracted
// at build time from @etalab/decoupage-administratif by scripts/extract-merged-communes.ts.
import data from './data/merged-communes.json';

export interface MergedCommune {
	/** The old INSEE code; a commune déléguée may keep the code of its commune nouvelle. */
	insee: string;
	/** The old name, when the package gives it (communes déléguées and associées only). */
	name: string;
	/** INSEE code of the current commune. */
	into: string;
}

export const MERGED_COMMUNES: readonly MergedCommune[] = [
	...(data.merged as [string, string, string][]).map(([insee, name, into]) => ({ insee, name, into })),
	...(data.keptCode as [string, string][]).map(([name, into]) => ({ insee: into, name, into })),
];

const intoByOldCode = new Map(
	MERGED_COMMUNES.filter((m) => m.insee !== m.into).map((m) => [m.insee, m.into]),
);

/** The current commune's INSEE code for an old one, `undefined` for a code that was never merged. */
export function currentCommuneCode(oldInsee: string): string | undefined {
	return intoByOldCode.get(oldInsee);
}
