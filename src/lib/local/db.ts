// The query tables: documents of the replica, one table per type, indexed for the pages' filters.
// Derived and disposable — the indexer fills them from the replica's changes feed.
import { Dexie, type Table } from 'dexie';
import type {
	Checkin,
	Contact,
	Conversation,
	DocType,
	ElbEvent,
	Favourite,
	Followup,
	Listing,
	Meeting,
	Membership,
	Message,
	Notice,
	Person,
	Proposal,
	Readmark,
	Registration,
	Report,
	SavedSearch,
	SdSession,
	Structure,
} from '../domain';

/** A row is the document itself (with its _rev), flagged when it has conflicting revisions. */
export type Row<T> = T & { _conflicts?: string[] };

/** Bookkeeping of the indexer: how far in the replica's changes feed the tables are. */
export interface MetaRow {
	key: string;
	[field: string]: unknown;
}

export type Tables = Dexie & {
	structures: Table<Row<Structure>, string>;
	people: Table<Row<Person>, string>;
	contacts: Table<Row<Contact>, string>;
	memberships: Table<Row<Membership>, string>;
	listings: Table<Row<Listing>, string>;
	events: Table<Row<ElbEvent>, string>;
	checkins: Table<Row<Checkin>, string>;
	conversations: Table<Row<Conversation>, string>;
	messages: Table<Row<Message>, string>;
	readmarks: Table<Row<Readmark>, string>;
	savedsearches: Table<Row<SavedSearch>, string>;
	sdsessions: Table<Row<SdSession>, string>;
	meetings: Table<Row<Meeting>, string>;
	followups: Table<Row<Followup>, string>;
	favourites: Table<Row<Favourite>, string>;
	reports: Table<Row<Report>, string>;
	notices: Table<Row<Notice>, string>;
	registrations: Table<Row<Registration>, string>;
	proposals: Table<Row<Proposal>, string>;
	meta: Table<MetaRow, string>;
};

/** Bump with any change of the stores below or of what the indexer writes: the tables rebuild. */
export const TABLES_VERSION = 7;

export const STORES = {
	structures: '_id, name, commune, *sectors, legalForm',
	people: '_id, owner, name',
	contacts: '_id, owner, person',
	memberships: '_id, structure, status',
	listings: '_id, owner, kind, nature, sector, commune, status, validUntil, updatedAt, audience',
	events: '_id, start, commune, kind',
	checkins: '_id, event, method',
	conversations: '_id, listing, *participants, updatedAt',
	messages: '_id, [conversation+createdAt]',
	readmarks: '_id, conversation',
	savedsearches: '_id, owner',
	sdsessions: '_id, event',
	meetings: '_id, event, *participants, at',
	followups: '_id, meeting, *participants',
	favourites: '_id, listing',
	reports: '_id, status, target, updatedAt',
	notices: '_id, owner, createdAt',
	registrations: '_id, event, owner',
	proposals: '_id, owner, status',
	meta: 'key',
} as const;

/** The table holding each document type; types without one (the card key) are read from the replica. */
export const TABLE_OF: Partial<Record<DocType, Exclude<keyof typeof STORES, 'meta'>>> = {
	structure: 'structures',
	person: 'people',
	contact: 'contacts',
	membership: 'memberships',
	listing: 'listings',
	event: 'events',
	checkin: 'checkins',
	conversation: 'conversations',
	message: 'messages',
	readmark: 'readmarks',
	savedsearch: 'savedsearches',
	sdsession: 'sdsessions',
	meeting: 'meetings',
	followup: 'followups',
	favourite: 'favourites',
	report: 'reports',
	notice: 'notices',
	registration: 'registrations',
	proposal: 'proposals',
};

export function openTables(name = 'elbasar-tables'): Tables {
	const db = new Dexie(name) as Tables;
	db.version(TABLES_VERSION).stores(STORES);
	return db;
}

export const tables: Tables = openTables();
