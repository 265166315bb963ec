// Speed-dating pairing: complementarity scores and the rules of one round (locks, forbidden pairs,
// pairs already met, odd counts, tables of three, rounds no pairing can fill).
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_WEIGHTS,
	type PairingProfile,
	type Participant,
	pairIds,
	pairKey,
	pairScores,
	planRound,
} from '../../src/lib/domain/pairing';
import { expectValidPlan, people, randomScores, rng, roundInput, tablePairs } from './pairing-fixtures';

const who = (id: string, profile: PairingProfile): Participant => ({
	id: `structure:${id}`,
	name: id,
	profile,
});
const score = (scores: Map<string, number>, a: Participant, b: Participant) =>
	scores.get(pairKey(a.id, b.id)) ?? 0;

describe('pair keys', () => {
	it('are the same whichever side comes first, and give both ids back', () => {
		expect(pairKey('structure:b', 'walkin:a')).toBe(pairKey('walkin:a', 'structure:b'));
		expect(pairIds(pairKey('structure:b', 'structure:a'))).toEqual(['structure:a', 'structure:b']);
	});
});

describe('complementarity', () => {
	const hall = who('salle', {
		offers: 'Location de salle de réunion',
		needs: 'Un graphiste pour notre affiche',
	});
	const seeker = who('local', { needs: 'Nous cherchons un local pour nos réunions' });
	const unrelated = who('velos', {
		offers: 'Réparation de vélos',
		needs: 'Des bénévoles pour distribuer des paniers',
	});
	const designer = who('graphiste', { offers: 'Graphisme, création d’affiches et de logos' });

	it('a room to rent answers the search for a place to meet, through the thesaurus', () => {
		const scores = pairScores([hall, seeker, unrelated, designer], { ...DEFAULT_WEIGHTS, nearby: 0 });
		expect(score(scores, hall, seeker)).toBeGreaterThan(1);
		expect(score(scores, hall, seeker)).toBeGreaterThan(score(scores, hall, unrelated) + 1);
		expect(score(scores, seeker, unrelated)).toBe(0);
	});

	it('counts both ways: the hall also needs what the designer offers', () => {
		const scores = pairScores([hall, seeker, unrelated, designer]);
		expect(score(scores, hall, designer)).toBeGreaterThan(1);
		expect(score(scores, seeker, designer)).toBe(0);
	});

	it('reads listings too: offers answer requests', () => {
		const a = who('a', { listings: [{ kind: 'offer', title: 'Prêt de camion frigorifique' }] });
		const b = who('b', {
			listings: [{ kind: 'request', title: 'Besoin d’un véhicule réfrigéré pour nos livraisons' }],
		});
		const c = who('c', { listings: [{ kind: 'offer', title: 'Cours de couture' }] });
		const scores = pairScores([a, b, c]);
		expect(score(scores, a, b)).toBeGreaterThan(score(scores, b, c));
		expect(score(scores, a, b)).toBeGreaterThan(0);
	});

	it('words everyone writes weigh less than words few write', () => {
		const everyone = 'accompagnement des associations';
		const crowd = Array.from({ length: 6 }, (_, i) => who(`c${i}`, { offers: everyone, needs: everyone }));
		const wants = who('wants', { needs: `${everyone} et un broyeur de végétaux` });
		const common = who('common', { offers: everyone });
		const rare = who('rare', { offers: 'broyeur de végétaux' });
		const scores = pairScores([...crowd, wants, common, rare]);
		expect(score(scores, wants, rare)).toBeGreaterThan(score(scores, wants, common));
	});

	it('adds the configured bonuses and takes off the penalty for a pair met at an earlier session', () => {
		const a = who('a', { sectors: ['culture'], commune: '59350' });
		const sameTown = who('b', { sectors: ['insertion'], commune: '59350' });
		const sameSector = who('c', { sectors: ['culture'], commune: '62041' });
		const weights = { differentSectors: 2, nearby: 3, metBefore: 50 };
		const scores = pairScores([a, sameTown, sameSector], weights, [pairKey(a.id, sameSector.id)]);
		expect(score(scores, a, sameTown)).toBeCloseTo(2 + 3);
		expect(score(scores, a, sameSector)).toBeCloseTo(-50);
		const none = pairScores([a, sameTown], { differentSectors: 0, nearby: 0, metBefore: 0 });
		expect(score(none, a, sameTown)).toBe(0);
	});

	it('gives walk-ins with only a name a score of zero', () => {
		const scores = pairScores([who('a', {}), { id: 'walkin:x', name: 'Sam', profile: {} }]);
		expect([...scores.values()]).toEqual([0]);
	});
});

