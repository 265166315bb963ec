// Labels and dates as the reader expects them, in the app's language; every page formats through here.

import {
	communeByCode,
	communeName,
	DEPARTMENTS,
	EMPLOYEE_BAND_LABELS,
	type EmployeeBand,
	LEGAL_FORMS,
	LISTING_KINDS,
	LISTING_STATUSES,
	type Listing,
	NATURES,
	sectorLabel,
	effectiveStatus as statusOn,
} from '../domain';
import { formatDateWith, formatNumber } from '../i18n';

export { communeName, sectorLabel };

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

export function departmentLabel(code: string): string {
	return DEPARTMENTS[code as keyof typeof DEPARTMENTS] ?? code;
}

const label =
	<T extends Record<string, string>>(labels: T) =>
	(key: string) =>
		(labels as Record<string, string>)[key] ?? key;

export const kindLabel = label(LISTING_KINDS);
export const natureLabel = label(NATURES);
export const statusLabel = label(LISTING_STATUSES);
export const legalFormLabel = label(LEGAL_FORMS);

export function employeesLabel(band: string): string {
	return EMPLOYEE_BAND_LABELS[band as EmployeeBand] ?? band;
}

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
