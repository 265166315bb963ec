// Speed-dating documents over real HTTP and real PouchDB replicas: the session reaches the
// structures seated, meetings reach every member and the two structures met, answers stay between
// the two, and nobody but staff records meetings or answers for another structure.
import { beforeAll, describe, expect, it } from 'vitest';
import {
	endRound,
	type Followup,
	type Meeting,
	meetingsOfRound,
	newFollowup,
	newSession,
	type SdSession,
	startRound,
	withPlan,
} from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	call,
	device,
	JARDINS,
	localIds,
	PEOPLE,
	PIOCHE,
	postJson,
	RELAIS,
	remote,
	structure,
	useTestServer,
	type Who,
} from './helpers';

/** A structure with no membership at all, that took no part in the session. */
const OUTSIDER: Who = { email: 'eve@l-atelier.test', name: 'Ève', structureId: 'structure:l-atelier' };
const EVENT = { _id: 'event:apero-lille', title: 'Speed-dating de Lille' };
const AT = '2026-12-03T18:00:00.000Z';

/** A one-round session where La Pioche met Les Jardins (lapsed: not a member) and Le Relais met no one. */
function sessionAndMeeting(): { session: SdSession; meeting: Meeting } {
	let session = newSession(
		EVENT._id,
		[
			{ id: PIOCHE, name: 'La Pioche' },
			{ id: JARDINS, name: 'Les Jardins' },
		],
		AT,
	);
	session = withPlan(session, { tables: [[JARDINS, PIOCHE]], sittingOut: [], score: 0 });
	session = endRound(startRound(session, AT), '2026-12-03T18:07:00.000Z');
	const [meeting] = meetingsOfRound(session, session.rounds[0], EVENT, AT);
	return { session, meeting };
}

const { session, meeting } = sessionAndMeeting();
const server = useTestServer({
	docs: [...ALL_FIXTURE_DOCS, structure('l-atelier', 'L’Atelier')],
	people: [...Object.values(PEOPLE), OUTSIDER],
});
beforeAll(async () => {
	// The animator's tablet records the session and the meeting, offline, then syncs.
	const tablet = device();
	await tablet.bulkDocs([session, meeting]);
	await tablet.replicate.to(remote(server, PEOPLE.animator));
});

const bulk = (docs: unknown[], as: Who) => call(server, '/db/elbasar/_bulk_docs', postJson({ docs }, as));

async function pulled(who?: Who): Promise<string[]> {
	const db = device();
	await db.replicate.from(remote(server, who));
	return localIds(db);
}

async function answerFrom(who: Who, followup: Followup): Promise<PouchDB.Database> {
	const phone = device();
	await phone.replicate.from(remote(server, who));
	await phone.put(followup);
	await phone.replicate.to(remote(server, who));
	return phone;
}

describe('speed-dating documents on the server', () => {
	it('a meeting reaches every member and the two structures met, the session only those seated', async () => {
		expect(await pulled(PEOPLE.marc)).toContain(meeting._id);
		expect(await pulled(PEOPLE.marc)).not.toContain(session._id);
		const jardins = await pulled(PEOPLE.nina);
		expect(jardins).toContain(meeting._id);
		expect(jardins).toContain(session._id);
		expect(await pulled(PEOPLE.lea)).toEqual(expect.arrayContaining([meeting._id, session._id]));
		for (const ids of [await pulled(OUTSIDER), await pulled()]) {
			expect(ids).not.toContain(meeting._id);
			expect(ids).not.toContain(session._id);
		}
	});

	it('each side answers from its phone; both sides read the answers, other structures do not', async () => {
		const wanted = newFollowup(meeting, PIOCHE, 'wanted', AT);
		await answerFrom(PEOPLE.lea, wanted);
		await answerFrom(PEOPLE.nina, newFollowup(meeting, JARDINS, 'wanted', AT));
		const both = [wanted._id, newFollowup(meeting, JARDINS, 'wanted', AT)._id];
		expect(await pulled(PEOPLE.nina)).toEqual(expect.arrayContaining(both));
		expect(await pulled(PEOPLE.lea)).toEqual(expect.arrayContaining(both));
		expect(await pulled(PEOPLE.animator)).toEqual(expect.arrayContaining(both));
		for (const outsider of [PEOPLE.marc, OUTSIDER]) {
			const ids = await pulled(outsider);
			expect(ids.filter((id) => id.startsWith('followup:'))).toEqual([]);
		}
		// A side changes its mind later: its own document, a new revision.
		const stored = (await server.stores.db.get(wanted._id)) as unknown as Followup;
		const { body } = await bulk([{ ...stored, answer: 'maybe' }], PEOPLE.lea);
		expect(body[0]).toMatchObject({ ok: true });
	});

	it('refuses answers in another structure’s name, about a meeting one was not at, and deletions', async () => {
		const asPioche = newFollowup(meeting, PIOCHE, 'no', AT);
		const other: Meeting = {
			...meeting,
			_id: meeting._id.replace('les-jardins', 'le-relais'),
			sides: [meeting.sides[0], { id: RELAIS, name: 'Le Relais' }],
			participants: [PIOCHE, RELAIS],
		};
		const current = (await server.stores.db.get(
			newFollowup(meeting, JARDINS, 'no', AT)._id,
		)) as unknown as Followup;
		const cases: [unknown, Who, RegExp][] = [
			[asPioche, PEOPLE.marc, /au nom de votre structure/],
			[newFollowup(other, RELAIS, 'wanted', AT), PEOPLE.marc, /pas la vôtre/],
			[{ ...current, answer: 'no' }, PEOPLE.lea, /au nom de votre structure/],
			[{ _id: current._id, _rev: current._rev, _deleted: true }, PEOPLE.nina, /ne s’efface pas/],
			[
				{ ...meeting, _id: other._id, sides: other.sides, participants: other.participants },
				PEOPLE.lea,
				/équipe du réseau/,
			],
			[{ ...session, settings: { ...session.settings, rounds: 9 } }, PEOPLE.lea, /équipe du réseau/],
		];
		for (const [doc, who, reason] of cases) {
			const { body } = await bulk([doc], who);
			expect(body[0]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(reason) });
		}
	});
});