describe('one round', () => {
	const ps = people(8);
	const scores = randomScores(ps, rng(1));
	const id = (i: number) => ps[i].id;

	it('seats an even count at tables of two, with nobody sitting out', () => {
		const input = roundInput(ps, scores);
		const plan = planRound(input);
		expectValidPlan(plan, input);
		expect(plan.tables).toHaveLength(4);
		expect(plan.sittingOut).toEqual([]);
		expect(plan.notes).toBeUndefined();
	});

	it('never seats a forbidden pair nor a pair met earlier in the session, even the best ones', () => {
		const best = new Map([...scores].sort((a, b) => b[1] - a[1]));
		const [first, second, third] = [...best.keys()];
		const input = roundInput(ps, scores, { forbidden: [first], metThisSession: new Set([second, third]) });
		const plan = planRound(input);
		expectValidPlan(plan, input);
		const seated = plan.tables.flatMap(tablePairs);
		for (const key of [first, second, third]) expect(seated).not.toContain(key);
	});

	it('keeps locked pairs together, even a poor one, and explains the locks it cannot honour', () => {
		const worst = [...scores].sort((a, b) => a[1] - b[1])[0][0];
		const [a, b] = pairIds(worst);
		const other = ps.map((p) => p.id).find((x) => x !== a && x !== b) as string;
		const input = roundInput(ps, scores, {
			locked: [worst, pairKey(a, other), pairKey(id(0), 'walkin:absent')],
		});
		const plan = planRound(input);
		expectValidPlan(plan, input);
		expect(plan.tables.map((t) => pairKey(t[0], t[1]))).toContain(worst);
		expect(plan.notes).toHaveLength(2);
	});

	it('at tables of three, locked pairs share a table and forbidden pairs never do', () => {
		const nine = people(9);
		const s = randomScores(nine, rng(9));
		const sorted = [...s].sort((a, b) => a[1] - b[1]);
		const locked = [sorted[0][0]];
		const forbidden = sorted.slice(-5).map(([key]) => key);
		const input = roundInput(nine, s, { locked, forbidden, settings: { tableSize: 3, odd: 'break' } });
		const plan = planRound(input);
		expectValidPlan(plan, input);
		expect(plan.tables.map((t) => t.length)).toEqual([3, 3, 3]);
		expect(plan.tables.flatMap(tablePairs)).toContain(locked[0]);
	});

	it('honours locks and forbidden pairs in every setting, whatever the constraints (random rooms)', () => {
		const settings = [
			{ tableSize: 2, odd: 'break' },
			{ tableSize: 2, odd: 'table-of-3' },
			{ tableSize: 3, odd: 'break' },
		] as const;
		for (let seed = 0; seed < 30; seed++) {
			const random = rng(100 + seed);
			const group = people(6 + Math.floor(random() * 10));
			const s = randomScores(group, random);
			const keys = [...s.keys()];
			const forbidden = keys.filter(() => random() < 0.15);
			const met = new Set(keys.filter(() => random() < 0.25));
			const locked = keys.filter(() => random() < 0.05);
			for (const setting of settings) {
				const input = roundInput(group, s, { locked, forbidden, metThisSession: met, settings: setting });
				expectValidPlan(planRound(input), input);
			}
		}
	});

	it('copes with rooms of nobody, one or two people in every setting', () => {
		for (const n of [0, 1, 2])
			for (const settings of [
				{ tableSize: 2, odd: 'break' },
				{ tableSize: 2, odd: 'table-of-3' },
				{ tableSize: 3, odd: 'break' },
			] as const) {
				const group = people(n);
				const input = roundInput(group, randomScores(group, rng(n)), { settings });
				const plan = planRound(input);
				expectValidPlan(plan, input);
				expect(plan.tables).toHaveLength(n === 2 ? 1 : 0);
			}
	});

	it('a pair both locked and forbidden is not seated together', () => {
		const key = pairKey(id(0), id(1));
		const input = roundInput(ps, scores, { locked: [key], forbidden: [key] });
		const plan = planRound(input);
		expectValidPlan(plan, input);
		expect(plan.tables.flatMap(tablePairs)).not.toContain(key);
		expect(plan.notes?.[0]).toContain('interdite');
	});

	it('with an odd count and breaks, someone who has not sat out yet rests, chosen for the best round', () => {
		const seven = people(7);
		const s = randomScores(seven, rng(2), 5, 10);
		// P6 brings nothing to anyone: the round is best with P6 resting, unless P6 already had a break.
		for (const other of seven.slice(0, 6)) s.set(pairKey(seven[6].id, other.id), 0);
		const first = planRound(roundInput(seven, s));
		expect(first.sittingOut).toEqual([seven[6].id]);
		const breaks = new Map([[seven[6].id, 1]]);
		const input = roundInput(seven, s, { breaks });
		const second = planRound(input);
		expectValidPlan(second, input);
		expect(second.sittingOut).toHaveLength(1);
		expect(second.sittingOut).not.toContain(seven[6].id);
	});

	it('with an odd count and a table of three, the extra one joins the table where they add most', () => {
		const five = people(5);
		const s = randomScores(five, rng(3), 0, 1);
		// P4 and P0 + P1 are made for each other.
		s.set(pairKey(five[4].id, five[0].id), 10);
		s.set(pairKey(five[4].id, five[1].id), 10);
		s.set(pairKey(five[0].id, five[1].id), 10);
		const input = roundInput(five, s, { settings: { tableSize: 2, odd: 'table-of-3' } });
		const plan = planRound(input);
		expectValidPlan(plan, input);
		expect(plan.sittingOut).toEqual([]);
		expect(plan.tables.find((t) => t.length === 3)?.sort()).toEqual([five[0].id, five[1].id, five[4].id]);
	});

	it('at tables of three, uses tables of two only for the remainder', () => {
		for (const [n, three, two] of [
			[9, 3, 0],
			[10, 2, 2],
			[11, 3, 1],
			[4, 0, 2],
			[3, 1, 0],
		]) {
			const group = people(n);
			const input = roundInput(group, randomScores(group, rng(n)), {
				settings: { tableSize: 3, odd: 'break' },
			});
			const plan = planRound(input);
			expectValidPlan(plan, input);
			expect(plan.tables.filter((t) => t.length === 3)).toHaveLength(three);
			expect(plan.tables.filter((t) => t.length === 2)).toHaveLength(two);
		}
	});

	it('when everyone already met, nobody is seated and the plan says why', () => {
		const four = people(4);
		const s = randomScores(four, rng(4));
		const input = roundInput(four, s, { metThisSession: new Set(s.keys()) });
		const plan = planRound(input);
		expectValidPlan(plan, input);
		expect(plan.tables).toEqual([]);
		expect(plan.sittingOut).toHaveLength(4);
		expect(plan.notes).toHaveLength(4);
	});

	it('someone who met everyone present rests, the others are paired, and those who rested most sit first', () => {
		const six = people(6);
		const s = randomScores(six, rng(5));
		const met = new Set(six.slice(1).map((p) => pairKey(six[0].id, p.id)));
		const input = roundInput(six, s, { metThisSession: met });
		const plan = planRound(input);
		expectValidPlan(plan, input);
		expect(plan.sittingOut).toContain(six[0].id);
		expect(plan.tables).toHaveLength(2);
		expect(plan.notes?.some((n) => n.includes(six[0].name))).toBe(true);
		// P1 can only meet P2, P2 only P1 or P3: one of P1, P3 must rest; P1 rested before, so P3 does.
		const onlyPairs = new Set([pairKey(six[1].id, six[2].id), pairKey(six[2].id, six[3].id)]);
		const all = new Set(s.keys());
		const barred = new Set(
			[...all].filter((k) => !onlyPairs.has(k) && (k.includes('p01') || k.includes('p03'))),
		);
		const four = six.slice(1, 5);
		const tight = roundInput(four, s, { metThisSession: barred, breaks: new Map([[six[1].id, 1]]) });
		const tightPlan = planRound(tight);
		expectValidPlan(tightPlan, tight);
		expect(tightPlan.sittingOut).toContain(six[3].id);
		expect(tightPlan.sittingOut).not.toContain(six[1].id);
	});
});
