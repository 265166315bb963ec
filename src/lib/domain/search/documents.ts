// What the search index keeps of a listing or a structure: the texts it searches (by field, each
// with its weight) and the few facts filters and ranking need.

import { communeByCode, EPCIS } from '../communes';
import type { Audience } from '../fields';
import { LEGAL_FORMS, type Listing, NATURES, type Structure } from '../schemas';
import { sectorLabel } from '../sectors';
import type { SearchType } from './filters';

/** The facts kept per document, for filters, ranking and showing a hit. */
export interface SearchEntry {
	id: string;
	type: SearchType;
	title: string;
	commune: string;
	sectors: string[];
	updatedAt: string;
	owner: string;
	audience: Audience;
	participants?: string[];
	kind?: Listing['kind'];
	nature?: Listing['nature'];
	status?: Listing['status'];
	validUntil?: string;
	legalForm?: Structure['legalForm'];
}

/** The searched texts. Listings: title > text > labels. Structures: name > pitch, offers, needs > the rest. */
export interface SearchFields {
	id: string;
	title: string;
	summary: string;
	text: string;
	labels: string;
	place: string;
}

export const FIELD_BOOSTS: Record<Exclude<keyof SearchFields, 'id'>, number> = {
	title: 3,
	summary: 1.5,
	text: 1,
	labels: 0.5,
	place: 0.5,
};

/** "CA du Boulonnais" → "Boulonnais": the word people use for the territory. */
function epciName(code: string): string {
	const name = EPCIS.get(code) ?? '';
	return name.replace(
		/^(CA|CC|CU|Métropole Européenne|Métropole)\s+(de la |de l’|de l'|du |des |de |d’|d')?/,
		'',
	);
}

function placeOf(insee: string): string {
	const commune = communeByCode(insee);
	return commune ? `${commune.name} ${epciName(commune.epci)}` : '';
}

/** Every entry has the same fields in the same order (absent ones undefined): a search reads tens of thousands. */
function entryOf(doc: Structure | Listing, over: Partial<SearchEntry>): SearchEntry {
	return {
		id: doc._id,
		type: doc.type,
		title: '',
		commune: doc.commune,
		sectors: [],
		updatedAt: doc.updatedAt,
		owner: doc.owner,
		audience: doc.audience,
		participants: doc.participants,
		kind: undefined,
		nature: undefined,
		status: undefined,
		validUntil: undefined,
		legalForm: undefined,
		...over,
	};
}

export function listingSearchable(doc: Listing): { fields: SearchFields; entry: SearchEntry } {
	const entry = entryOf(doc, {
		title: doc.title,
		sectors: [doc.sector],
		kind: doc.kind,
		nature: doc.nature,
		status: doc.status,
		validUntil: doc.validUntil,
	});
	const labels = `${sectorLabel(doc.sector)} ${NATURES[doc.nature]}`;
	return {
		entry,
		fields: {
			id: doc._id,
			title: doc.title,
			summary: '',
			text: doc.text,
			labels,
			place: placeOf(doc.commune),
		},
	};
}

export function structureSearchable(doc: Structure): { fields: SearchFields; entry: SearchEntry } {
	const entry = entryOf(doc, { title: doc.name, sectors: [...doc.sectors], legalForm: doc.legalForm });
	const labels = `${doc.sectors.map(sectorLabel).join(' ')} ${LEGAL_FORMS[doc.legalForm]}`;
	return {
		entry,
		fields: {
			id: doc._id,
			title: doc.name,
			summary: [doc.pitch, doc.offers, doc.needs].join('\n'),
			text: [doc.description, doc.missions].join('\n'),
			labels,
			place: placeOf(doc.commune),
		},
	};
}

/** The searchable parts of a document, or null for the types search does not cover. */
export function searchableOf(doc: { type?: string }): { fields: SearchFields; entry: SearchEntry } | null {
	if (doc.type === 'listing') return listingSearchable(doc as Listing);
	if (doc.type === 'structure') return structureSearchable(doc as Structure);
	return null;
}
