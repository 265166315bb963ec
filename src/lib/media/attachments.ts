// Images read from the device's replica, so photos show offline: a Blob per attachment, turned
// into an object URL by the component that shows it (and revoked when it goes away).
import { loadReplica } from '../sync/lazy-replica';

/** The attachment as a Blob, or null when this device does not hold it. */
export async function attachmentBlob(docId: string, name: string): Promise<Blob | null> {
	try {
		return (await (await loadReplica()).getAttachment(docId, name)) as Blob;
	} catch {
		return null;
	}
}

/** An attachment as a document carries it once stored: a stub naming its content. */
export interface Stub {
	content_type: string;
	digest?: string;
	length?: number;
	stub?: boolean;
}
export type Attachments = Record<string, Stub | { content_type: string; data: Blob }>;

/** The attachments a stored document carries (rows of the query tables keep them as stubs). */
export const attachmentsOf = (doc: object | null | undefined): Record<string, Stub> =>
	((doc as { _attachments?: Record<string, Stub> } | null)?._attachments ?? {}) as Record<string, Stub>;
