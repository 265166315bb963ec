// French messages for failed saves, shared by every form that writes through the replica.

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A French message for a failed save (DocError carries one; a PouchDB conflict does not). */
export function saveFailure(err: unknown): string {
	const e = err as { reason?: unknown; status?: number };
	if (e?.status === 409)
		return 'Ce document a été modifié entre-temps sur cet appareil : rechargez la page, puis refaites vos changements.';
	if (typeof e?.reason === 'string' && e.reason) return `Enregistrement impossible : ${e.reason}.`;
	return 'Enregistrement impossible sur cet appareil. Réessayez ; si cela persiste, rechargez la page.';
}
