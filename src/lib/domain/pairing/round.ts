// One round's plan: locked pairs first, then the maximum-weight matching of everyone else, with the
// odd one out on a break (rotating fairly) or at a table of three, or everyone at tables of three.
import { pairIds } from './keys';
import { Room } from './room';
import { improve, improveHard, seatTheRest } from './search';
import { attachExtras, pairUp } from './tables';
import type { RoundInput, RoundPlan } from './types';

interface Seating {
	tables: number[][];
	/** Who sits out: the rotating break of an odd count, and those no table could take. */
	out: number[];
	/** The rotating break, if any. */
	rest?: number;
}

/** How many candidates for the third seat are tried, each with its own matching. */
const EXTRA_CANDIDATES = 2;
/** Below this many free participants, every one of them is tried as the third seat. */
const TRY_ALL_BELOW = 12;

export function planRound(input: RoundInput): RoundPlan {
	const barred = new Set([...input.metThisSession, ...input.forbidden]);
	const room = new Room(input.participants, input.scores, barred, input.breaks);
	const notes: string[] = [];
	const locked = lockPairs(room, input, notes);
	const fixed = new Set(locked.flat());
	const free = [...room.ids.keys()].filter((i) => !fixed.has(i));
	const { settings } = input;
	let seating: Seating;
	if (settings.tableSize === 3) seating = trios(room, free, locked, fixed);
	else if (free.length % 2 === 0) seating = pairs(room, free, locked, fixed, settings.odd === 'table-of-3');
	else if (settings.odd === 'break') seating = withBreak(room, free, locked);
	else seating = withTableOfThree(room, free, locked, fixed);
	explainBreaks(room, seating, notes);
	const plan: RoundPlan = {
		tables: seating.tables.map((t) => t.map((i) => room.ids[i])),
		sittingOut: seating.out.map((i) => room.ids[i]),
		score: seating.tables.reduce((sum, t) => sum + room.tableScore(t), 0),
	};
	if (notes.length > 0) plan.notes = notes;
	return plan;
}

/** The animator's locked pairs that can be honoured, as tables; says why the others are not. */
function lockPairs(room: Room, input: RoundInput, notes: string[]): number[][] {
	const forbidden = new Set(input.forbidden);
	const taken = new Set<number>();
	const tables: number[][] = [];
	for (const key of new Set(input.locked)) {
		const [a, b] = pairIds(key).map((id) => room.index(id));
		const label = () => `${room.names[a]} et ${room.names[b]}`;
		if (a < 0 && b < 0) notes.push('Paire imposée ignorée : aucun des deux n’est présent.');
		else if (a < 0 || b < 0)
			notes.push(`Paire imposée ignorée pour ${room.names[Math.max(a, b)]} : l’autre n’est pas présent.`);
		else if (a === b) continue;
		else if (forbidden.has(key))
			notes.push(`Paire imposée et interdite à la fois : ${label()} ne sont pas réunis.`);
		else if (taken.has(a) || taken.has(b))
			notes.push(`Paire imposée ignorée : ${label()}, l’un des deux est déjà imposé avec quelqu’un d’autre.`);
		else {
			if (input.metThisSession.has(key))
				notes.push(
					`${label()} se sont déjà rencontrés pendant cette session : réunis quand même, comme demandé.`,
				);
			tables.push([a, b]);
			taken.add(a).add(b);
		}
	}
	return tables;
}

/** Everyone free at tables of two (an even count); those with nobody left to meet join a table or rest. */
function pairs(room: Room, free: number[], locked: number[][], fixed: Set<number>, third: boolean): Seating {
	const { pairs, alone } = pairUp(room, free);
	const tables = [...locked, ...pairs];
	if (!third || alone.length === 0) return { tables, out: alone };
	const out = seatTheRest(room, tables, attachExtras(room, tables, alone, fixed), fixed);
	improve(room, tables, fixed);
	return { tables, out };
}

