// The domain's rules for reports, hidden contents, favourites and notices, as pure functions (the
// server runs the same ones on every write, see tests/server/moderation.test.ts).
import { describe, expect, it } from 'vitest';
import {
	canWrite,
	expiryNotice,
	expiryNoticeId,
	favouriteId,
	hideContent,
	type Listing,
	moderationNotice,
	newFavourite,
	restoreContent,
	type Viewer,
	validateDoc,
	withDecision,
} from '../../src/lib/domain';

const at = '2026-11-01T10:00:00.000Z';
const LEA: Viewer = { role: 'member', accountId: 'a', structureId: 'structure:la-pioche' };
const ANNE: Viewer = { role: 'animator', accountId: 'b' };
const listing: Listing = {
	_id: 'listing:velo',
	type: 'listing',
	schema: 1,
	owner: 'structure:la-pioche',
	audience: 'members',
	createdAt: at,
	updatedAt: at,
	kind: 'offer',
	nature: 'loan',
	sector: 'mobilite',
	title: 'Vélo',
	text: '',
	commune: '62041',
	validFrom: '2026-11-01',
	validUntil: '2026-12-01',
	status: 'open',
};

describe('hiding a content', () => {
	it('narrows it to its owner and keeps the audience to give back', () => {
		const hidden = hideContent(listing, 'Anne', 'Hors sujet', 'report:1', new Date(at));
		expect(hidden.audience).toBe('owner');
		expect(hidden.hidden).toEqual({
			at,
			by: 'Anne',
			reason: 'Hors sujet',
			previousAudience: 'members',
			report: 'report:1',
		});
		expect(validateDoc(hidden).ok).toBe(true);
		const back = restoreContent(hidden);
		expect(back.audience).toBe('members');
		expect('hidden' in back).toBe(false);
	});

	it('a hidden listing must stay with its owner, and only staff touch the record', () => {
		const hidden = hideContent(listing, 'Anne', 'Hors sujet');
		expect(validateDoc({ ...hidden, audience: 'public' })).toMatchObject({ ok: false });
		expect(canWrite(LEA, listing, hidden)).toMatchObject({ ok: false });
		expect(canWrite(LEA, hidden, restoreContent(hidden))).toMatchObject({ ok: false });
		expect(canWrite(LEA, hidden, { ...hidden, title: 'Vélo cargo' } as Listing)).toEqual({ ok: true });
		expect(canWrite(ANNE, listing, hidden)).toEqual({ ok: true });
	});

	it('a decision closes the report and is appended to its record', () => {
		const report = {
			_id: 'report:1',
			type: 'report',
			schema: 1,
			owner: 'structure:le-relais',
			audience: 'owner',
			target: 'listing:velo',
			targetOwner: 'structure:la-pioche',
			excerpt: 'Vélo',
			reason: 'spam',
			details: '',
			reporterName: 'Marc',
			status: 'open',
			createdAt: at,
			updatedAt: at,
		} as const;
		const decided = withDecision({ ...report }, { action: 'warn', at, by: 'Anne', reason: 'Soyez précis' });
		expect(decided.status).toBe('closed');
		expect(decided.decisions).toEqual([{ action: 'warn', at, by: 'Anne', reason: 'Soyez précis' }]);
		expect(validateDoc(decided).ok).toBe(true);
	});
});

describe('favourites and notices', () => {
	it('a favourite’s id names its structure and listing', () => {
		expect(favouriteId('structure:le-relais', 'listing:velo')).toBe('favourite:le-relais~velo');
		const fav = newFavourite('structure:la-pioche', 'listing:velo');
		expect(validateDoc(fav).ok).toBe(true);
		expect(canWrite(LEA, null, fav)).toEqual({ ok: true });
		expect(
			canWrite(LEA, null, { ...fav, _id: favouriteId('structure:la-pioche', 'listing:autre') }),
		).toMatchObject({
			ok: false,
		});
	});

	it('one expiry reminder per listing and end date, in French', () => {
		expect(expiryNoticeId('listing:velo', '2026-12-01')).toBe('notice:expiry~velo~2026-12-01');
		expect(expiryNotice('Vélo', '2026-12-01').title).toBe(
			'Votre annonce « Vélo » arrive à échéance le 1 décembre 2026',
		);
		expect(moderationNotice('hidden', { type: 'listing', title: 'Vélo' }, 'Hors sujet')).toEqual({
			title: 'Votre annonce « Vélo » a été masquée par l’équipe du réseau',
			text: 'Seule votre structure la voit désormais. Raison donnée par l’équipe du réseau : Hors sujet',
		});
		expect(moderationNotice('restored', { type: 'message', title: 'Bonjour' }, '').text).toBe(
			'L’équipe du réseau l’a rétabli.',
		);
	});
});
