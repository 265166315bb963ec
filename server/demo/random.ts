// A small seeded pseudo-random generator (mulberry32) so the demo network is the same for the same seed:
// no Math.random, no crypto. Each part of the network draws from its own stream.

export class Random {
	private state: number;

	constructor(seed: number, stream = 0) {
		this.state = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Picks a key of `weights` with a probability proportional to its weight. */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const entries = Object.entries(weights) as [K, number][];
		let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
		for (const [key, w] of entries) {
			r -= w;
			if (r < 0) return key;
		}
		return entries[entries.length - 1][0];
	}

	/** `count` distinct items, in random order (fewer if the list is shorter). */
	sample<T>(items: readonly T[], count: number): T[] {
		const copy = items.slice();
		const n = Math.min(count, copy.length);
		for (let i = 0; i < n; i++) {
			const j = i + Math.floor(this.next() * (copy.length - i));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy.slice(0, n);
	}

	/** A document key shaped like `newKey()` (24 base-36 characters), drawn from this stream. */
	key(): string {
		let out = '';
		for (let i = 0; i < 12; i++)
			out += Math.floor(this.next() * 256)
				.toString(36)
				.padStart(2, '0');
		return out;
	}
}

/** Picks items by cumulative weight in O(log n): used for the 1,534 communes weighted by population. */
export class WeightedTable<T> {
	private readonly totals: number[] = [];

	constructor(
		private readonly items: readonly T[],
		weight: (item: T) => number,
	) {
		let sum = 0;
		for (const item of items) {
			sum += weight(item);
			this.totals.push(sum);
		}
	}

	pick(random: Random): T {
		const r = random.next() * this.totals[this.totals.length - 1];
		let lo = 0;
		let hi = this.totals.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.totals[mid] > r) hi = mid;
			else lo = mid + 1;
		}
		return this.items[lo];
	}
}
