// Event dates read on French time, whatever the time zone of the machine running the test.
import { describe, expect, it } from 'vitest';
import { eventKindLabel, formatEventWhen } from '../../src/lib/events/format';
import { getLocale, overwriteGetLocale } from '../../src/lib/paraglide/runtime.js';

describe('formatEventWhen', () => {
	it('reads a winter evening in French time (UTC+1)', () => {
		expect(formatEventWhen('2026-12-08T17:00:00.000Z', '2026-12-08T19:30:00.000Z')).toBe(
			'mardi 8 décembre 2026, de 18 h à 20 h 30',
		);
	});

	it('reads a summer morning in French summer time (UTC+2)', () => {
		expect(formatEventWhen('2027-06-15T06:30:00.000Z', '2027-06-15T08:00:00.000Z')).toBe(
			'mardi 15 juin 2027, de 8 h 30 à 10 h',
		);
	});

	it('spells out both days of an event over several days', () => {
		expect(formatEventWhen('2027-01-14T08:00:00.000Z', '2027-01-15T16:00:00.000Z')).toBe(
			'du jeudi 14 janvier 2027, 9 h, au vendredi 15 janvier 2027, 17 h',
		);
	});

	it('writes the first of the month « 1er », and English with its own words', () => {
		expect(formatEventWhen('2026-12-01T17:00:00.000Z', '2026-12-01T19:00:00.000Z')).toBe(
			'mardi 1er décembre 2026, de 18 h à 20 h',
		);
		const before = getLocale;
		overwriteGetLocale(() => 'en');
		try {
			// ICU versions differ on the comma after the weekday in British English.
			expect(formatEventWhen('2026-12-01T17:00:00.000Z', '2026-12-01T19:30:00.000Z')).toMatch(
				/^Tuesday,? 1 December 2026, 18:00 to 20:30$/,
			);
		} finally {
			overwriteGetLocale(before);
		}
	});

	it('names the kinds in French', () => {
		expect(eventKindLabel('apero')).toBe('Apéro itinérant');
		expect(eventKindLabel('speed-dating')).toBe('Speed-dating');
	});
});
