// In-memory stores for tests. memdown keeps one store per name for the whole process, so every
// call takes a fresh name prefix; closing destroys the data so a test run does not pile it up.
/// <reference types="pouchdb-core" />
import { randomUUID } from 'node:crypto';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import type { Stores } from './types';

const MemoryPouch = PouchDB.plugin(memoryAdapter).defaults({ adapter: 'memory' });

export function openMemoryStores(): Stores {
	const prefix = `mem-${randomUUID()}`;
	const db = new MemoryPouch(`${prefix}-elbasar`);
	const accounts = new MemoryPouch(`${prefix}-accounts`);
	return {
		db,
		accounts,
		close: async () => {
			await Promise.all([db.destroy(), accounts.destroy()]);
		},
	};
}
