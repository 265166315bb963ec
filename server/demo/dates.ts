// Dates of the demo relative to "now": listings valid around today, events upcoming, timestamps in
// the past. Event hours are French wall-clock hours turned into UTC instants (summer time included).
import type { Random } from './random';

const DAY = 86_400_000;

export function addDays(date: Date, days: number): Date {
	return new Date(date.getTime() + days * DAY);
}

/** "AAAA-MM-JJ" of a date (UTC). */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** An instant between `minDays` and `maxDays` days before `now` (at least a minute before it). */
export function pastTimestamp(random: Random, now: Date, minDays: number, maxDays: number): string {
	const ms = Math.max(60_000, (minDays + random.next() * (maxDays - minDays)) * DAY);
	return new Date(Math.floor((now.getTime() - ms) / 1000) * 1000).toISOString();
}

/** An instant between `from` (ISO) and `now`, for `updatedAt`. */
export function laterTimestamp(random: Random, from: string, now: Date): string {
	const start = Date.parse(from);
	const end = Math.max(start, now.getTime() - 60_000);
	return new Date(Math.floor((start + random.next() * (end - start)) / 1000) * 1000).toISOString();
}

/** Last Sunday of a month (0-based), as a UTC day number. */
function lastSunday(year: number, month: number): number {
	const last = new Date(Date.UTC(year, month + 1, 0));
	return last.getUTCDate() - last.getUTCDay();
}

/** Hours France is ahead of UTC on that day: 2 in summer time (last Sunday of March to October), else 1. */
function parisOffset(year: number, month: number, day: number): number {
	const t = Date.UTC(year, month, day);
	return t >= Date.UTC(year, 2, lastSunday(year, 2)) && t < Date.UTC(year, 9, lastSunday(year, 9)) ? 2 : 1;
}

/** The UTC ISO timestamp of a wall-clock time in France on the (UTC) day of `date`. */
export function parisTime(date: Date, hour: number, minute = 0): string {
	const y = date.getUTCFullYear();
	const m = date.getUTCMonth();
	const d = date.getUTCDate();
	return new Date(Date.UTC(y, m, d, hour - parisOffset(y, m, d), minute)).toISOString();
}

/** Moves a date forward to the next weekday from Monday to Friday. */
export function weekday(date: Date): Date {
	const day = date.getUTCDay();
	if (day === 6) return addDays(date, 2);
	if (day === 0) return addDays(date, 1);
	return date;
}
