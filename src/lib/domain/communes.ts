// The communes of Nord and Pas-de-Calais (INSEE code, name, postal codes, intercommunality),
// extracted at build time from @etalab/decoupage-administratif by scripts/extract-communes.ts.
import data from './data/communes.json';

export interface Commune {
	insee: string;
	name: string;
	department: '59' | '62';
	postalCodes: string[];
	epci: string;
	population: number;
}

export const DEPARTMENTS = { '59': 'Nord', '62': 'Pas-de-Calais' } as const;

type Row = [string, string, string, string, number];

export const COMMUNES: readonly Commune[] = (data.communes as Row[]).map(
	([insee, name, postal, epci, population]) => ({
		insee,
		name,
		department: insee.slice(0, 2) as '59' | '62',
		postalCodes: postal ? postal.split(' ') : [],
		epci,
		population,
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
