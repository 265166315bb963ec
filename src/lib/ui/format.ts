// Labels and dates as the reader expects them, in the app's language; every page formats through here.

// The domain's tables (src/lib/domain: NATURES, SECTORS…) keep their French labels for the server
// and the CSV files; the UI reads them from the `domain` catalogue, keyed by table and id.
import { communeByCode, communeName, type Listing, effectiveStatus as statusOn } from '../domain';
import { formatDateWith, formatNumber, type Locale, locales } from '../i18n';
import * as domainMessages from './domain-messages';

export { communeName };

/** "2027-02-01" → « 1er février 2027 » / "1 February 2027" (a calendar date, read in UTC so no time zone shifts it). */
export function formatDate(isoDate: string): string {
	const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
	return Number.isNaN(date.getTime())
		? isoDate
		: formatDateWith(date, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function formatTimestamp(iso: string): string {
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? iso : formatDateWith(date, { dateStyle: 'long', timeStyle: 'short' });
}

export function formatCount(n: number): string {
	return formatNumber(n);
}

/** The device's calendar date as YYYY-MM-DD (local time: "today" is the member's today). */
export function today(from = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`;
}

export function addMonths(isoDate: string, months: number): string {
	const [y, m, d] = isoDate.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1 + months, d));
	return date.toISOString().slice(0, 10);
}

/** "Arras (62)" — the department number helps tell apart communes with the same name. */
export function communeLabel(insee: string): string {
	const commune = communeByCode(insee);
	return commune ? `${commune.name} (${commune.department})` : insee;
}

export function departmentOf(insee: string): string {
	return insee.slice(0, 2);
}

/** A label of a domain table in the reader's language: the catalogue's `domain_<table>_<id>`, else the id. */
function domainLabel(key: string, locale?: Locale): string | undefined {
	// Only the domain's labels: indexing the whole catalogue would bundle every message of the app.
	const message = (
		domainMessages as unknown as Record<string, ((i: object, o: { locale?: Locale }) => string) | undefined>
	)[key];
	return message?.({}, { locale });
}

/**
 * `locale` is optional (the app's language by default) and may be anything else: `ids.map(sectorLabel)`
 * passes an index there, which must not pick a language.
 */
const label =
	(table: string) =>
	(id: string, locale?: Locale | number): string =>
		domainLabel(
			`domain_${table}_${id.replace(/[^a-z0-9]+/gi, '_').replace(/_$/, '')}`,
			typeof locale === 'string' && (locales as readonly string[]).includes(locale) ? locale : undefined,
		) ?? id;

export const kindLabel = label('kind');
export const natureLabel = label('nature');
export const statusLabel = label('status');
export const legalFormLabel = label('legal_form');
export const employeesLabel = label('employees');
export const departmentLabel = label('department');
export const sectorLabel = label('sector');
export const membershipLabel = label('membership');
export const eventKindLabel = label('event_kind');
export const proposalStatusLabel = label('proposal');
export const followupLabel = label('followup');
export const oddPolicyLabel = label('odd');
export const reportReasonLabel = label('report_reason');
export const moderationActionLabel = label('moderation');
export const roleLabel = label('role');

/** A listing still running past its end date is expired whatever its stored status says. */
export function effectiveStatus(listing: Pick<Listing, 'status' | 'validUntil'>, on = today()): string {
	return statusOn(listing, on);
}

/** Lower case without accents, so « Étaples » is found by "etaples". */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[’']/g, "'")
		.trim();
}
