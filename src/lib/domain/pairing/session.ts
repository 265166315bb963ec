// Several rounds planned ahead with the same participants: each round is `planRound` with the pairs of
// the rounds before as "met in this session" and the breaks taken so far (a preview, and the bench).
import { pairKey } from './keys';
import { planRound } from './round';
import { DEFAULT_WEIGHTS, pairScores } from './scores';
import type { PairingWeights, PairKey, Participant, RoundPlan, RoundSettings, SessionPlan } from './types';

/** Where a session stands: the pairs met so far and the breaks taken (both grow round after round). */
export interface SessionState {
	metThisSession: Set<PairKey>;
	breaks: Map<string, number>;
}

export function emptySessionState(): SessionState {
	return { metThisSession: new Set(), breaks: new Map() };
}

/** Records a played (or planned) round into the session's state. */
export function recordRound(state: SessionState, plan: RoundPlan): void {
	for (const table of plan.tables)
		for (let a = 0; a < table.length; a++)
			for (let b = a + 1; b < table.length; b++) state.metThisSession.add(pairKey(table[a], table[b]));
	for (const id of plan.sittingOut) state.breaks.set(id, (state.breaks.get(id) ?? 0) + 1);
}

export function planSession(
	participants: readonly Participant[],
	rounds: number,
	settings: RoundSettings,
	weights: PairingWeights = DEFAULT_WEIGHTS,
	history: Iterable<PairKey> = [],
): SessionPlan {
	return planRounds(participants, rounds, settings, pairScores(participants, weights, history));
}

/** The next `rounds` rounds from a given state (the state itself is left untouched). */
export function planRounds(
	participants: readonly Participant[],
	rounds: number,
	settings: RoundSettings,
	scores: Map<PairKey, number>,
	from: SessionState = emptySessionState(),
): SessionPlan {
	const state: SessionState = { metThisSession: new Set(from.metThisSession), breaks: new Map(from.breaks) };
	const plans: RoundPlan[] = [];
	for (let r = 0; r < rounds; r++) {
		const plan = planRound({
			participants: [...participants],
			scores,
			metThisSession: state.metThisSession,
			breaks: state.breaks,
			locked: [],
			forbidden: [],
			settings,
		});
		recordRound(state, plan);
		plans.push(plan);
	}
	return { rounds: plans, score: plans.reduce((sum, p) => sum + p.score, 0) };
}
