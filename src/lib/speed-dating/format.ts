// How speed-dating texts read in the pages: dates (« 1er décembre 2026 », in France's time), lists
// of names, the one order a table's structures are shown in, and sentences around a link.
import { compareText, formatDateWith, intlTag } from '../i18n';

export function meetingDate(iso: string): string {
	return formatDateWith(new Date(iso), {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/Paris',
	});
}

/** « A, B et C » / « A, B and C ». */
export function namesList(names: string[]): string {
	return new Intl.ListFormat(intlTag(), { type: 'conjunction' }).format(names);
}

/**
 * The order a table's structures read in, wherever the table is shown (the round's plan, the
 * follow-up cards, the animator's queue): by name, then by id. One rule, so a pair never swaps.
 */
export function inTableOrder<T extends { id: string; name: string }>(sides: readonly T[]): T[] {
	return [...sides].sort((a, b) => compareText(a.name, b.name) || a.id.localeCompare(b.id));
}

const SLOT = '\uE000';

/**
 * A whole sentence of the catalogue with a component in it (a link, a strong name): the message is
 * written with a marker in the component's place and cut there, so word order stays the language's.
 */
export function around(write: (slot: string) => string): { before: string; after: string } {
	const sentence = write(SLOT);
	const at = sentence.indexOf(SLOT);
	return at < 0
		? { before: sentence, after: '' }
		: { before: sentence.slice(0, at), after: sentence.slice(at + 1) };
}
