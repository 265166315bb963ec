// Which structure a row is about, so that importing a file twice never makes duplicates: the
// identifiant cell when there is one, else an existing structure of that name (the commune
// settles homonyms), else a new id from the name, with the commune's INSEE code when homonyms
// exist. Same file + same directory → same ids.
import { slugify } from '../ids';
import type { Structure } from '../schemas';
import { fold } from './fold';
import type { RowData } from './row';
import type { Parsed } from './values';

const PREFIX = 'structure:';

export function structureIds(rows: RowData[], existing: Structure[]): Map<number, Parsed<string>> {
	const byName = new Map<string, Structure[]>();
	for (const s of existing) byName.set(fold(s.name), [...(byName.get(fold(s.name)) ?? []), s]);
	const fileCommunes = new Map<string, Set<string>>();
	for (const { structure } of rows)
		if (structure.name && structure.commune) {
			const set = fileCommunes.get(fold(structure.name)) ?? new Set();
			fileCommunes.set(fold(structure.name), set.add(structure.commune));
		}
	const taken = new Map(existing.map((s) => [s._id, fold(s.name)]));
	const ids = new Map<number, Parsed<string>>();
	for (const row of rows) ids.set(row.line, idOf(row, byName, fileCommunes, taken));
	return ids;
}

function idOf(
	row: RowData,
	byName: Map<string, Structure[]>,
	fileCommunes: Map<string, Set<string>>,
	taken: Map<string, string>,
): Parsed<string> {
	if (row.id !== undefined) {
		const key = row.id.startsWith(PREFIX) ? row.id.slice(PREFIX.length) : row.id;
		if (key === '' || slugify(key) !== key) return { ok: false, reason: `identifiant invalide "${row.id}"` };
		return { ok: true, value: PREFIX + key };
	}
	const name = row.structure.name;
	if (name === undefined) return { ok: false, reason: 'nom manquant' };
	const base = slugify(name);
	if (base === '') return { ok: false, reason: `nom invalide "${name}"` };
	const folded = fold(name);
	const communes = fileCommunes.get(folded) ?? new Set<string>();
	const commune = row.structure.commune ?? (communes.size === 1 ? [...communes][0] : undefined);
	if (commune === undefined && communes.size > 1)
		return { ok: false, reason: `plusieurs structures "${name}" dans le fichier : précisez la commune` };
	const candidates = byName.get(folded) ?? [];
	const same = candidates.find((s) => s.commune === commune);
	if (same) return { ok: true, value: same._id };
	// One structure of that name, and the file names no other: it has moved.
	if (candidates.length === 1 && communes.size <= 1) return { ok: true, value: candidates[0]._id };
	const owner = taken.get(PREFIX + base);
	const homonyms = communes.size > 1 || candidates.length > 0 || (owner !== undefined && owner !== folded);
	if (homonyms && !commune) return { ok: false, reason: 'commune manquante' };
	return { ok: true, value: homonyms ? `${PREFIX}${base}-${commune}` : PREFIX + base };
}
