// The speed-dating session as the tablet keeps it: time left from timestamps (a reload resumes),
// arrivals and departures between rounds, deterministic ids, and what comes of the answers.
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../server/demo/generate';
import {
	addPerson,
	type ElbEvent,
	endRound,
	followupId,
	formatCountdown,
	latestFollowup,
	markLeft,
	matchmakingQueue,
	meetingId,
	meetingsOfRound,
	needsPlan,
	newFollowup,
	newSession,
	pairsMetBefore,
	pauseRound,
	phaseOf,
	presentAt,
	remainingMs,
	resumeRound,
	roundInput,
	type SdSession,
	sidesOfMeetingId,
	startRound,
	togglePair,
	validateDoc,
	withPlan,
} from '../../src/lib/domain';
import { pairKey, planRound } from '../../src/lib/domain/pairing';

const EVENT = { _id: 'event:sd-lille', title: 'Speed-dating de Lille' };
const T0 = Date.parse('2026-11-28T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const seats = Array.from({ length: 12 }, (_, i) => ({
	id: `structure:s${String(i + 1).padStart(2, '0')}`,
	name: `Structure ${i + 1}`,
}));

/** Plans the next round with the real pairing (no scores: any fair plan will do). */
function plan(s: SdSession): SdSession {
	const participants = s.people.map((p) => ({ id: p.id, name: p.name, profile: {} }));
	return withPlan(s, planRound(roundInput(s, participants, new Map())));
}

const valid = (doc: unknown) => expect(validateDoc(doc)).toMatchObject({ ok: true });

describe('a speed-dating session', () => {
	it('computes the time left from the start, the pauses and now, whatever reloads happen', () => {
		let s = plan(newSession(EVENT._id, seats, at(0)));
		s = startRound({ ...s, settings: { ...s.settings, minutes: 7 } }, at(0));
		const round = () => s.rounds[0];
		expect(remainingMs(round(), T0 + 60_000)).toBe(6 * 60_000);
		s = pauseRound(s, at(120));
		// A paused round shows the same time however long the pause lasts (a reload included).
		expect(remainingMs(round(), T0 + 500_000)).toBe(5 * 60_000);
		s = resumeRound(s, at(180));
		expect(round().pausedMs).toBe(60_000);
		expect(remainingMs(round(), T0 + 240_000)).toBe(4 * 60_000);
		expect(formatCountdown(remainingMs(round(), T0 + 240_500))).toBe('04:00');
		expect(remainingMs(round(), T0 + 3_600_000)).toBe(0);
		// The tablet slept through the end: the round ends when its time ran out, not when it woke up.
		s = endRound(s, at(3600));
		expect(round().endedAt).toBe(at(7 * 60 + 60));
		expect(phaseOf(s)).toBe('between');
		valid(s);
	});

	it('seats late arrivals from the next round and removes early leavers after the current one', () => {
		let s = plan(newSession(EVENT._id, seats.slice(0, 11), at(0)));
		s = startRound(s, at(0));
		s = markLeft(s, seats[3].id);
		s = addPerson(s, seats[11]);
		s = endRound(s, at(420));
		expect(presentAt(s, 1).map((p) => p.id)).toContain(seats[3].id);
		expect(presentAt(s, 2).map((p) => p.id)).not.toContain(seats[3].id);
		expect(presentAt(s, 2).map((p) => p.id)).toContain(seats[11].id);
		expect(presentAt(s, 1).map((p) => p.id)).not.toContain(seats[11].id);
		expect(needsPlan(s)).toBe(true);
		s = plan(s);
		const seated = s.rounds[1].tables.flat();
		expect(seated).toContain(seats[11].id);
		expect(seated).not.toContain(seats[3].id);
		expect(seated).toHaveLength(11);
		// The one who left keeps reading the session (their earlier table), as does the newcomer.
		expect(s.participants).toContain(seats[3].id);
		expect(s.participants).toContain(seats[11].id);
		valid(s);
	});

	it('removes someone who leaves before the first round, and brings back someone who returns', () => {
		let s = markLeft(newSession(EVENT._id, seats.slice(0, 4), at(0)), seats[0].id);
		expect(s.people.map((p) => p.id)).not.toContain(seats[0].id);
		s = startRound(plan(s), at(0));
		s = markLeft(s, seats[1].id);
		s = addPerson(s, seats[1]);
		expect(presentAt(s, 2).map((p) => p.id)).toContain(seats[1].id);
	});

	it('never seats a pair twice in a session and keeps locks across a re-plan', () => {
		let s = newSession(EVENT._id, seats, at(0));
		s = togglePair(s, seats[0].id, seats[1].id, 'locked');
		s = plan(s);
		expect(s.rounds[0].tables).toContainEqual([seats[0].id, seats[1].id]);
		expect(s.rounds[0].locked).toEqual([pairKey(seats[0].id, seats[1].id)]);
		const met = new Set<string>();
		for (let r = 0; r < 3; r++) {
			if (r > 0) s = plan(s);
			s = startRound(s, at(r * 600));
			for (const t of s.rounds[r].tables) {
				const key = pairKey(t[0], t[1]);
				expect(met.has(key)).toBe(false);
				met.add(key);
			}
			s = endRound(s, at(r * 600 + 420));
		}
		expect(met.size).toBe(18);
	});
});

