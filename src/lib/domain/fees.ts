// Membership fees and listing prices of the network (PRODUCT.md, finding 6), in euro cents.

export const EMPLOYEE_BANDS = ['0-1', '2-10', '11-50', '51+'] as const;
export type EmployeeBand = (typeof EMPLOYEE_BANDS)[number];

export const EMPLOYEE_BAND_LABELS: Record<EmployeeBand, string> = {
	'0-1': '0 à 1 salarié',
	'2-10': '2 à 10 salariés',
	'11-50': '11 à 50 salariés',
	'51+': 'plus de 50 salariés',
};

/** Yearly membership fee of an individual. */
export const INDIVIDUAL_FEE = 1000;

const STRUCTURE_FEES: Record<EmployeeBand, number> = {
	'0-1': 2000,
	'2-10': 4500,
	'11-50': 7000,
	'51+': 10000,
};

/** A non-member ESS structure pays per listing; anyone may pay to feature one. */
export const NON_MEMBER_LISTING_FEE = 1000;
export const FEATURED_LISTING_FEE = 200;

export function bandOf(employees: number): EmployeeBand {
	if (!Number.isInteger(employees) || employees < 0) throw new RangeError(`effectif invalide : ${employees}`);
	if (employees <= 1) return '0-1';
	if (employees <= 10) return '2-10';
	if (employees <= 50) return '11-50';
	return '51+';
}

export function membershipFee(
	member: { kind: 'individual' } | { kind: 'structure'; band: EmployeeBand },
): number {
	return member.kind === 'individual' ? INDIVIDUAL_FEE : STRUCTURE_FEES[member.band];
}

/** What publishing one listing costs a structure. */
export function listingFee(opts: { isMember: boolean; featured: boolean }): number {
	return (opts.isMember ? 0 : NON_MEMBER_LISTING_FEE) + (opts.featured ? FEATURED_LISTING_FEE : 0);
}

export function formatEuros(cents: number): string {
	return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
