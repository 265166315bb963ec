// The choices of the filter drop-downs, built once from the domain's reference lists.
import { DEPARTMENTS, EVENT_KINDS, LEGAL_FORMS, NATURES, SECTORS } from '$lib/domain';
import { m } from '$lib/i18n';
import { departmentLabel, eventKindLabel, legalFormLabel, natureLabel, sectorLabel } from './format';

type Option = { value: string; label: string };

/** The ids of a domain table with their labels in the app's language (chosen before this loads). */
const fromTable = (ids: readonly string[], label: (id: string) => string): Option[] =>
	ids.map((value) => ({ value, label: label(value) }));

export const SECTOR_OPTIONS = fromTable(
	SECTORS.map((s) => s.id),
	sectorLabel,
);
export const DEPARTMENT_OPTIONS: Option[] = Object.keys(DEPARTMENTS).map((code) => ({
	value: code,
	label: `${departmentLabel(code)} (${code})`,
}));
export const LEGAL_FORM_OPTIONS = fromTable(Object.keys(LEGAL_FORMS), legalFormLabel);
export const NATURE_OPTIONS = fromTable(Object.keys(NATURES), natureLabel);
export const EVENT_KIND_OPTIONS = fromTable(Object.keys(EVENT_KINDS), eventKindLabel);
/** "Offres" / "Demandes": the kinds in the plural, as a filter reads (the language is chosen before this loads). */
export const LISTING_KIND_OPTIONS: Option[] = [
	{ value: 'offer', label: m.listings_kind_offers() },
	{ value: 'request', label: m.listings_kind_requests() },
];