describe('meetings and follow-ups', () => {
	it('have ids that follow from the event and the pair, the same on every device', () => {
		const id = meetingId(EVENT._id, 'structure:la-pioche', 'walkin:paul-durand');
		expect(id).toBe(meetingId(EVENT._id, 'walkin:paul-durand', 'structure:la-pioche'));
		expect(id).toBe('meeting:sd-lille~la-pioche~walkin.paul-durand');
		expect(sidesOfMeetingId(id)).toEqual(['structure:la-pioche', 'walkin:paul-durand']);
		expect(followupId(id, 'structure:la-pioche')).toBe('followup:sd-lille~la-pioche~walkin.paul-durand~a');
		expect(followupId(id, 'walkin:paul-durand')).toBe('followup:sd-lille~la-pioche~walkin.paul-durand~b');
	});

	it('records each pair of a round once, valid, and a mutual "wanted" reaches the matchmaking queue', () => {
		let s = plan(newSession(EVENT._id, [...seats.slice(0, 4), { id: 'walkin:paul', name: 'Paul' }], at(0)));
		s = endRound(startRound(s, at(0)), at(420));
		const meetings = meetingsOfRound(s, s.rounds[0], EVENT, at(420));
		expect(meetingsOfRound(s, s.rounds[0], EVENT, at(999)).map((m) => m._id)).toEqual(
			meetings.map((m) => m._id),
		);
		// Five at tables of two with a table of three: one pair and three pairs.
		expect(meetings).toHaveLength(4);
		for (const m of meetings) valid(m);
		const [first, second] = meetings;
		const answers = [
			newFollowup(first, first.sides[0].id, 'wanted', at(430)),
			newFollowup(first, first.sides[1].id, 'wanted', at(431)),
			newFollowup(second, second.sides[0].id, 'wanted', at(432)),
			newFollowup(second, second.sides[1].id, 'maybe', at(433)),
		];
		for (const f of answers) valid(f);
		expect(matchmakingQueue(meetings, answers).map((o) => o.meeting._id)).toEqual([first._id]);
		expect(pairsMetBefore(meetings, 'event:next')).toContain(pairKey(first.sides[0].id, first.sides[1].id));
		expect(pairsMetBefore(meetings, EVENT._id).size).toBe(0);
	});

	it('settles two offline answers of one side the same way on every device: the latest wins', () => {
		let s = plan(newSession(EVENT._id, seats.slice(0, 2), at(0)));
		s = endRound(startRound(s, at(0)), at(420));
		const [meeting] = meetingsOfRound(s, s.rounds[0], EVENT, at(420));
		const tablet = newFollowup(meeting, seats[0].id, 'wanted', at(430));
		const phone = newFollowup(meeting, seats[0].id, 'no', at(900));
		expect(latestFollowup(tablet, phone)).toBe(phone);
		expect(latestFollowup(phone, tablet)).toBe(phone);
		const same = { ...phone, answer: 'maybe' as const };
		expect(latestFollowup(phone, same)).toBe(latestFollowup(same, phone));
	});

	it('refuses a follow-up owned by another structure than the side answering', () => {
		let s = plan(newSession(EVENT._id, seats.slice(0, 2), at(0)));
		s = endRound(startRound(s, at(0)), at(420));
		const [meeting] = meetingsOfRound(s, s.rounds[0], EVENT, at(420));
		const forged = {
			...newFollowup(meeting, meeting.sides[0].id, 'wanted', at(430)),
			owner: meeting.sides[1].id,
		};
		expect(validateDoc(forged).ok).toBe(false);
	});
});

describe('the demo', () => {
	it('holds a speed-dating running now with 12 structures checked in, the same on every seed', () => {
		const now = new Date('2026-11-28T10:20:00.000Z');
		const { docs } = generateDemo({ now });
		const event = docs.find((d) => d._id === 'event:speed-dating-2026-11-28') as ElbEvent | undefined;
		expect(event?.kind).toBe('speed-dating');
		expect(event && event.start <= now.toISOString() && event.end > now.toISOString()).toBe(true);
		const checkins = docs.filter((d) => d._id.startsWith('checkin:speed-dating-2026-11-28~'));
		const structures = new Set(checkins.map((c) => ('structure' in c ? c.structure : undefined)));
		expect(checkins).toHaveLength(12);
		expect(structures.size).toBe(12);
		expect(structures).toContain('structure:la-pioche');
		// Past events of the demo have their own check-ins now: compare this event's alone.
		const again = generateDemo({ now }).docs.filter((d) =>
			d._id.startsWith('checkin:speed-dating-2026-11-28~'),
		);
		expect(again).toEqual(checkins);
		// Two demo networks, with their photos, on a loaded machine: more than the default 5 s.
	}, 60_000);
});
