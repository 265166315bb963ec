// Speed-dating documents: the session a tablet runs (one per event), each meeting of two
// participants, and each side's answer about following it up. Ids follow from the event and the
// pair, so a meeting recorded twice (a reload, two devices) is one document.
import * as v from 'valibot';
import type { Decision, Lookup, Scoped, Viewer } from './access-types';
import { base, isoTimestamp, keys, required, text } from './fields';
import { keyOf, NETWORK } from './ids';

/** A seat: a structure of the directory, or a walk-in known by a name only. */
export const participantId = v.pipe(
	v.string(),
	v.regex(/^(structure|walkin):[^\s|~:]+$/, 'participant invalide (structure:… ou walkin:…)'),
);

const round = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50));

export const SessionPersonSchema = v.object({
	id: participantId,
	name: required(120),
	/** First round they sit at (late arrivals join later). */
	joinedRound: round,
	/** Last round they sat at before leaving early (0: left before the first round). */
	leftAfterRound: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50))),
});
export type SessionPerson = v.InferOutput<typeof SessionPersonSchema>;

export const SessionRoundSchema = v.object({
	number: round,
	tables: v.array(v.pipe(v.array(participantId), v.minLength(2), v.maxLength(3))),
	sittingOut: v.array(participantId),
	/** Pair keys (`a|b`) the animator locked together or forbade for this round. */
	locked: v.array(v.string()),
	forbidden: v.array(v.string()),
	minutes: v.optional(v.pipe(v.number(), v.minValue(0.5), v.maxValue(120))),
	startedAt: v.optional(isoTimestamp),
	/** While paused: when the pause began; `pausedMs` sums the pauses already over. */
	pausedAt: v.optional(isoTimestamp),
	pausedMs: v.pipe(v.number(), v.integer(), v.minValue(0)),
	endedAt: v.optional(isoTimestamp),
});
export type SessionRound = v.InferOutput<typeof SessionRoundSchema>;

export const ODD_POLICIES = {
	'table-of-3': 'Une table de trois',
	break: 'Une personne en pause (à tour de rôle)',
} as const;

export const SessionSettingsSchema = v.object({
	rounds: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(1, 'au moins un tour'),
		v.maxValue(20, '20 tours au plus'),
	),
	minutes: v.pipe(v.number(), v.minValue(1, 'une minute au moins'), v.maxValue(60, '60 minutes au plus')),
	tableSize: v.picklist([2, 3]),
	odd: v.picklist(keys(ODD_POLICIES)),
});
export type SessionSettings = v.InferOutput<typeof SessionSettingsSchema>;

/**
 * `sdsession:<eventKey>`: written by the animator's tablet only (owner network); read by the
 * structures seated (audience participants) so their phones can show "votre table".
 */
export const SdSessionSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('sdsession'),
		event: v.pipe(v.string(), v.startsWith('event:', 'identifiant d’événement attendu')),
		settings: SessionSettingsSchema,
		people: v.pipe(v.array(SessionPersonSchema), v.maxLength(200)),
		rounds: v.pipe(v.array(SessionRoundSchema), v.maxLength(50)),
		finishedAt: v.optional(isoTimestamp),
	}),
	v.check((s) => s._id === sessionId(s.event), 'identifiant de session incohérent avec l’événement'),
	v.check((s) => s.owner === NETWORK, 'une session de speed-dating appartient au réseau'),
);
export type SdSession = v.InferOutput<typeof SdSessionSchema>;

const side = v.object({ id: participantId, name: required(120) });

/**
 * `meeting:<eventKey>~<sideA>~<sideB>`: two participants met at a table. Read by every member
 * (it shows on both directory pages) and by the two structures even when they are not members.
 */
export const MeetingSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('meeting'),
		event: v.pipe(v.string(), v.startsWith('event:')),
		eventTitle: text(120),
		round,
		table: v.pipe(v.number(), v.integer(), v.minValue(1)),
		at: isoTimestamp,
		sides: v.pipe(v.array(side), v.length(2)),
	}),
	v.check(
		(m) => m._id === meetingId(m.event, m.sides[0].id, m.sides[1].id) && m.sides[0].id < m.sides[1].id,
		'identifiant de rencontre incohérent avec l’événement et les participants',
	),
	v.check(
		(m) => m.owner === NETWORK && m.audience === 'members' && sameSet(m.participants, structuresOf(m.sides)),
		'une rencontre appartient au réseau, se lit par les adhérents et nomme ses deux structures',
	),
);
export type Meeting = v.InferOutput<typeof MeetingSchema>;

