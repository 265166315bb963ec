// Several rounds of one session: no pair twice, pairs of earlier sessions avoided when possible,
// fair breaks with an odd count, tables of three, people leaving and arriving between rounds.
import { beforeAll, describe, expect, it } from 'vitest';
import {
	emptySessionState,
	type PairKey,
	type Participant,
	pairScores,
	planRound,
	planRounds,
	planSession,
	type RoundPlan,
	recordRound,
} from '../../src/lib/domain/pairing';
import {
	demoParticipants,
	expectValidPlan,
	people,
	randomScores,
	rng,
	roundInput,
	tablePairs,
} from './pairing-fixtures';

/** Every pair seated in these rounds, failing on the first one seated twice. */
function expectNoRepeat(rounds: RoundPlan[]): Set<PairKey> {
	const met = new Set<PairKey>();
	for (const round of rounds)
		for (const key of round.tables.flatMap(tablePairs)) {
			expect(met.has(key), `${key} meets twice`).toBe(false);
			met.add(key);
		}
	return met;
}

describe('a session of 40 structures over 8 rounds', () => {
	let participants: Participant[];
	beforeAll(() => {
		participants = demoParticipants(40);
	});

	it('never seats the same pair twice and seats everyone every round', () => {
		const plan = planSession(participants, 8, { tableSize: 2, odd: 'break' });
		expect(plan.rounds).toHaveLength(8);
		expectNoRepeat(plan.rounds);
		for (const round of plan.rounds) {
			expect(round.tables).toHaveLength(20);
			expect(round.sittingOut).toEqual([]);
			expect(round.notes).toBeUndefined();
		}
		expect(plan.score).toBeCloseTo(
			plan.rounds.reduce((s, r) => s + r.score, 0),
			6,
		);
	});

	it('with 41, one rests each round, never the same one twice, always one who rested least', () => {
		const plan = planSession(demoParticipants(41), 8, { tableSize: 2, odd: 'break' });
		expectNoRepeat(plan.rounds);
		const sitters = plan.rounds.flatMap((r) => r.sittingOut);
		expect(sitters).toHaveLength(8);
		expect(new Set(sitters).size).toBe(8);
	});
});

describe('pairs that met at an earlier session of the series', () => {
	it('are avoided when an alternative exists', () => {
		const group = people(10);
		const scores = randomScores(group, rng(11));
		const earlier = planRounds(group, 3, { tableSize: 2, odd: 'break' }, scores);
		const history = expectNoRepeat(earlier.rounds);
		// Without the history, the same scores would seat those pairs again.
		expect(planRounds(group, 3, { tableSize: 2, odd: 'break' }, scores).rounds[0].tables).toEqual(
			earlier.rounds[0].tables,
		);
		const withHistory = new Map(scores);
		for (const key of history) withHistory.set(key, (scores.get(key) ?? 0) - 40);
		const next = planRounds(group, 3, { tableSize: 2, odd: 'break' }, withHistory);
		const seated = expectNoRepeat(next.rounds);
		for (const key of history) expect(seated.has(key)).toBe(false);
	});

	it('through pairScores: the history penalty steers the plan away from them', () => {
		const group = demoParticipants(12);
		const first = planSession(group, 2, { tableSize: 2, odd: 'break' });
		const history = expectNoRepeat(first.rounds);
		const second = planSession(group, 2, { tableSize: 2, odd: 'break' }, undefined, history);
		const seated = expectNoRepeat(second.rounds);
		expect([...history].filter((k) => seated.has(k))).toEqual([]);
	});

	it('may meet again when there is no alternative: a penalty, not a ban', () => {
		const four = people(4);
		const scores = pairScores(four, undefined, randomScores(four, rng(3)).keys());
		const plan = planRound(roundInput(four, scores));
		expect(plan.tables).toHaveLength(2);
		expect(plan.sittingOut).toEqual([]);
	});
});

describe('odd counts and tables of three over a session', () => {
	it('rotating breaks: the one resting has always rested least so far', () => {
		const group = people(11);
		const scores = randomScores(group, rng(5));
		const state = emptySessionState();
		for (let r = 0; r < 8; r++) {
			const input = roundInput(group, scores, { metThisSession: state.metThisSession, breaks: state.breaks });
			const plan = planRound(input);
			expectValidPlan(plan, input);
			expect(plan.sittingOut).toHaveLength(1);
			const fewest = Math.min(...group.map((p) => state.breaks.get(p.id) ?? 0));
			expect(state.breaks.get(plan.sittingOut[0]) ?? 0).toBe(fewest);
			recordRound(state, plan);
		}
	});

	it('a second break only once everyone had a first one', () => {
		const group = people(5);
		const scores = randomScores(group, rng(6));
		const state = emptySessionState();
		const sitters: string[] = [];
		// Five rounds of five meet every pair once (10 pairs): breaks must rotate through everyone.
		for (let r = 0; r < 5; r++) {
			const input = roundInput(group, scores, { metThisSession: state.metThisSession, breaks: state.breaks });
			const plan = planRound(input);
			expectValidPlan(plan, input);
			sitters.push(...plan.sittingOut);
			recordRound(state, plan);
		}
		expect(sitters.slice(0, 5).sort()).toEqual(group.map((p) => p.id).sort());
	});

	it('one table of three: nobody rests and no pair meets twice, the three at that table included', () => {
		const plan = planSession(demoParticipants(9), 4, { tableSize: 2, odd: 'table-of-3' });
		expectNoRepeat(plan.rounds);
		for (const round of plan.rounds) {
			expect(round.sittingOut).toEqual([]);
			expect(round.tables.filter((t) => t.length === 3)).toHaveLength(1);
		}
	});

	it('tables of three for everyone: no pair twice, everyone seated (15 over 4 rounds, 12 over 3)', () => {
		for (const [count, rounds] of [
			[15, 4],
			[12, 3],
		]) {
			const plan = planSession(demoParticipants(count), rounds, { tableSize: 3, odd: 'break' });
			expectNoRepeat(plan.rounds);
			for (const round of plan.rounds) {
				expect(round.sittingOut).toEqual([]);
				expect(round.tables.every((t) => t.length === 3)).toBe(true);
			}
		}
	});
});

describe('people leaving and arriving between rounds', () => {
	it('plans the next rounds from where the session stands, with the walk-in and without the leaver', () => {
		const group = demoParticipants(12);
		const walkIn: Participant = { id: 'walkin:sam', name: 'Sam', profile: {} };
		const scores = pairScores([...group, walkIn]);
		const state = emptySessionState();
		const first = planRounds(group, 1, { tableSize: 2, odd: 'break' }, scores, state).rounds[0];
		recordRound(state, first);
		const present = [...group.slice(1), walkIn];
		const next = planRounds(present, 2, { tableSize: 2, odd: 'break' }, scores, state);
		expectNoRepeat([first, ...next.rounds]);
		for (const round of next.rounds) {
			expect(round.tables.flat()).toContain(walkIn.id);
			expect(round.tables.flat()).not.toContain(group[0].id);
		}
		// The state given is left as it was: previews do not record anything.
		expect(state.metThisSession.size).toBe(6);
	});
});
