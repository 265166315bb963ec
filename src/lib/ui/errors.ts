// Messages for failed saves, shared by every form that writes through the replica.

import { m } from '../i18n';

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A French message for a failed save (DocError carries one; a PouchDB conflict does not). */
export function saveFailure(err: unknown): string {
	const e = err as { reason?: unknown; status?: number };
	if (e?.status === 409) return m.common_save_conflict();
	if (typeof e?.reason === 'string' && e.reason) return m.common_save_failed_reason({ reason: e.reason });
	return m.common_save_failed();
}
