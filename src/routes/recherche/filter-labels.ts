// The names of the search filters as a person reads them, and the choices of the territory filters.
import { EPCIS } from '$lib/domain';
import type { FilterName } from '$lib/domain/search';
import { compareText, m } from '$lib/i18n';

export function filterLabels(): Record<FilterName, string> {
	return {
		type: m.search_filter_type(),
		kind: m.search_filter_kind(),
		nature: m.search_filter_nature(),
		sector: m.search_filter_sector(),
		legalForm: m.search_filter_legal_form(),
		department: m.search_filter_department(),
		epci: m.search_filter_epci(),
		commune: m.search_filter_commune(),
		position: m.search_filter_position(),
	};
}

/** `label` is a function: the text is read in the language of the page when it is drawn. */
export const TYPE_OPTIONS = [
	{ value: '', label: m.search_type_all },
	{ value: 'listing', label: m.search_type_listings },
	{ value: 'structure', label: m.search_type_structures },
] as const;

export const EPCI_OPTIONS = [...EPCIS]
	.map(([value, label]) => ({ value, label }))
	.sort((a, b) => compareText(a.label, b.label));
