// The app's languages: French first, English complete. Every text a person reads comes from the
// message catalogues (messages/{fr,en}/<area>.json, compiled by Paraglide into src/lib/paraglide);
// numbers and dates go through Intl in the same language. The choice is kept on the device
// (localStorage), else the browser's language, else French; changing it reloads the page.
import { m } from './paraglide/messages.js';
import { getLocale, type Locale, locales, setLocale } from './paraglide/runtime.js';

export { getLocale, type Locale, locales, m };

/** The BCP 47 tag Intl formats with: French of France, English of Britain (day before month). */
export function intlTag(locale: Locale = getLocale()): string {
	return locale === 'en' ? 'en-GB' : 'fr-FR';
}

/** The language's own name, for the switch (« Français », « English »). */
export function languageName(locale: Locale): string {
	return locale === 'en' ? 'English' : 'Français';
}

/** Keeps the choice on this device and reloads so that every text follows. */
export function chooseLanguage(locale: Locale): void {
	if (locale !== getLocale()) setLocale(locale);
}

/** `<html lang>` follows the language of the texts (screen readers, hyphenation, spell check). */
export function applyDocumentLanguage(): void {
	if (typeof document !== 'undefined') document.documentElement.lang = getLocale();
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One cached Intl.DateTimeFormat per language and options. */
export function dateFormat(
	options: Intl.DateTimeFormatOptions,
	locale: Locale = getLocale(),
): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(intlTag(locale), options);
		formats.set(key, format);
	}
	return format;
}

/**
 * A date through Intl, with the French ordinal of the first day of a month: « 1er décembre »,
 * « lundi 1er décembre 2026 » (Intl writes « 1 décembre »).
 */
export function formatDateWith(
	date: Date,
	options: Intl.DateTimeFormatOptions,
	locale: Locale = getLocale(),
): string {
	const parts = dateFormat(options, locale).formatToParts(date);
	return parts
		.map((part) =>
			locale === 'fr' &&
			part.type === 'day' &&
			part.value === '1' &&
			options.month !== '2-digit' &&
			options.month !== 'numeric'
				? '1er'
				: part.value,
		)
		.join('');
}

const numbers = new Map<string, Intl.NumberFormat>();

export function formatNumber(
	n: number,
	options: Intl.NumberFormatOptions = {},
	locale: Locale = getLocale(),
): string {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = numbers.get(key);
	if (!format) {
		format = new Intl.NumberFormat(intlTag(locale), options);
		numbers.set(key, format);
	}
	return format.format(n);
}

/** Compares names the way the reader's language sorts them. */
export function compareText(a: string, b: string): number {
	return a.localeCompare(b, intlTag());
}
