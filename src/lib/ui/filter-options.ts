// The choices of the filter drop-downs, built once from the domain's reference lists.
import { DEPARTMENTS, EVENT_KINDS, LEGAL_FORMS, NATURES, SECTORS } from '$lib/domain';
import { m } from '$lib/i18n';

type Option = { value: string; label: string };

const fromRecord = (record: Record<string, string>): Option[] =>
	Object.entries(record).map(([value, label]) => ({ value, label }));

export const SECTOR_OPTIONS: Option[] = SECTORS.map((s) => ({ value: s.id, label: s.label }));
export const DEPARTMENT_OPTIONS: Option[] = Object.entries(DEPARTMENTS).map(([code, name]) => ({
	value: code,
	label: `${name} (${code})`,
}));
export const LEGAL_FORM_OPTIONS = fromRecord(LEGAL_FORMS);
export const NATURE_OPTIONS = fromRecord(NATURES);
export const EVENT_KIND_OPTIONS = fromRecord(EVENT_KINDS);
/** "Offres" / "Demandes": the kinds in the plural, as a filter reads (the language is chosen before this loads). */
export const LISTING_KIND_OPTIONS: Option[] = [
	{ value: 'offer', label: m.listings_kind_offers() },
	{ value: 'request', label: m.listings_kind_requests() },
];
