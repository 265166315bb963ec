// Finds the INSEE code of a commune written by hand: its name (any case or accents, "St"/"Ste",
// "Portel (Le)", "Cedex"), its postal code, or both — the postal code settles homonyms. A commune
// merged into a commune nouvelle (its old name, or its old INSEE code) leads to the current commune.
import { COMMUNES, type Commune, communeByCode, isCommune } from '../communes';
import { currentCommuneCode, MERGED_COMMUNES } from '../merged-communes';
import { fold } from './fold';

export type CommuneMatch = { ok: true; insee: string } | { ok: false; reason: string };

function foldCommune(name: string): string {
	const moved = name.trim().replace(/^(.*)\s*\((l'|l’|le|la|les)\)$/i, '$2 $1');
	return fold(moved)
		.replace(/\bcedex( \d+)?$/, '')
		.replace(/\bste\b/g, 'sainte')
		.replace(/\bst\b/g, 'saint')
		.trim();
}

function groupBy(pairs: [string, Commune][]): Map<string, Commune[]> {
	const map = new Map<string, Commune[]>();
	for (const [key, commune] of pairs) map.set(key, [...(map.get(key) ?? []), commune]);
	return map;
}

const byName = groupBy(COMMUNES.map((c) => [foldCommune(c.name), c]));
// Old names lead to the current commune, which inherited their postal codes.
const byOldName = groupBy(
	MERGED_COMMUNES.flatMap((m): [string, Commune][] => {
		const into = communeByCode(m.into);
		return m.name && into ? [[foldCommune(m.name), into]] : [];
	}),
);
const byPostalCode = groupBy(COMMUNES.flatMap((c) => c.postalCodes.map((p): [string, Commune] => [p, c])));

/** `undefined` when neither a name nor a postal code was given. */
export function matchCommune(name = '', postalCode = ''): CommuneMatch | undefined {
	const postal = postalCode.replace(/\s/g, '');
	if (name === '' && postal === '') return undefined;
	if (/^\d{5}$/.test(name) && isCommune(name)) return { ok: true, insee: name };
	const current = /^\d{5}$/.test(name) ? currentCommuneCode(name) : undefined;
	if (current) return { ok: true, insee: current };
	if (name === '') return fromPostalCode(postal);
	const folded = foldCommune(name);
	const today = byName.get(folded) ?? [];
	// A current commune wins over an old one of the same name, unless the postal code says otherwise.
	const old = byOldName.get(folded) ?? [];
	const candidates = today.length > 0 ? today : old;
	if (candidates.length === 0) return { ok: false, reason: `commune inconnue "${name}"` };
	if (postal !== '') {
		let found = candidates.filter((c) => c.postalCodes.includes(postal));
		if (found.length === 0 && candidates === today) found = old.filter((c) => c.postalCodes.includes(postal));
		if (found.length === 1) return { ok: true, insee: found[0].insee };
		return { ok: false, reason: `la commune "${name}" n’a pas le code postal ${postal}` };
	}
	if (candidates.length === 1) return { ok: true, insee: candidates[0].insee };
	return { ok: false, reason: `plusieurs communes s’appellent "${name}" : précisez le code postal` };
}

function fromPostalCode(postal: string): CommuneMatch {
	const found = byPostalCode.get(postal) ?? [];
	if (found.length === 1) return { ok: true, insee: found[0].insee };
	if (found.length === 0)
		return { ok: false, reason: `code postal inconnu dans le Nord et le Pas-de-Calais : ${postal}` };
	return { ok: false, reason: `le code postal ${postal} couvre plusieurs communes : précisez la commune` };
}
