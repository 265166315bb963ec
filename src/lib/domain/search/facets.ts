// The filterable values of every indexed document as small integer codes, one array per filter, so
// a search checks its filters and counts results per filter value with array reads, not string work.
import { COMMUNES, communeByCode } from '../communes';
import { type CoordinateSource, haversineKm, type LatLon, withinRadius } from '../geo';
import { SECTORS } from '../sectors';
import type { SearchEntry } from './documents';
import type { FilterName, SearchFilters } from './filters';

/** The filters with one value per document; `sector` may hold several, `commune` is told by radius. */
const SINGLE = ['type', 'kind', 'nature', 'legalForm', 'department', 'epci'] as const;
type Single = (typeof SINGLE)[number];

const readValue: Record<Single, (e: SearchEntry) => string | undefined> = {
	type: (e) => e.type,
	kind: (e) => e.kind,
	nature: (e) => e.nature,
	legalForm: (e) => e.legalForm,
	department: (e) => e.commune.slice(0, 2),
	epci: (e) => communeByCode(e.commune)?.epci || undefined,
};

/** Values ↔ codes of one filter; code 0 is "none". */
class Codes {
	#codes = new Map<string, number>();
	values: string[] = [''];
	codeOf(value: string | undefined): number {
		if (value === undefined) return 0;
		let code = this.#codes.get(value);
		if (code === undefined) {
			code = this.values.length;
			this.values.push(value);
			this.#codes.set(value, code);
		}
		return code;
	}
	find(value: string): number {
		return this.#codes.get(value) ?? -1;
	}
}

const communeCodes = new Codes();
for (const c of COMMUNES) communeCodes.codeOf(c.insee);
/** The INSEE code of each commune code (0: none); grows if a document names an unknown commune. */
export const COMMUNE_CODES: readonly string[] = communeCodes.values;

/** A search's filters compiled against the codes: which filters each document fails. */
export interface CompiledFilters {
	active: FilterName[];
	/** Failing filters of a slot, as a bit mask over `active`. */
	fails(slot: number): number;
}

export type Counts = Partial<Record<FilterName, Record<string, number>>>;

/** Counters of one search: `add` a result for every filter, or a near-result for the one filter it fails. */
export interface Counter {
	add(slot: number): void;
	addFor(slot: number, facet: number): void;
	result(): Counts;
}

/** Facet numbers: the single-valued filters in `SINGLE` order, then sector, then commune (and position). */
const SECTOR = SINGLE.length;
const COMMUNE = SINGLE.length + 1;
export function facetOf(name: FilterName): number {
	if (name === 'sector') return SECTOR;
	if (name === 'commune' || name === 'position') return COMMUNE;
	return SINGLE.indexOf(name);
}

export class Facets {
	#dicts = SINGLE.map(() => new Codes());
	/** Per slot, the code of each single-valued filter: `#codes[slot * SINGLE.length + facet]`. */
	#codes = new Uint16Array(1024 * SINGLE.length);
	/** Sector codes start with the sector list (22 of them), so a slot's sectors fit a 32-bit mask. */
	#sectors = new Codes();
	#sectorBits = new Uint32Array(1024);
	#commune = new Uint16Array(1024);
	/** Day of last update per slot (ms since epoch), for freshness. */
	updated = new Float64Array(1024);
	/** Last day (ms) a listing is on offer; Infinity for structures, -Infinity for closed listings. */
	openUntil = new Float64Array(1024);

	constructor() {
		for (const sector of SECTORS) this.#sectors.codeOf(sector.id);
	}

