// Who may read and write each document, by type and ownership. Pure functions; writes are decided
// by write-gate.ts, which calls `canWrite` with the schema and the rules that read other documents.
import { allow, type Decision, deny, type Lookup, type Scoped, type Viewer } from './access-types';
import { canWriteConversationDoc } from './conversations';
import { checkFavourite } from './favourites';
import { typeOfId } from './ids';
import { canWriteReport, checkModeration } from './moderation';
import { canWriteNotice } from './notices';
import { canWriteOrder } from './orders';
import { canWriteProposal } from './proposals';
import { canWriteRegistration } from './registrations';
import { canWriteFollowup } from './speed-dating';
export const INVOICE_IS_THE_SERVERS =
	'une facture est émise par le réseau et ne se modifie ni ne se supprime : un avoir l’annule';

function isOwn(viewer: Viewer, doc: Scoped): boolean {
	return viewer.structureId !== undefined && doc.owner === viewer.structureId;
}

function isNamed(viewer: Viewer, doc: Scoped): boolean {
	return !!viewer.structureId && !!doc.participants?.includes(viewer.structureId);
}

export function canRead(viewer: Viewer, doc: Scoped): boolean {
	if (viewer.role === 'animator') return true;
	switch (doc.audience) {
		case 'public':
			return true;
		case 'members':
			// A members' document naming structures (a speed-dating meeting) is theirs to read too.
			return viewer.role === 'member' || isOwn(viewer, doc) || isNamed(viewer, doc);
		case 'owner':
			return isOwn(viewer, doc);
		case 'participants':
			return isOwn(viewer, doc) || isNamed(viewer, doc);
		default:
			return false;
	}
}

/** Document types a structure's own accounts may create and edit; the rest is staff's. */
const OWNED_BY_STRUCTURES = new Set([
	'structure',
	'person',
	'contact',
	'listing',
	'checkin',
	'savedsearch',
	'favourite',
]);

/**
 * May `viewer` turn `before` (null when new) into `after`? `after` is a full document, or a
 * tombstone (`_deleted: true`) that keeps only its id. Schema validity is checked apart.
 * `lookup` reads the documents a conversation or message refers to (the server always gives it).
 */
export function canWrite(
	viewer: Viewer,
	before: Scoped | null,
	after: Scoped & { _deleted?: boolean },
	lookup?: Lookup,
): Decision {
	if (viewer.role === 'visitor') return deny('connectez-vous pour publier');
	// The server alone issues invoices; no one edits or deletes one, the team included (a credit note cancels).
	if (typeOfId(after._id) === 'invoice') return deny(INVOICE_IS_THE_SERVERS);
	// Staff too go through the server's payment routes to change an order; they may act for any payer.
	if (typeOfId(after._id) === 'order') {
		const actingFor = viewer.role === 'animator' ? (after.owner ?? before?.owner) : viewer.structureId;
		return actingFor
			? canWriteOrder({ ...viewer, structureId: actingFor }, before, after, lookup)
			: deny('ce compte n’est rattaché à aucune structure');
	}
	if (viewer.role === 'animator') return allow;
	const moderated = checkModeration(before, after);
	if (!moderated.ok) return moderated;
	const type = typeOfId(after._id);
	if (type === 'report' || type === 'notice') {
		if (!viewer.structureId) return deny('ce compte n’est rattaché à aucune structure');
		const own = { ...viewer, structureId: viewer.structureId };
		return type === 'report'
			? canWriteReport(own, before, after, lookup)
			: canWriteNotice(own, before, after);
	}
	if (type === 'conversation' || type === 'message' || type === 'readmark')
		return viewer.structureId
			? canWriteConversationDoc({ ...viewer, structureId: viewer.structureId }, before, after, lookup)
			: deny('ce compte n’est rattaché à aucune structure');
	if (type === 'proposal' || type === 'registration') {
		if (!viewer.structureId) return deny('ce compte n’est rattaché à aucune structure');
		const own = { ...viewer, structureId: viewer.structureId };
		return type === 'proposal'
			? canWriteProposal(own, before, after)
			: canWriteRegistration(own, before, after, lookup);
	}
	if (type === 'followup')
		return viewer.structureId
			? canWriteFollowup({ ...viewer, structureId: viewer.structureId }, after, lookup)
			: deny('ce compte n’est rattaché à aucune structure');
	if (!type || !OWNED_BY_STRUCTURES.has(type)) return deny('réservé à l’équipe du réseau');
	if (!viewer.structureId) return deny('ce compte n’est rattaché à aucune structure');
	if (before && !isOwn(viewer, before)) return deny('ce document appartient à une autre structure');
	if (after._deleted) return before ? allow : deny('document inconnu');
	if (!isOwn(viewer, after)) return deny('vous ne pouvez publier qu’au nom de votre structure');
	if (type === 'structure') {
		if (!before) return deny('seule l’équipe du réseau crée les fiches de structures');
		if (after._id !== viewer.structureId) return deny('ce n’est pas votre structure');
	}
	if (type === 'favourite') return checkFavourite(after);
	if (type === 'contact' && after.audience !== 'members' && after.audience !== 'owner')
		return deny('les coordonnées restent réservées aux adhérents');
	return allow;
}

/** May this viewer see the members-only parts of the directory (contacts, members-only listings)? */
export function seesMembersOnly(viewer: Viewer): boolean {
	return viewer.role === 'member' || viewer.role === 'animator';
}
