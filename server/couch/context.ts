// What every handler of the replication endpoint works with: the store and the audience index
// (who is asking comes with each request, as `c.get('viewer')`).
/// <reference types="pouchdb-core" />

import type { AudienceIndex } from './audience-index';
import type { ErasedIds } from './erased';
import type { Waiters } from './waiters';

export interface Couch {
	db: PouchDB.Database;
	index: AudienceIndex;
	/** Ids erased at a person's request (RGPD): their writes are refused. */
	erased: ErasedIds;
	/** Open longpolls, woken at shutdown. */
	waiters: Waiters;
	/** Serialises check-then-write so two requests cannot both pass a check on the same revision. */
	exclusive<T>(task: () => Promise<T>): Promise<T>;
}

/** A document as the store returns it. */
export type StoredDoc = PouchDB.Core.Document<Record<string, unknown>> &
	PouchDB.Core.GetMeta & { _deleted?: boolean };
