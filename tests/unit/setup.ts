// PouchDB-browser and Dexie expect a browser: give them IndexedDB and the globals they read.
import 'fake-indexeddb/auto';

const g = globalThis as Record<string, unknown>;
g.self ??= globalThis;
g.navigator ??= { userAgent: 'node' };
