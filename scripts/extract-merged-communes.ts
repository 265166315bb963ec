// Extracts, for Nord (59) and Pas-de-Calais (62), the communes that were merged into another one
// (a commune nouvelle, an association, an absorption), from @etalab/decoupage-administratif, into a
// small JSON file shipped with the app: associations' spreadsheets still carry old names and codes.
// Run after upgrading the package, beside scripts/extract-communes.ts:
//   node --import tsx scripts/extract-merged-communes.ts
// The package gives every old INSEE code (`anciensCodes` of the current commune), but the old name only
// of communes déléguées and associées (their own rows, with `chefLieu`): a commune absorbed outright
// (Westbécourt into Acquin-Westbécourt, Beaumont into Hénin-Beaumont) is known by its code alone.
import { readFileSync, writeFileSync } from 'node:fs';

const DATA = 'node_modules/@etalab/decoupage-administratif/data';
const DEPARTMENTS = new Set(['59', '62']);

interface RawCommune {
	code: string;
	nom: string;
	type: string;
	departement: string;
	anciensCodes?: string[];
	chefLieu?: string;
}

const all = JSON.parse(readFileSync(`${DATA}/communes.json`, 'utf8')) as RawCommune[];
const current = all.filter((c) => c.type === 'commune-actuelle' && DEPARTMENTS.has(c.departement));
const currentCodes = new Set(current.map((c) => c.code));

/** old INSEE code → [old name or '', current INSEE code] */
const merged = new Map<string, [string, string]>();
for (const c of current) for (const old of c.anciensCodes ?? []) merged.set(old, ['', c.code]);
// Names come from the communes déléguées and associées. A commune déléguée may keep the code of the
// commune nouvelle (Hesdin in Hesdin-la-Forêt): its name still leads there.
const names: [string, string][] = [];
for (const c of all) {
	if (c.type !== 'commune-deleguee' && c.type !== 'commune-associee') continue;
	if (!c.chefLieu || !currentCodes.has(c.chefLieu)) continue;
	if (merged.has(c.code)) merged.set(c.code, [c.nom, c.chefLieu]);
	else if (c.code === c.chefLieu) names.push([c.nom, c.code]);
}

const out = {
	source: '@etalab/decoupage-administratif (anciensCodes, communes déléguées et associées)',
	// [old INSEE code, old name ('' when the package does not give it), current INSEE code]
	merged: [...merged].sort(([a], [b]) => a.localeCompare(b)).map(([old, [name, to]]) => [old, name, to]),
	// [name of a commune déléguée that kept the code of its commune nouvelle, current INSEE code]
	keptCode: names.sort(([a], [b]) => a.localeCompare(b)),
};
writeFileSync('src/lib/domain/data/merged-communes.json', `${JSON.stringify(out)}\n`);
console.log(
	`${out.merged.length} old codes (${out.merged.filter((m) => m[1]).length} with their name), ${out.keptCode.length} delegated names on a kept code`,
);
