// The speed-dating's words: counts that agree with their noun in French and English, dates with
// « 1er », and one order for a table's structures wherever the table is shown.
import { describe, expect, it } from 'vitest';
import { meetingsOfRound, newSession } from '../../src/lib/domain';
import { m } from '../../src/lib/i18n';
import { around, inTableOrder, meetingDate, namesList } from '../../src/lib/speed-dating/format';

describe('speed-dating texts', () => {
	it('agrees minutes and rounds with their count: « 1 min restante », « 2 tours de 1 minute »', () => {
		expect(m.speed_dating_minutes_left({ count: 1 })).toBe('1 min restante');
		expect(m.speed_dating_minutes_left({ count: 3 })).toBe('3 min restantes');
		expect(m.speed_dating_ready({ rounds: 2, minutes: 1, minutesText: '1' })).toBe(
			'Prête à commencer : 2 tours de 1 minute.',
		);
		expect(m.speed_dating_ready({ rounds: 1, minutes: 7, minutesText: '7' })).toBe(
			'Prête à commencer : 1 tour de 7 minutes.',
		);
		expect(m.speed_dating_ready({ rounds: 3, minutes: 1, minutesText: '1' }, { locale: 'en' })).toBe(
			'Ready to start: 3 rounds of 1 minute.',
		);
		expect(m.speed_dating_done({ count: 1 })).toBe('Session terminée : 1 tour.');
		expect(m.speed_dating_checked_in({ kind: 'Speed-dating', count: 1 })).toBe(
			'Speed-dating · 1 personne pointée à l’accueil.',
		);
	});

	it('dates a meeting with « 1er » on the first of a month, in France’s time', () => {
		expect(meetingDate('2026-11-30T23:30:00Z')).toBe('1er décembre 2026');
	});

	it('lists names as a sentence and cuts a sentence around a link', () => {
		expect(namesList(['La Pioche', 'Université', 'Les Paniers'])).toBe(
			'La Pioche, Université et Les Paniers',
		);
		const text = around((name) => m.speed_dating_met({ name, date: '1er décembre 2026' }));
		expect(text).toEqual({ before: 'A rencontré ', after: ' au speed-dating du 1er décembre 2026' });
	});

	it('shows a table’s two structures in the same order on the table plan and on the follow-up card', () => {
		const people = [
			{ id: 'structure:b', name: 'La Pioche' },
			{ id: 'structure:a', name: 'Université populaire' },
		];
		let session = newSession('event:sd', people, '2026-12-01T09:00:00Z');
		const round = {
			number: 1,
			tables: [['structure:b', 'structure:a']],
			sittingOut: [],
			locked: [],
			forbidden: [],
		};
		session = { ...session, rounds: [round as never] };
		const [meeting] = meetingsOfRound(
			session,
			round as never,
			{ _id: 'event:sd', title: 'SD' },
			'2026-12-01T10:00:00Z',
		);
		const plan = inTableOrder(
			round.tables[0].map((id) => people.find((p) => p.id === id) as (typeof people)[0]),
		);
		expect(plan.map((s) => s.name)).toEqual(['La Pioche', 'Université populaire']);
		expect(inTableOrder(meeting.sides).map((s) => s.name)).toEqual(plan.map((s) => s.name));
	});
});
