// Event dates as a French reader expects them, on French time whatever the device's time zone:
// an apéro at 18 h in Lille reads 18 h for a member abroad too.
import { EVENT_KINDS } from '../domain';

const ZONE = 'Europe/Paris';
const dayFormat = new Intl.DateTimeFormat('fr-FR', {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: ZONE,
});
const hourFormat = new Intl.DateTimeFormat('fr-FR', {
	hour: 'numeric',
	minute: '2-digit',
	hourCycle: 'h23',
	timeZone: ZONE,
});

export function eventKindLabel(kind: string): string {
	return (EVENT_KINDS as Record<string, string>)[kind] ?? kind;
}

/** "18:30" → "18 h 30", "09:00" → "9 h". */
function hour(date: Date): string {
	const parts = hourFormat.formatToParts(date);
	const h = Number(parts.find((p) => p.type === 'hour')?.value);
	const m = parts.find((p) => p.type === 'minute')?.value ?? '00';
	return m === '00' ? `${h} h` : `${h} h ${m}`;
}

/** "mardi 8 décembre 2026, de 18 h à 20 h 30", or "du … au …" over several days. */
export function formatEventWhen(start: string, end: string): string {
	const from = new Date(start);
	const to = new Date(end);
	if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return start;
	const day = dayFormat.format(from);
	if (day === dayFormat.format(to)) return `${day}, de ${hour(from)} à ${hour(to)}`;
	return `du ${day}, ${hour(from)}, au ${dayFormat.format(to)}, ${hour(to)}`;
}