export const FOLLOWUP_ANSWERS = { wanted: 'Suite souhaitée', maybe: 'Peut-être', no: 'Non' } as const;
export type FollowupAnswer = keyof typeof FOLLOWUP_ANSWERS;

/**
 * `followup:<meetingKey>~a|b`: one side's answer. Owned by that side's structure (so it may answer
 * later from its phone), read by both structures of the meeting (a mutual "wanted" shows to both).
 */
export const FollowupSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('followup'),
		meeting: v.pipe(v.string(), v.startsWith('meeting:')),
		side: participantId,
		answer: v.picklist(keys(FOLLOWUP_ANSWERS)),
		answeredAt: isoTimestamp,
	}),
	v.check(
		(f) => f._id === followupId(f.meeting, f.side),
		'identifiant de suite incohérent avec la rencontre',
	),
	v.check(
		(f) => f.owner === (f.side.startsWith('structure:') ? f.side : NETWORK) && f.audience === 'participants',
		'une réponse appartient à sa structure et reste entre les participants de la rencontre',
	),
);
export type Followup = v.InferOutput<typeof FollowupSchema>;

/** A participant inside an id: a structure by its key, a walk-in as `walkin.<key>` (no slug has a dot). */
const sideKey = (id: string) => (id.startsWith('walkin:') ? `walkin.${keyOf(id)}` : keyOf(id));
const sideOfKey = (key: string) =>
	key.startsWith('walkin.') ? `walkin:${key.slice(7)}` : `structure:${key}`;

function sameSet(a: string[] | undefined, b: string[]): boolean {
	const x = [...(a ?? [])].sort();
	const y = [...b].sort();
	return x.length === y.length && x.every((s, i) => s === y[i]);
}

/** The structure ids among sides (walk-ins have none). */
export function structuresOf(sides: { id: string }[]): string[] {
	return sides.map((s) => s.id).filter((id) => id.startsWith('structure:'));
}

export function sessionId(eventId: string): string {
	return `sdsession:${keyOf(eventId)}`;
}

export function meetingId(eventId: string, a: string, b: string): string {
	const [x, y] = a < b ? [a, b] : [b, a];
	return `meeting:${keyOf(eventId)}~${sideKey(x)}~${sideKey(y)}`;
}

/** The two participant ids a meeting id names, in order, or null. */
export function sidesOfMeetingId(id: string): [string, string] | null {
	if (!id.startsWith('meeting:')) return null;
	const parts = keyOf(id).split('~');
	return parts.length === 3 && parts[1] && parts[2] ? [sideOfKey(parts[1]), sideOfKey(parts[2])] : null;
}

/** Side `a` is the smaller participant id of the meeting, `b` the other. */
export function followupId(meeting: string, sideId: string): string {
	const sides = sidesOfMeetingId(meeting);
	const letter = sides?.[0] === sideId ? 'a' : sides?.[1] === sideId ? 'b' : 'x';
	return `followup:${keyOf(meeting)}~${letter}`;
}

const allow: Decision = { ok: true };
const deny = (reason: string): Decision => ({ ok: false, reason });

/**
 * A structure answers for itself only, about a meeting it took part in (the server looks the
 * meeting up); staff are allowed before this. Meetings and sessions are staff's alone.
 */
export function canWriteFollowup(
	viewer: Viewer & { structureId: string },
	written: Scoped & { _deleted?: boolean },
	lookup: Lookup | undefined,
): Decision {
	const after = written as Scoped & { _deleted?: boolean; meeting?: unknown; side?: unknown };
	if (after._deleted) return deny('une réponse ne s’efface pas : changez-la plutôt');
	if (after.side !== viewer.structureId || after.owner !== viewer.structureId)
		return deny('vous ne répondez qu’au nom de votre structure');
	if (!lookup) return deny('vérification impossible sans la rencontre');
	const meeting = lookup(typeof after.meeting === 'string' ? after.meeting : '');
	if (meeting?.type !== 'meeting' || !meeting.participants?.includes(viewer.structureId))
		return deny('cette rencontre n’est pas la vôtre');
	if (!sameSet(after.participants, meeting.participants ?? []))
		return deny('une réponse reste entre les structures de la rencontre');
	return allow;
}
