// Documents as the app builds them, before `saveDoc` stamps them: it sets the schema version and
// the timestamps (createdAt only when absent) and strips `_conflicts`, so no caller does it again.
import type { Doc } from '../domain';
import { saveDoc } from '../sync/docs';

type Stamp = 'schema' | 'createdAt' | 'updatedAt';

/** `T` without the fields `saveDoc` stamps; a `createdAt` that means something (a message's time) may stay. */
export type Unstamped<T extends Doc> = { [K in keyof T as K extends Stamp ? never : K]: T[K] } & {
	createdAt?: string;
};

/** Saves a document the app built: `saveDoc` stamps, validates and stores it. */
export function save<T extends Doc>(doc: Unstamped<T>): Promise<T> {
	return saveDoc(doc as unknown as T);
}