	set(slot: number, entry: SearchEntry): void {
		if (slot >= this.#commune.length) this.#grow(slot + 1);
		this.updated[slot] = Date.parse(entry.updatedAt.slice(0, 10)) || 0;
		this.openUntil[slot] = openUntil(entry);
		SINGLE.forEach((name, f) => {
			this.#codes[slot * SINGLE.length + f] = this.#dicts[f].codeOf(readValue[name](entry));
		});
		let bits = 0;
		for (const sector of entry.sectors) {
			const code = this.#sectors.codeOf(sector);
			if (code <= 32) bits |= 1 << (code - 1);
		}
		this.#sectorBits[slot] = bits;
		this.#commune[slot] = communeCodes.codeOf(entry.commune);
	}

	/** Follows the renumbering of `InvertedIndex.compact`. */
	move(moved: Int32Array): void {
		const n = SINGLE.length;
		for (let s = 0; s < moved.length; s++) {
			const to = moved[s];
			if (to < 0 || to === s) continue;
			this.#codes.copyWithin(to * n, s * n, s * n + n);
			this.#sectorBits[to] = this.#sectorBits[s];
			this.#commune[to] = this.#commune[s];
			this.updated[to] = this.updated[s];
			this.openUntil[to] = this.openUntil[s];
		}
	}

	/** The code of a slot's commune: an index into `COMMUNE_CODES`. */
	communeCode(slot: number): number {
		return this.#commune[slot];
	}

	compile(filters: SearchFilters, active: FilterName[], coords: CoordinateSource): CompiledFilters {
		const checks = active.map((name) => this.#check(name, filters, coords));
		return {
			active,
			fails(slot) {
				let mask = 0;
				for (let i = 0; i < checks.length; i++) if (!checks[i](slot)) mask |= 1 << i;
				return mask;
			},
		};
	}

	#check(name: FilterName, f: SearchFilters, coords: CoordinateSource): (slot: number) => boolean {
		if (name === 'commune' || name === 'position') {
			const inside = communesWithin(f, coords);
			return (slot) => inside[this.#commune[slot]] === 1;
		}
		if (name === 'sector') {
			const code = this.#sectors.find(f.sector as string);
			const bit = code > 0 && code <= 32 ? 1 << (code - 1) : 0;
			return (slot) => (this.#sectorBits[slot] & bit) !== 0;
		}
		const facet = SINGLE.indexOf(name);
		const wanted = this.#dicts[facet].find(f[name] as string);
		return (slot) => this.#codes[slot * SINGLE.length + facet] === wanted;
	}

	counter(): Counter {
		const n = SINGLE.length;
		const single = this.#dicts.map((d) => new Uint32Array(d.values.length));
		const sectors = new Uint32Array(33);
		const communes = new Uint32Array(communeCodes.values.length);
		const codes = this.#codes;
		const countSectors = (slot: number) => {
			for (let bits = this.#sectorBits[slot]; bits !== 0; bits &= bits - 1)
				sectors[32 - Math.clz32(bits & -bits)]++;
		};
		return {
			add: (slot) => {
				const at = slot * n;
				for (let f = 0; f < n; f++) single[f][codes[at + f]]++;
				if (this.#sectorBits[slot] !== 0) countSectors(slot);
				communes[this.#commune[slot]]++;
			},
			addFor: (slot, facet) => {
				if (facet < n) single[facet][codes[slot * n + facet]]++;
				else if (facet === SECTOR) countSectors(slot);
				else communes[this.#commune[slot]]++;
			},
			result: () => {
				const out: Counts = {};
				SINGLE.forEach((name, f) => {
					out[name] = named(this.#dicts[f].values, single[f]);
				});
				out.sector = named(this.#sectors.values, sectors);
				out.commune = named(communeCodes.values, communes);
				return out;
			},
		};
	}

	#grow(needed: number): void {
		let size = this.#commune.length;
		while (size < needed) size *= 2;
		this.#codes = grown(this.#codes, size * SINGLE.length);
		this.#commune = grown(this.#commune, size);
		const bits = new Uint32Array(size);
		bits.set(this.#sectorBits);
		this.#sectorBits = bits;
		this.updated = grownFloats(this.updated, size);
		this.openUntil = grownFloats(this.openUntil, size);
	}
}

function grown(old: Uint16Array, size: number): Uint16Array<ArrayBuffer> {
	const bigger = new Uint16Array(size);
	bigger.set(old);
	return bigger;
}

function grownFloats(old: Float64Array, size: number): Float64Array<ArrayBuffer> {
	const bigger = new Float64Array(size);
	bigger.set(old);
	return bigger;
}

/** As `isLive` says, in a number: live on `day` when `openUntil >= day`. */
function openUntil(entry: SearchEntry): number {
	if (entry.type !== 'listing') return Number.POSITIVE_INFINITY;
	if (entry.status !== 'open' || !entry.validUntil) return Number.NEGATIVE_INFINITY;
	return Date.parse(entry.validUntil.slice(0, 10)) || Number.NEGATIVE_INFINITY;
}

function named(values: string[], counts: Uint32Array): Record<string, number> {
	const out: Record<string, number> = {};
	for (let code = 1; code < values.length; code++) if (counts[code] > 0) out[values[code]] = counts[code];
	return out;
}

/** Per commune code, 1 when inside the territory a commune (and radius) or a position and radius cover. */
function communesWithin(f: SearchFilters, coords: CoordinateSource): Uint8Array {
	const inside = new Uint8Array(communeCodes.values.length);
	for (let code = 1; code < communeCodes.values.length; code++) {
		const insee = communeCodes.values[code];
		if (f.commune !== undefined) {
			if (!withinRadius(f.commune as string, insee, f.radius ?? 0, coords)) continue;
		} else {
			const at = coords(insee);
			if (!at || haversineKm(f.position as LatLon, at) > (f.radius ?? 0)) continue;
		}
		inside[code] = 1;
	}
	return inside;
}
