// The replica's module (PouchDB, about 40 kB gzip and most of the first load's main-thread time)
// loaded on first use: a page that only reads the query tables paints without it.
import type { Replica } from './replica';

export const loadReplica = (): Promise<Replica> => import('./replica').then((module) => module.replica());
