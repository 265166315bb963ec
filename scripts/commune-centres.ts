// The documented fallback for commune centres GeoNames lacks, kept apart from the extraction so it is
// unit-tested: the mean of the communes sharing one of its postal codes, else of its intercommunality,
// else of its department (only communes GeoNames places count in a mean).
export type LatLon = [number, number];
export type CentreSource = 'geonames' | 'postal' | 'epci' | 'department';

export interface CommuneToPlace {
	insee: string;
	postalCodes: string[];
	epci: string;
	department: string;
}

function mean(points: LatLon[]): LatLon | undefined {
	if (points.length === 0) return undefined;
	const sum = points.reduce((s, p) => [s[0] + p[0], s[1] + p[1]], [0, 0]);
	return [sum[0] / points.length, sum[1] / points.length];
}

function group(
	communes: readonly CommuneToPlace[],
	known: ReadonlyMap<string, LatLon>,
	keys: (c: CommuneToPlace) => string[],
): Map<string, LatLon[]> {
	const groups = new Map<string, LatLon[]>();
	for (const c of communes) {
		const at = known.get(c.insee);
		if (!at) continue;
		for (const k of keys(c)) groups.set(k, [...(groups.get(k) ?? []), at]);
	}
	return groups;
}

/** Every commune's centre and where it came from; `known` holds the GeoNames centres by INSEE code. */
export function communeCentres(
	communes: readonly CommuneToPlace[],
	known: ReadonlyMap<string, LatLon>,
): Map<string, { at: LatLon; source: CentreSource }> {
	const byPostal = group(communes, known, (c) => c.postalCodes);
	const byEpci = group(communes, known, (c) => (c.epci ? [c.epci] : []));
	const byDepartment = group(communes, known, (c) => [c.department]);
	const out = new Map<string, { at: LatLon; source: CentreSource }>();
	for (const c of communes) {
		const own = known.get(c.insee);
		const postal = own ? undefined : mean(c.postalCodes.flatMap((p) => byPostal.get(p) ?? []));
		const epci = own || postal ? undefined : mean(byEpci.get(c.epci) ?? []);
		if (own) out.set(c.insee, { at: own, source: 'geonames' });
		else if (postal) out.set(c.insee, { at: postal, source: 'postal' });
		else if (epci) out.set(c.insee, { at: epci, source: 'epci' });
		else {
			const department = mean(byDepartment.get(c.department) ?? []);
			if (department) out.set(c.insee, { at: department, source: 'department' });
		}
	}
	return out;
}
