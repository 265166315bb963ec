// The communes of Nord and Pas-de-Calais (INSEE code, name, postal codes, intercommunality, centre),
// extracted at build time from @etalab/decoupage-administratif and GeoNames by scripts/extract-communes.ts.
import data from './data/communes.json';

export interface Commune {
	insee: string;
	name: string;
	department: '59' | '62';
	postalCodes: string[];
	epci: string;
	population: number;
	/** Latitude and longitude of the commune's centre (GeoNames, or an estimate: see `centreSource`). */
	centre: readonly [lat: number, lon: number];
	centreSource: CentreSource;
}

/** Where a centre comes from: GeoNames, else the mean of the communes sharing a postal code, of the
 *  same intercommunality, or of the department (the documented fallback, in that order). */
export type CentreSource = 'geonames' | 'postal' | 'epci' | 'department';

export const DEPARTMENTS = { '59': 'Nord', '62': 'Pas-de-Calais' } as const;

type Row = [string, string, string, string, number, number, number];

const estimated = new Map<string, CentreSource>();
for (const [source, codes] of Object.entries(data.estimated))
	for (const insee of codes) estimated.set(insee, source as CentreSource);

export const COMMUNES: readonly Commune[] = (data.communes as Row[]).map(
	([insee, name, postal, epci, population, lat, lon]) => ({
		insee,
		name,
		department: insee.slice(0, 2) as '59' | '62',
		postalCodes: postal ? postal.split(' ') : [],
		epci,
		population,
		centre: [lat, lon],
		centreSource: estimated.get(insee) ?? 'geonames',
	}),
);

export const EPCIS: ReadonlyMap<string, string> = new Map(data.epcis as [string, string][]);

const byCode = new Map(COMMUNES.map((c) => [c.insee, c]));

export function communeByCode(insee: string): Commune | undefined {
	return byCode.get(insee);
}

export function isCommune(insee: string): boolean {
	return byCode.has(insee);
}

export function communeName(insee: string): string {
	return byCode.get(insee)?.name ?? insee;
}
