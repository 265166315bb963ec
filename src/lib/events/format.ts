// Event dates as a reader expects them in their language, on French time whatever the device's
// time zone: an apéro at 18 h in Lille reads 18 h for a member abroad too.
import type { Standing } from '../domain';
import { dateFormat, formatDateWith, getLocale, m } from '../i18n';

export { eventKindLabel } from '../ui/format';

const ZONE = 'Europe/Paris';
const DAY: Intl.DateTimeFormatOptions = {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: ZONE,
};
const HOUR: Intl.DateTimeFormatOptions = {
	hour: 'numeric',
	minute: '2-digit',
	hourCycle: 'h23',
	timeZone: ZONE,
};

/** French "18:30" → "18 h 30", "09:00" → "9 h"; English "18:30". */
function hour(date: Date): string {
	if (getLocale() !== 'fr') return formatDateWith(date, { ...HOUR, hour: '2-digit' });
	const parts = dateFormat(HOUR).formatToParts(date);
	const h = Number(parts.find((p) => p.type === 'hour')?.value);
	const min = parts.find((p) => p.type === 'minute')?.value ?? '00';
	return min === '00' ? `${h} h` : `${h} h ${min}`;
}

/** « mardi 8 décembre 2026, de 18 h à 20 h 30 », or « du … au … » over several days. */
export function formatEventWhen(start: string, end: string): string {
	const from = new Date(start);
	const to = new Date(end);
	if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return start;
	const day = formatDateWith(from, DAY);
	const endDay = formatDateWith(to, DAY);
	if (day === endDay) return m.events_when_same_day({ day, from: hour(from), to: hour(to) });
	return m.events_when_span({ day, from: hour(from), endDay, to: hour(to) });
}

/** Where a registration stands, in the reader's language: « Inscrit·e », « En liste d’attente (n° 2) ». */
export function standingText(standing: Standing | undefined): string {
	if (!standing) return m.events_standing_cancelled();
	return standing.status === 'confirmed'
		? m.events_standing_confirmed()
		: m.events_standing_waiting({ position: standing.position });
}
