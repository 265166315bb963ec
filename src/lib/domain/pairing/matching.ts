// Maximum-weight matching over vertices 0…n-1 (Edmonds' blossom algorithm, from edmonds-blossom-fixed):
// as many pairs as possible first, then the heaviest such set of pairs.
import blossom from 'edmonds-blossom-fixed';

/** [i, j, weight]: weights are rounded to integers, as the package's dual arithmetic expects. */
export type WeightedEdge = [number, number, number];

/** mate[v] = the vertex matched with v, or -1. Among the matchings of maximum size, one of maximum weight. */
export function maxWeightMatching(n: number, edges: WeightedEdge[]): Int32Array {
	const mate = new Int32Array(n).fill(-1);
	if (edges.length === 0) return mate;
	// Weights shifted to be positive: a constant per pair changes nothing among matchings of the same size.
	let lowest = 0;
	for (const e of edges) lowest = Math.min(lowest, Math.round(e[2]));
	const shifted = edges.map(([i, j, w]): WeightedEdge => [i, j, Math.round(w) - lowest + 1]);
	const found = blossom(shifted, true);
	for (let v = 0; v < found.length; v++) mate[v] = found[v];
	return mate;
}
