// The life of a speed-dating session as pure functions of its document: who is present at which
// round, the plan drafted for the next round, starting, pausing and ending rounds, and the time
// left, always computed from timestamps so a reloaded tablet resumes where it was.
import { NETWORK } from './ids';
import { pairKey } from './pairing';
import type { PairKey, RoundInput, RoundPlan } from './pairing/types';
import {
	type SdSession,
	type SessionPerson,
	type SessionRound,
	type SessionSettings,
	sessionId,
	structuresOf,
} from './speed-dating';

export const DEFAULT_SETTINGS: SessionSettings = { rounds: 3, minutes: 7, tableSize: 2, odd: 'table-of-3' };

export type SessionPhase = 'setup' | 'running' | 'between' | 'done';

const ms = (iso: string) => Date.parse(iso);
const iso = (at: number) => new Date(at).toISOString();

export function newSession(eventId: string, people: { id: string; name: string }[], now: string): SdSession {
	const session: SdSession = {
		_id: sessionId(eventId),
		type: 'sdsession',
		schema: 1,
		owner: NETWORK,
		audience: 'participants',
		createdAt: now,
		updatedAt: now,
		event: eventId,
		settings: { ...DEFAULT_SETTINGS },
		people: [],
		rounds: [],
	};
	return people.reduce((s, p) => addPerson(s, p), session);
}

/** Rounds that have started (running or over), in order. */
export function startedRounds(s: SdSession): SessionRound[] {
	return s.rounds.filter((r) => r.startedAt);
}

export function currentRound(s: SdSession): SessionRound | undefined {
	return startedRounds(s).at(-1);
}

/** The plan of the next round, while it is not started. */
export function draftRound(s: SdSession): SessionRound | undefined {
	const last = s.rounds.at(-1);
	return last && !last.startedAt ? last : undefined;
}

/** The number of the round to start next (1 before any). */
export function nextRoundNumber(s: SdSession): number {
	return (currentRound(s)?.number ?? 0) + 1;
}

export function phaseOf(s: SdSession): SessionPhase {
	if (s.finishedAt) return 'done';
	const current = currentRound(s);
	if (!current) return 'setup';
	return current.endedAt ? 'between' : 'running';
}

export function isPresent(person: SessionPerson, round: number): boolean {
	return (
		person.joinedRound <= round && (person.leftAfterRound === undefined || person.leftAfterRound >= round)
	);
}

export function presentAt(s: SdSession, round: number): SessionPerson[] {
	return s.people.filter((p) => isPresent(p, round));
}

/** The round an arrival or a departure applies from: the next one (a running round goes on). */
const pendingRound = (s: SdSession) => nextRoundNumber(s);

function withPeople(s: SdSession, people: SessionPerson[]): SdSession {
	// Everyone who ever sat keeps reading the session (their tables of earlier rounds).
	return { ...s, people, participants: structuresOf(people) };
}

/** Adds an arrival (late or walk-in) from the next round, or brings back someone who had left. */
export function addPerson(s: SdSession, who: { id: string; name: string }): SdSession {
	const from = pendingRound(s);
	const known = s.people.find((p) => p.id === who.id);
	if (known && (known.leftAfterRound === undefined || isPresent(known, from))) return s;
	const person: SessionPerson = { id: who.id, name: who.name, joinedRound: from };
	const people = known ? s.people.map((p) => (p.id === who.id ? person : p)) : [...s.people, person];
	return dropDraftTables(withPeople(s, people));
}

/** Someone leaves: they sit at no round after the current one. Before any round they are removed. */
export function markLeft(s: SdSession, id: string): SdSession {
	const after = pendingRound(s) - 1;
	const person = s.people.find((p) => p.id === id);
	if (!person) return s;
	const people =
		after < person.joinedRound && !s.rounds.some((r) => r.startedAt && seated(r, id))
			? s.people.filter((p) => p.id !== id)
			: s.people.map((p) => (p.id === id ? { ...p, leftAfterRound: after } : p));
	return dropDraftTables(withPeople(s, people));
}

const seated = (r: SessionRound, id: string) =>
	r.tables.some((t) => t.includes(id)) || r.sittingOut.includes(id);

export function withSettings(s: SdSession, settings: SessionSettings): SdSession {
	return dropDraftTables({ ...s, settings });
}

/** A change of who is present or of the settings voids the drafted tables (locks stay). */
function dropDraftTables(s: SdSession): SdSession {
	const draft = draftRound(s);
	if (!draft || draft.tables.length === 0) return s;
	return { ...s, rounds: [...s.rounds.slice(0, -1), { ...draft, tables: [], sittingOut: [] }] };
}

function emptyDraft(number: number): SessionRound {
	return { number, tables: [], sittingOut: [], locked: [], forbidden: [], pausedMs: 0 };
}

/** Whether the next round needs (re)planning: no draft yet, or its tables were voided. */
export function needsPlan(s: SdSession): boolean {
	if (phaseOf(s) === 'running' || phaseOf(s) === 'done') return false;
	if (nextRoundNumber(s) > s.settings.rounds) return false;
	const draft = draftRound(s);
	return !draft || draft.tables.length === 0;
}

