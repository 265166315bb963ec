// PouchDB-browser and Dexie expect a browser: give them IndexedDB and the globals they read (the unit
// project sets it up for every file; the device tests of the server project import it first).
import 'fake-indexeddb/auto';

const g = globalThis as Record<string, unknown>;
g.self ??= globalThis;
g.navigator ??= { userAgent: 'node' };
