// An upper bound on the total score of `rounds` rounds at tables of two in which no pair meets twice:
// the union of such rounds gives each participant at most `rounds` partners, each pair at most once,
// so its score is at most that of the best fractional `rounds`-matching (the LP without odd-set cuts).
// That LP is half the best bipartite `rounds`-matching of the double cover (each participant on both
// sides), which is integral: a min-cost flow, solved by successive shortest paths (Dijkstra + potentials).

interface Arc {
	to: number;
	cap: number;
	cost: number;
	rev: number;
}

class Network {
	readonly arcs: Arc[][];
	constructor(size: number) {
		this.arcs = Array.from({ length: size }, () => []);
	}
	add(from: number, to: number, cap: number, cost: number): void {
		this.arcs[from].push({ to, cap, cost, rev: this.arcs[to].length });
		this.arcs[to].push({ to: from, cap: 0, cost: -cost, rev: this.arcs[from].length - 1 });
	}
}

/** Maximum-weight fractional `rounds`-matching of n participants with pair scores `score(i, j)`. */
export function sessionBound(n: number, rounds: number, score: (i: number, j: number) => number): number {
	const source = 2 * n;
	const sink = 2 * n + 1;
	const net = new Network(2 * n + 2);
	for (let i = 0; i < n; i++) {
		net.add(source, i, rounds, 0);
		net.add(n + i, sink, rounds, 0);
		for (let j = 0; j < n; j++) if (j !== i) net.add(i, n + j, 1, -score(i, j));
	}
	return -minCostFlow(net, source, sink) / 2;
}

/** The cheapest flow of any size (augments while the cheapest path costs less than nothing). */
function minCostFlow(net: Network, source: number, sink: number): number {
	const size = net.arcs.length;
	const potential = initialPotentials(net, source);
	let total = 0;
	for (;;) {
		const dist = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
		const via = new Int32Array(size).fill(-1);
		const viaArc = new Int32Array(size).fill(-1);
		const done = new Uint8Array(size);
		dist[source] = 0;
		for (;;) {
			let u = -1;
			for (let v = 0; v < size; v++)
				if (!done[v] && dist[v] < Number.POSITIVE_INFINITY && (u < 0 || dist[v] < dist[u])) u = v;
			if (u < 0) break;
			done[u] = 1;
			net.arcs[u].forEach((arc, k) => {
				if (arc.cap <= 0) return;
				const d = dist[u] + arc.cost + potential[u] - potential[arc.to];
				if (d < dist[arc.to] - 1e-12) {
					dist[arc.to] = d;
					via[arc.to] = u;
					viaArc[arc.to] = k;
				}
			});
		}
		if (dist[sink] === Number.POSITIVE_INFINITY) return total;
		for (let v = 0; v < size; v++) if (dist[v] < Number.POSITIVE_INFINITY) potential[v] += dist[v];
		const pathCost = potential[sink] - potential[source];
		if (pathCost >= -1e-12) return total;
		let push = Number.POSITIVE_INFINITY;
		for (let v = sink; v !== source; v = via[v]) push = Math.min(push, net.arcs[via[v]][viaArc[v]].cap);
		for (let v = sink; v !== source; v = via[v]) {
			const arc = net.arcs[via[v]][viaArc[v]];
			arc.cap -= push;
			net.arcs[v][arc.rev].cap += push;
		}
		total += push * pathCost;
	}
}

/** Shortest distances from the source on the initial network (a DAG: source → left → right → sink). */
function initialPotentials(net: Network, source: number): Float64Array {
	const potential = new Float64Array(net.arcs.length).fill(Number.POSITIVE_INFINITY);
	potential[source] = 0;
	// Bellman-Ford: few passes suffice on this layered network.
	for (let pass = 0; pass < 4; pass++)
		for (let u = 0; u < net.arcs.length; u++)
			if (potential[u] < Number.POSITIVE_INFINITY)
				for (const arc of net.arcs[u])
					if (arc.cap > 0 && potential[u] + arc.cost < potential[arc.to])
						potential[arc.to] = potential[u] + arc.cost;
	for (let v = 0; v < potential.length; v++) if (potential[v] === Number.POSITIVE_INFINITY) potential[v] = 0;
	return potential;
}
