// What came of a speed-dating: the meetings of a round as documents, each side's answer, and what
// follows from them — the mutual "wanted" pairs (both structures' follow-ups and the animator's
// matchmaking queue are derived from the answers, no document of their own), and past pairs.
import { NETWORK } from './ids';
import { pairKey } from './pairing';
import type { PairKey } from './pairing/types';
import {
	type Followup,
	type FollowupAnswer,
	followupId,
	type Meeting,
	meetingId,
	type SdSession,
	type SessionRound,
	structuresOf,
} from './speed-dating';
import { pairsOf } from './speed-dating-session';

/** The meetings of one started round: one per pair at each table, ids following from the pair. */
export function meetingsOfRound(
	s: SdSession,
	round: SessionRound,
	event: { _id: string; title: string },
	now: string,
): Meeting[] {
	const names = new Map(s.people.map((p) => [p.id, p.name]));
	return round.tables.flatMap((table, i) =>
		pairsOf([table]).map(([x, y]): Meeting => {
			const [a, b] = x < y ? [x, y] : [y, x];
			const sides = [
				{ id: a, name: names.get(a) ?? a },
				{ id: b, name: names.get(b) ?? b },
			];
			return {
				_id: meetingId(event._id, a, b),
				type: 'meeting',
				schema: 1,
				owner: NETWORK,
				audience: 'members',
				participants: structuresOf(sides),
				createdAt: now,
				updatedAt: now,
				event: event._id,
				eventTitle: event.title.slice(0, 120),
				round: round.number,
				table: i + 1,
				at: round.startedAt ?? now,
				sides,
			};
		}),
	);
}

/** One side's answer, owned by its structure (a walk-in's by the network). */
export function newFollowup(meeting: Meeting, side: string, answer: FollowupAnswer, now: string): Followup {
	return {
		_id: followupId(meeting._id, side),
		type: 'followup',
		schema: 1,
		owner: side.startsWith('structure:') ? side : NETWORK,
		audience: 'participants',
		participants: meeting.participants ?? [],
		createdAt: now,
		updatedAt: now,
		meeting: meeting._id,
		side,
		answer,
		answeredAt: now,
	};
}

/**
 * Two revisions of one side's answer (the tablet and the structure's phone, both offline): the
 * latest answer wins, the same on every device, so each resolves the conflict alike.
 */
export function latestFollowup<T extends Pick<Followup, 'answeredAt' | 'answer'>>(a: T, b: T): T {
	return a.answeredAt > b.answeredAt || (a.answeredAt === b.answeredAt && a.answer >= b.answer) ? a : b;
}

/** Pairs that met at other events (earlier sessions of the series): the pairing avoids them. */
export function pairsMetBefore(meetings: Pick<Meeting, 'event' | 'sides'>[], eventId: string): Set<PairKey> {
	const pairs = new Set<PairKey>();
	for (const m of meetings) if (m.event !== eventId) pairs.add(pairKey(m.sides[0].id, m.sides[1].id));
	return pairs;
}

export interface MeetingOutcome {
	meeting: Meeting;
	/** Each side's answer, by participant id (absent: not answered yet). */
	answers: Map<string, FollowupAnswer>;
	/** Both sides want a follow-up. */
	mutual: boolean;
}

/** Joins meetings with the answers given about them. */
export function outcomesOf(meetings: Meeting[], followups: Pick<Followup, 'meeting' | 'side' | 'answer'>[]) {
	const bySide = new Map<string, Map<string, FollowupAnswer>>();
	for (const f of followups) {
		const answers = bySide.get(f.meeting) ?? new Map<string, FollowupAnswer>();
		answers.set(f.side, f.answer);
		bySide.set(f.meeting, answers);
	}
	return meetings.map((meeting): MeetingOutcome => {
		const answers = bySide.get(meeting._id) ?? new Map<string, FollowupAnswer>();
		const mutual = meeting.sides.every((s) => answers.get(s.id) === 'wanted');
		return { meeting, answers, mutual };
	});
}

/** The animator's matchmaking queue: meetings both sides want to follow up, latest first. */
export function matchmakingQueue(meetings: Meeting[], followups: Followup[]): MeetingOutcome[] {
	return outcomesOf(meetings, followups)
		.filter((o) => o.mutual)
		.sort((x, y) => y.meeting.at.localeCompare(x.meeting.at) || x.meeting.table - y.meeting.table);
}

/** The other side of a meeting, seen from `self`. */
export function otherSide(meeting: Meeting, self: string): Meeting['sides'][number] {
	return meeting.sides[0].id === self ? meeting.sides[1] : meeting.sides[0];
}
