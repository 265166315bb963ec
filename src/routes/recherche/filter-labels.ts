// The names of the search filters as a person reads them, and the choices of the territory filters.
import { EPCIS } from '$lib/domain';
import type { FilterName } from '$lib/domain/search';

export const FILTER_LABELS: Record<FilterName, string> = {
	type: 'Annonces ou structures',
	kind: 'Offres ou demandes',
	nature: 'Nature de l’échange',
	sector: 'Secteur',
	legalForm: 'Forme juridique',
	department: 'Département',
	epci: 'Intercommunalité',
	commune: 'Commune et distance',
	position: 'Autour de moi',
};

export const TYPE_OPTIONS = [
	{ value: '', label: 'Tout' },
	{ value: 'listing', label: 'Annonces' },
	{ value: 'structure', label: 'Structures' },
] as const;

export const EPCI_OPTIONS = [...EPCIS]
	.map(([value, label]) => ({ value, label }))
	.sort((a, b) => a.label.localeCompare(b.label, 'fr'));
