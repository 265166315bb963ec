// Extracts the communes of Nord (59) and Pas-de-Calais (62) and their intercommunalities from
// @etalab/decoupage-administratif into a small JSON file shipped with the app.
// Run after upgrading the package: node --import tsx scripts/extract-communes.ts
import { readFileSync, writeFileSync } from 'node:fs';

const DATA = 'node_modules/@etalab/decoupage-administratif/data';
const DEPARTMENTS = new Set(['59', '62']);

interface RawCommune {
	code: string;
	nom: string;
	type: string;
	departement: string;
	codesPostaux?: string[];
	population?: number;
}
interface RawEpci {
	code: string;
	nom: string;
	membres: { code: string }[];
}

const communes = (JSON.parse(readFileSync(`${DATA}/communes.json`, 'utf8')) as RawCommune[]).filter(
	(c) => c.type === 'commune-actuelle' && DEPARTMENTS.has(c.departement),
);
const codes = new Set(communes.map((c) => c.code));
const epcis = (JSON.parse(readFileSync(`${DATA}/epci.json`, 'utf8')) as RawEpci[]).filter((e) =>
	e.membres.some((m) => codes.has(m.code)),
);
const epciOf = new Map<string, string>();
for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

const out = {
	source: '@etalab/decoupage-administratif',
	// [insee, name, postal codes joined by space, epci code, population]
	communes: communes
		.sort((a, b) => a.code.localeCompare(b.code))
		.map((c) => [
			c.code,
			c.nom,
			(c.codesPostaux ?? []).join(' '),
			epciOf.get(c.code) ?? '',
			c.population ?? 0,
		]),
	epcis: epcis.map((e) => [e.code, e.nom]),
};
writeFileSync('src/lib/domain/data/communes.json', JSON.stringify(out));
console.log(`${out.communes.length} communes, ${out.epcis.length} intercommunalités`);
