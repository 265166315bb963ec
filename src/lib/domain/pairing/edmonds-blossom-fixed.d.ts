// The package has no types: it takes edges [i, j, weight] (vertices 0…n-1, integer weights keep its
// dual arithmetic exact) and returns mate[v] = the vertex matched with v, or -1.
declare module 'edmonds-blossom-fixed' {
	export default function blossom(edges: [number, number, number][], maxCardinality?: boolean): number[];
}
