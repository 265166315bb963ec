// The month grid of the agenda: weeks from Monday to Sunday, each day with its events, days read
// in Paris time (an apéro at 23 h 30 in Lille is on that day for everyone).
import { formatDateWith } from '$lib/i18n';

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** "2026-12-03" for an instant, in Paris. */
export const parisDay = (iso: string) => dayKey.format(new Date(iso));

export interface Day<T> {
	date: string;
	inMonth: boolean;
	items: T[];
}

const utc = (date: string) => new Date(`${date}T12:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Weeks of the month `month` ("2026-12"), Monday first, with the items whose day falls in each. */
export function monthGrid<T>(month: string, items: T[], dayOf: (item: T) => string): Day<T>[][] {
	const byDay = new Map<string, T[]>();
	for (const item of items) byDay.set(dayOf(item), [...(byDay.get(dayOf(item)) ?? []), item]);
	const first = utc(`${month}-01`);
	const start = new Date(first);
	start.setUTCDate(1 - ((first.getUTCDay() + 6) % 7));
	const weeks: Day<T>[][] = [];
	const cursor = new Date(start);
	do {
		const week: Day<T>[] = [];
		for (let i = 0; i < 7; i++) {
			const date = iso(cursor);
			week.push({ date, inMonth: date.startsWith(month), items: byDay.get(date) ?? [] });
			cursor.setUTCDate(cursor.getUTCDate() + 1);
		}
		weeks.push(week);
	} while (iso(cursor).startsWith(month));
	return weeks;
}

export function shiftMonth(month: string, by: number): string {
	const d = utc(`${month}-01`);
	d.setUTCMonth(d.getUTCMonth() + by);
	return iso(d).slice(0, 7);
}

export const monthLabel = (month: string) =>
	formatDateWith(utc(`${month}-01`), { month: 'long', year: 'numeric', timeZone: 'UTC' });
