// One round's participants as numbers 0…n-1: their pair scores and which pairs may share a table,
// so that the matching and the local search work on flat arrays instead of string keys.
import { pairKey } from './keys';
import type { PairKey, Participant } from './types';

/** What the local search needs to know of a room: may x and y share a table, and what they score. */
export interface Seats {
	readonly size: number;
	allowed(x: number, y: number): boolean;
	score(x: number, y: number): number;
}

export class Room implements Seats {
	readonly ids: string[];
	readonly names: string[];
	readonly breaks: number[];
	readonly #scores: Float64Array;
	readonly #allowed: Uint8Array;

	constructor(
		participants: readonly Participant[],
		scores: ReadonlyMap<PairKey, number>,
		barred: ReadonlySet<PairKey>,
		breaks: ReadonlyMap<string, number>,
	) {
		const unique = [...new Map(participants.map((p) => [p.id, p])).values()];
		this.ids = unique.map((p) => p.id);
		this.names = unique.map((p) => p.name);
		this.breaks = this.ids.map((id) => breaks.get(id) ?? 0);
		const n = unique.length;
		this.#scores = new Float64Array(n * n);
		this.#allowed = new Uint8Array(n * n);
		for (let i = 0; i < n; i++)
			for (let j = i + 1; j < n; j++) {
				const key = pairKey(this.ids[i], this.ids[j]);
				const s = scores.get(key) ?? 0;
				const ok = barred.has(key) ? 0 : 1;
				this.#scores[i * n + j] = this.#scores[j * n + i] = s;
				this.#allowed[i * n + j] = this.#allowed[j * n + i] = ok;
			}
	}

	get size(): number {
		return this.ids.length;
	}

	score(i: number, j: number): number {
		return this.#scores[i * this.ids.length + j];
	}

	/** May i and j share a table (not forbidden, not met earlier in this session)? */
	allowed(i: number, j: number): boolean {
		return i !== j && this.#allowed[i * this.ids.length + j] === 1;
	}

	/** What x adds to a table (the pairs x makes with each one there). */
	gain(x: number, table: readonly number[]): number {
		let sum = 0;
		for (const y of table) if (y !== x) sum += this.score(x, y);
		return sum;
	}

	/** May x sit with everyone at this table (x itself aside)? */
	fits(x: number, table: readonly number[]): boolean {
		return table.every((y) => y === x || this.allowed(x, y));
	}

	tableScore(table: readonly number[]): number {
		let sum = 0;
		for (let a = 0; a < table.length; a++)
			for (let b = a + 1; b < table.length; b++) sum += this.score(table[a], table[b]);
		return sum;
	}

	index(id: string): number {
		return this.ids.indexOf(id);
	}
}