/** An odd count, one on a break: someone among those who sat out least, chosen to maximise the round. */
function withBreak(room: Room, free: number[], locked: number[][]): Seating {
	const fewest = Math.min(...free.map((i) => room.breaks[i]));
	const open = (i: number) => room.breaks[i] === fewest;
	const { pairs, toDummy, alone } = pairUp(room, free, { count: 1, seated: false, open });
	return { tables: [...locked, ...pairs], out: [...toDummy, ...alone], rest: toDummy[0] };
}

/**
 * An odd count, one table of three. Heuristic: the matching with one dummy seat names a first candidate
 * for the third seat; a few others (those who would add the most to a table) are tried with their own
 * matching; each joins the table where they add most; the best total wins, then the iterated local search.
 */
function withTableOfThree(room: Room, free: number[], locked: number[][], fixed: Set<number>): Seating {
	const first = pairUp(room, free, { count: 1, seated: true });
	const candidates = new Set(first.toDummy);
	if (free.length < TRY_ALL_BELOW) for (const x of free) candidates.add(x);
	else for (const x of mostToGive(room, free).slice(0, EXTRA_CANDIDATES)) candidates.add(x);
	let best: (Seating & { total: number }) | null = null;
	for (const x of candidates) {
		const run =
			first.toDummy[0] === x
				? first
				: pairUp(
						room,
						free.filter((y) => y !== x),
					);
		const tables = [...locked.map((t) => [...t]), ...run.pairs];
		const out = attachExtras(room, tables, [x, ...run.alone], fixed);
		const total = tables.reduce((s, t) => s + room.tableScore(t), 0);
		if (!best || out.length < best.out.length || (out.length === best.out.length && total > best.total))
			best = { tables, out, total };
	}
	if (!best) return { tables: locked, out: free };
	const out = seatTheRest(room, best.tables, best.out, fixed);
	improveHard(room, best.tables, fixed);
	return { tables: best.tables, out };
}

/** The free participants by what they could add to a table of two: the sum of their two best scores. */
function mostToGive(room: Room, free: number[]): number[] {
	const potential = new Map<number, number>();
	for (const x of free) {
		const best = free.filter((y) => room.allowed(x, y)).map((y) => room.score(x, y));
		potential.set(
			x,
			best
				.sort((p, q) => q - p)
				.slice(0, 2)
				.reduce((s, v) => s + v, 0),
		);
	}
	return [...free].sort((p, q) => (potential.get(q) ?? 0) - (potential.get(p) ?? 0));
}

/**
 * Everyone at tables of three, as far as the count allows (tables of two make up the rest). Heuristic:
 * a matching with one dummy seat per table of three picks the pairs and who takes the third seats, the
 * third seats go where they add most, then an iterated local search swaps people while the total improves.
 */
function trios(room: Room, free: number[], locked: number[][], fixed: Set<number>): Seating {
	const present = room.size;
	if (present < 2) return { tables: [], out: free };
	const tableCount = Math.max(Math.ceil(present / 3), locked.length);
	const extras = present - 2 * tableCount;
	const { pairs, toDummy, alone } = pairUp(room, free, { count: extras, seated: true });
	const tables = [...locked.map((t) => [...t]), ...pairs];
	const out = seatTheRest(room, tables, attachExtras(room, tables, [...toDummy, ...alone], fixed), fixed);
	improveHard(room, tables, fixed);
	return { tables, out };
}

/** Says why someone sits out when it is not the rotating break of an odd count, or not their turn. */
function explainBreaks(room: Room, seating: Seating, notes: string[]): void {
	const fewest = Math.min(...room.breaks);
	for (const i of seating.out) {
		if (i !== seating.rest)
			notes.push(
				`Pas de table pour ${room.names[i]} : les personnes encore libres ont déjà été rencontrées ou sont à éviter.`,
			);
		if (room.breaks[i] > fewest)
			notes.push(`${room.names[i]} fait une nouvelle pause avant que tous les présents en aient fait une.`);
	}
}
