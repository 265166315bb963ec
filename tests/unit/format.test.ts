// Formatting (French by default, English on demand) of dates and labels, and when a listing counts as expired.
import { describe, expect, it } from 'vitest';
import {
	DEPARTMENTS,
	EMPLOYEE_BAND_LABELS,
	EVENT_KINDS,
	FOLLOWUP_ANSWERS,
	LEGAL_FORMS,
	LISTING_KINDS,
	LISTING_STATUSES,
	MEMBERSHIP_STATUSES,
	MODERATION_ACTIONS,
	NATURES,
	ODD_POLICIES,
	PROPOSAL_STATUSES,
	REPORT_REASONS,
	ROLE_LABELS,
	SECTORS,
} from '../../src/lib/domain';
import { formatDateWith } from '../../src/lib/i18n';
import {
	addMonths,
	communeLabel,
	departmentLabel,
	effectiveStatus,
	employeesLabel,
	eventKindLabel,
	fold,
	followupLabel,
	formatDate,
	kindLabel,
	legalFormLabel,
	membershipLabel,
	moderationActionLabel,
	natureLabel,
	oddPolicyLabel,
	proposalStatusLabel,
	reportReasonLabel,
	roleLabel,
	sectorLabel,
	statusLabel,
	today,
} from '../../src/lib/ui/format';

describe('format', () => {
	it('writes a calendar date the French way, whatever the time zone, with « 1er » for the first', () => {
		expect(formatDate('2027-02-01')).toBe('1er février 2027');
		expect(formatDate('2027-02-11')).toBe('11 février 2027');
		expect(formatDateWith(new Date('2026-12-01T12:00:00Z'), { day: 'numeric', month: '2-digit' })).toBe(
			'01/12',
		);
	});

	it('writes dates in English when English is chosen', () => {
		const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
		expect(formatDateWith(new Date('2027-02-01T00:00:00Z'), options, 'en')).toBe('1 February 2027');
	});

	it('adds months to a date, clamping nothing silently', () => {
		expect(addMonths('2026-11-28', 3)).toBe('2027-02-28');
	});

	it('gives today as a local calendar date', () => {
		expect(today(new Date(2026, 10, 5, 23, 30))).toBe('2026-11-05');
	});

	it('names communes with their department', () => {
		expect(communeLabel('62041')).toBe('Arras (62)');
	});

	it('labels natures in French', () => {
		expect(natureLabel('pooling')).toBe('Mutualisation');
	});

	it('labels every domain table in French by default, as the domain writes it', () => {
		for (const [id, label] of Object.entries(NATURES)) expect(natureLabel(id)).toBe(label);
		for (const [id, label] of Object.entries(LISTING_KINDS)) expect(kindLabel(id)).toBe(label);
		for (const [id, label] of Object.entries(LISTING_STATUSES)) expect(statusLabel(id)).toBe(label);
		for (const [id, label] of Object.entries(LEGAL_FORMS)) expect(legalFormLabel(id)).toBe(label);
		for (const [id, label] of Object.entries(EMPLOYEE_BAND_LABELS)) expect(employeesLabel(id)).toBe(label);
		for (const [id, label] of Object.entries(DEPARTMENTS)) expect(departmentLabel(id)).toBe(label);
		for (const [id, label] of Object.entries(MEMBERSHIP_STATUSES)) expect(membershipLabel(id)).toBe(label);
		for (const sector of SECTORS) expect(sectorLabel(sector.id)).toBe(sector.label);
	});

	// The tables of events, speed-dating, moderation and roles: French as the domain writes it
	// (the server's e-mails and CSV files use the domain's), English for every id.
	it.each([
		['event kinds', EVENT_KINDS, eventKindLabel],
		['proposal statuses', PROPOSAL_STATUSES, proposalStatusLabel],
		['follow-up answers', FOLLOWUP_ANSWERS, followupLabel],
		['odd-count policies', ODD_POLICIES, oddPolicyLabel],
		['report reasons', REPORT_REASONS, reportReasonLabel],
		['moderation actions', MODERATION_ACTIONS, moderationActionLabel],
		['roles', ROLE_LABELS, roleLabel],
	] as const)('labels the %s in French and in English', (_, table, label) => {
		for (const [id, french] of Object.entries(table)) {
			expect(label(id)).toBe(french);
			const english = label(id, 'en');
			expect(english).not.toBe(id);
			if (french !== 'Speed-dating') expect(english).not.toBe(french);
		}
	});

	it('labels the domain tables in English when English is asked for', () => {
		expect(natureLabel('loan', 'en')).toBe('Loan');
		expect(kindLabel('request', 'en')).toBe('Request');
		expect(statusLabel('discussion', 'en')).toBe('Under discussion');
		expect(legalFormLabel('individual', 'en')).toBe('Individual');
		expect(employeesLabel('51+', 'en')).toBe('more than 50 employees');
		expect(sectorLabel('reemploi', 'en')).toBe('Reuse, repair and recycling');
		expect(membershipLabel('lapsed', 'en')).toBe('Membership lapsed');
		// Every id of every table has its English label (none falls back to the id or to French).
		for (const sector of SECTORS) expect(sectorLabel(sector.id, 'en')).not.toBe(sector.id);
		for (const id of Object.keys(NATURES)) expect(natureLabel(id, 'en')).not.toBe(id);
	});

	it('stays in French when mapped over ids (the index is no language)', () => {
		expect(['loan', 'gift'].map(natureLabel)).toEqual(['Prêt', 'Don']);
	});

	it('gives back an unknown id as it is', () => {
		expect(natureLabel('unknown')).toBe('unknown');
	});

	it('folds accents and case', () => {
		expect(fold('Étaples-sur-Mer')).toBe('etaples-sur-mer');
	});

	it('counts a running listing past its end date as expired', () => {
		expect(effectiveStatus({ status: 'open', validUntil: '2026-11-27' }, '2026-11-28')).toBe('expired');
		expect(effectiveStatus({ status: 'open', validUntil: '2026-11-28' }, '2026-11-28')).toBe('open');
		expect(effectiveStatus({ status: 'concluded', validUntil: '2026-01-01' }, '2026-11-28')).toBe(
			'concluded',
		);
	});
});
