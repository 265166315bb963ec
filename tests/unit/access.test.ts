import { describe, expect, it } from 'vitest';
import { canRead, canWrite, VISITOR, type Viewer } from '../../src/lib/domain';
import { contact, listing, structure } from './fixtures';

const pioche: Viewer = { role: 'member', accountId: 'a1', structureId: 'structure:la-pioche' };
const paniers: Viewer = { role: 'member', accountId: 'a2', structureId: 'structure:paniers' };
const ternois: Viewer = { role: 'non-member', accountId: 'a3', structureId: 'structure:ternois' };
const animator: Viewer = { role: 'animator', accountId: 'a0' };

describe('who may read', () => {
	it('a visitor reads public documents only', () => {
		expect(canRead(VISITOR, listing('structure:la-pioche'))).toBe(true);
		expect(canRead(VISITOR, listing('structure:la-pioche', { audience: 'members' }))).toBe(false);
		expect(canRead(VISITOR, contact('structure:la-pioche'))).toBe(false);
	});

	it('a member reads members-only contact details of other structures', () => {
		expect(canRead(paniers, contact('structure:la-pioche'))).toBe(true);
	});

	it('a non-member structure reads its own members-only documents, not those of others', () => {
		expect(canRead(ternois, contact('structure:ternois'))).toBe(true);
		expect(canRead(ternois, contact('structure:la-pioche'))).toBe(false);
	});

	it('owner-only and participants documents stay within their structures', () => {
		const conversation = { _id: 'x', owner: 'structure:la-pioche', audience: 'participants' as const };
		expect(canRead(pioche, conversation)).toBe(true);
		expect(canRead(paniers, conversation)).toBe(false);
		expect(canRead(paniers, { ...conversation, participants: ['structure:paniers'] })).toBe(true);
		expect(canRead(paniers, { ...conversation, audience: 'owner' })).toBe(false);
	});

	it('staff documents are for the animator only', () => {
		const note = { _id: 'x', owner: 'network', audience: 'staff' as const };
		expect(canRead(animator, note)).toBe(true);
		expect(canRead(pioche, note)).toBe(false);
	});
});

describe('who may write', () => {
	it('a visitor cannot publish', () => {
		expect(canWrite(VISITOR, null, listing('structure:la-pioche'))).toMatchObject({ ok: false });
	});

	it('a member publishes and edits listings of their own structure', () => {
		const mine = listing('structure:la-pioche');
		expect(canWrite(pioche, null, mine)).toEqual({ ok: true });
		const edited = { ...mine, title: 'Nouveau titre' };
		expect(canWrite(pioche, mine, edited)).toEqual({ ok: true });
		expect(canWrite(pioche, mine, { _id: mine._id, _deleted: true })).toEqual({ ok: true });
	});

	it('a member cannot edit another structure’s listing', () => {
		const theirs = listing('structure:paniers');
		const forged = { ...theirs, title: 'Piraté' };
		expect(canWrite(pioche, theirs, forged)).toMatchObject({ ok: false });
		expect(canWrite(pioche, theirs, { ...theirs, owner: 'structure:la-pioche' })).toMatchObject({
			ok: false,
		});
		expect(canWrite(pioche, theirs, { _id: theirs._id, _deleted: true })).toMatchObject({ ok: false });
	});

	it('a member cannot publish in the name of another structure', () => {
		expect(canWrite(pioche, null, listing('structure:paniers'))).toMatchObject({ ok: false });
	});

	it('a non-member structure may publish its own listings', () => {
		expect(canWrite(ternois, null, listing('structure:ternois'))).toEqual({ ok: true });
	});

	it('a member edits their own structure but cannot create one or edit another', () => {
		const own = structure('la-pioche');
		const edited = { ...own, pitch: 'Nouveau' };
		expect(canWrite(pioche, own, edited)).toEqual({ ok: true });
		expect(canWrite(pioche, null, structure('la-pioche'))).toMatchObject({ ok: false });
		const other = structure('paniers');
		expect(canWrite(pioche, other, other)).toMatchObject({ ok: false });
	});

	it('memberships and events are written by staff only', () => {
		const membership = {
			_id: 'membership:la-pioche',
			owner: 'structure:la-pioche',
			audience: 'public' as const,
		};
		expect(canWrite(pioche, membership, membership)).toMatchObject({ ok: false });
		expect(canWrite(animator, membership, membership)).toEqual({ ok: true });
		const event = { _id: 'event:1', owner: 'structure:la-pioche', audience: 'public' as const };
		expect(canWrite(pioche, null, event)).toMatchObject({ ok: false });
	});

	it('contact details cannot be made public', () => {
		const c = contact('structure:la-pioche');
		expect(canWrite(pioche, c, { ...c, audience: 'public' })).toMatchObject({ ok: false });
	});
});
