// The pass over every document a query reached: keeps those live, readable, satisfying some concept
// and passing the filters, scores them (freshness, proximity), and counts per filter value (results for
// every filter; a document failing one filter alone for that filter: the usual faceting rule).
import type { CoordinateSource } from '../geo';
import type { CompiledFilters, Counts, Facets } from './facets';
import { facetOf } from './facets';
import type { Scratch } from './matching';
import type { Concept } from './query';
import { freshness, nearByCommune } from './rank';

export interface Collected {
	/** Result slots; `scratch.relevance` holds their final score, `scratch.clauseTerms` their concepts met. */
	results: number[];
	/** Per active filter, how many documents it alone keeps out. */
	drops: Uint32Array;
	counts: Counts;
}

export function collect(opts: {
	reached: readonly number[];
	scratch: Scratch;
	facets: Facets;
	compiled: CompiledFilters;
	concepts: readonly Concept[];
	/** Proximity factor per commune code, when the search is centred somewhere. */
	proximity: Float64Array | null;
	coords: CoordinateSource;
	now: number;
	readable?: (slot: number) => boolean;
}): Collected {
	const { scratch, facets, compiled, concepts, proximity, now, readable } = opts;
	const places = concepts.map((c) => (c.place ? nearByCommune(c.place, opts.coords) : null));
	const counter = facets.counter();
	const facetOfActive = compiled.active.map(facetOf);
	const drops = new Uint32Array(compiled.active.length);
	const results: number[] = [];
	const { openUntil, updated } = facets;
	const day = Date.parse(new Date(now).toISOString().slice(0, 10));
	const matched = scratch.clauseTerms; // reused: how many concepts each result satisfies
	for (const slot of opts.reached) {
		if (openUntil[slot] < day || (readable && !readable(slot))) continue;
		const commune = facets.communeCode(slot);
		let mask = scratch.concepts[slot];
		for (let i = 0; i < places.length; i++) if (places[i]?.[commune]) mask |= 1 << i;
		const satisfied = popcount(mask);
		// A query of only a place keeps what is near it or names it; an empty query keeps everything.
		if (satisfied === 0 && concepts.length > 0) continue;
		const fails = compiled.fails(slot);
		if (fails === 0) {
			counter.add(slot);
			matched[slot] = satisfied;
			scratch.relevance[slot] *= freshness(updated[slot], now) * (proximity?.[commune] ?? 1);
			results.push(slot);
		} else if ((fails & (fails - 1)) === 0) {
			const failed = 31 - Math.clz32(fails);
			drops[failed]++;
			counter.addFor(slot, facetOfActive[failed]);
		}
	}
	return { results, drops, counts: counter.result() };
}

function popcount(mask: number): number {
	let n = 0;
	for (let m = mask; m !== 0; m &= m - 1) n++;
	return n;
}
