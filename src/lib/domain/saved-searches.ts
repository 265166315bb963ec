// Saved searches: a structure keeps a search (words and filters) under a name, to be told of new
// listings that match it, in the app and in an e-mail digest. Only its own structure reads it.
import * as v from 'valibot';
import { base, commune, required, structureId, text } from './fields';
import { docId, newKey } from './ids';
import type { SearchFilters } from './search/filters';
import { SECTOR_IDS } from './sectors';

/** The filters of a search as a saved search keeps them (the same names as the search request). */
const SavedFiltersSchema = v.object({
	type: v.optional(v.picklist(['listing', 'structure'])),
	kind: v.optional(v.picklist(['offer', 'request'])),
	nature: v.optional(text(40)),
	sector: v.optional(v.picklist(SECTOR_IDS)),
	legalForm: v.optional(text(40)),
	department: v.optional(v.picklist(['59', '62'])),
	epci: v.optional(v.pipe(v.string(), v.regex(/^\d{9}$/, 'code d’intercommunalité invalide'))),
	commune: v.optional(commune),
	radius: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(200))),
	position: v.optional(
		v.tuple([
			v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
			v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
		]),
	),
});

export const SavedSearchSchema = v.looseObject({
	...base,
	type: v.literal('savedsearch'),
	owner: structureId,
	audience: v.literal('owner'),
	name: required(80),
	q: text(200),
	/** The search's filters, under another name than `filters` (a CouchDB design document's field). */
	criteria: SavedFiltersSchema,
	/** Whether the new listings it finds go into the structure's e-mail digest. */
	digest: v.boolean(),
});

export type SavedSearch = v.InferOutput<typeof SavedSearchSchema>;

/** A new saved search of `owner`, ready for `saveDoc` (which fills the timestamps). */
export function newSavedSearch(
	owner: string,
	name: string,
	q: string,
	filters: SearchFilters,
	now = new Date(),
): SavedSearch {
	const at = now.toISOString();
	const kept = Object.fromEntries(
		Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
	);
	return {
		_id: docId('savedsearch', newKey()),
		type: 'savedsearch',
		schema: 1,
		owner,
		audience: 'owner',
		name: name.trim(),
		q: q.trim(),
		criteria: kept as SavedSearch['criteria'],
		digest: true,
		createdAt: at,
		updatedAt: at,
	};
}