/** Stores the plan of the next round, keeping its locks and forbidden pairs. */
export function withPlan(s: SdSession, plan: RoundPlan): SdSession {
	const draft = draftRound(s) ?? emptyDraft(nextRoundNumber(s));
	const planned = { ...draft, tables: plan.tables, sittingOut: plan.sittingOut };
	return { ...s, rounds: draftRound(s) ? [...s.rounds.slice(0, -1), planned] : [...s.rounds, planned] };
}

/** Locks a pair together (or forbids it) for the next round, or lifts it; the tables are to replan. */
export function togglePair(s: SdSession, a: string, b: string, kind: 'locked' | 'forbidden'): SdSession {
	const key = pairKey(a, b);
	const draft = draftRound(s) ?? emptyDraft(nextRoundNumber(s));
	const other = kind === 'locked' ? 'forbidden' : 'locked';
	const list = draft[kind].includes(key) ? draft[kind].filter((k) => k !== key) : [...draft[kind], key];
	const next = {
		...draft,
		[kind]: list,
		[other]: draft[other].filter((k) => k !== key),
		tables: [],
		sittingOut: [],
	};
	return { ...s, rounds: draftRound(s) ? [...s.rounds.slice(0, -1), next] : [...s.rounds, next] };
}

/** Pairs that sat at one table in this session's started rounds: never again in this session. */
export function metThisSession(s: SdSession): Set<PairKey> {
	const met = new Set<PairKey>();
	for (const r of startedRounds(s)) for (const [a, b] of pairsOf(r.tables)) met.add(pairKey(a, b));
	return met;
}

/** Every pair at the tables (a table of three holds three pairs). */
export function pairsOf(tables: string[][]): [string, string][] {
	const pairs: [string, string][] = [];
	for (const t of tables)
		for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) pairs.push([t[i], t[j]]);
	return pairs;
}

export function breaksOf(s: SdSession): Map<string, number> {
	const breaks = new Map<string, number>();
	for (const r of startedRounds(s)) for (const id of r.sittingOut) breaks.set(id, (breaks.get(id) ?? 0) + 1);
	return breaks;
}

/** What the pairing needs to plan the next round (participants come with their profiles). */
export function roundInput(
	s: SdSession,
	participants: RoundInput['participants'],
	scores: Map<PairKey, number>,
): RoundInput {
	const present = new Set(presentAt(s, nextRoundNumber(s)).map((p) => p.id));
	const draft = draftRound(s);
	return {
		participants: participants.filter((p) => present.has(p.id)),
		scores,
		metThisSession: metThisSession(s),
		breaks: breaksOf(s),
		locked: draft?.locked ?? [],
		forbidden: draft?.forbidden ?? [],
		settings: { tableSize: s.settings.tableSize, odd: s.settings.odd },
	};
}

function replaceCurrent(s: SdSession, change: (r: SessionRound) => SessionRound): SdSession {
	const current = currentRound(s);
	if (!current) return s;
	return { ...s, rounds: s.rounds.map((r) => (r === current ? change(r) : r)) };
}

/** Starts the drafted round now, with the minutes set at this moment. */
export function startRound(s: SdSession, now: string): SdSession {
	const draft = draftRound(s);
	if (!draft || draft.tables.length === 0 || phaseOf(s) === 'running') return s;
	const started = { ...draft, startedAt: now, minutes: s.settings.minutes, pausedMs: 0 };
	return { ...s, rounds: [...s.rounds.slice(0, -1), started] };
}

export function pauseRound(s: SdSession, now: string): SdSession {
	if (phaseOf(s) !== 'running' || currentRound(s)?.pausedAt) return s;
	return replaceCurrent(s, (r) => ({ ...r, pausedAt: now }));
}

export function resumeRound(s: SdSession, now: string): SdSession {
	const paused = currentRound(s)?.pausedAt;
	if (phaseOf(s) !== 'running' || !paused) return s;
	return replaceCurrent(s, ({ pausedAt, ...r }) => ({
		...r,
		pausedMs: r.pausedMs + Math.max(0, ms(now) - ms(paused)),
	}));
}

const durationMs = (r: SessionRound) => (r.minutes ?? 0) * 60_000;

/** Time left in a round at `now` (ms since the epoch): its length minus the time it ran, unpaused. */
export function remainingMs(r: SessionRound, now: number): number {
	if (!r.startedAt) return durationMs(r);
	if (r.endedAt) return 0;
	const until = r.pausedAt ? ms(r.pausedAt) : now;
	return Math.max(0, durationMs(r) - (until - ms(r.startedAt) - r.pausedMs));
}

/** Ends the running round: at `now`, or when its time ran out if that was earlier (tablet asleep). */
export function endRound(s: SdSession, now: string): SdSession {
	if (phaseOf(s) !== 'running') return s;
	return replaceCurrent(s, (r) => {
		const { pausedAt, ...rest } = r;
		const due = ms(r.startedAt ?? now) + durationMs(r) + r.pausedMs;
		const end = pausedAt ? ms(pausedAt) : Math.min(ms(now), due);
		return { ...rest, endedAt: iso(end) };
	});
}

/** Closes the session: the running round ends, any draft is dropped. */
export function finishSession(s: SdSession, now: string): SdSession {
	const ended = endRound(s, now);
	return { ...ended, rounds: startedRounds(ended), finishedAt: now };
}

/** Remaining time as the countdown shows it: "07:00", "0:59" is never shown, always two digits. */
export function formatCountdown(remaining: number): string {
	const seconds = Math.ceil(Math.max(0, remaining) / 1000);
	return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
