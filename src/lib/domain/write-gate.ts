// The one decision "may this viewer write this document?", run by the server on every document it
// receives and by the device before it saves one, so a phone refuses at once, with the same French
// reason, what the server would refuse at the next sync.
import { canWrite } from './access';
import type { Decision, Lookup, Scoped, Viewer } from './access-types';
import { checkinHostRule } from './checkin';
import { typeOfId } from './ids';
import { checkMedia } from './media';
import { registrationEventRule } from './registrations';
import { validateDoc } from './schemas';

/** A document as a writer sends it: a full document, or a tombstone (`_deleted`) with its id. */
export type Written = Scoped & { _deleted?: boolean } & Record<string, unknown>;

export interface WriteAttempt {
	viewer: Viewer;
	/** The live winning revision this write replaces; null for a new (or deleted) document. */
	before: Scoped | null;
	/**
	 * What the last live revision of a deleted document said (owner, type), when the writer knows it:
	 * a deleted document is not a free id to take over.
	 */
	deleted?: Scoped;
	doc: Written;
	/** The documents `referencesOf(doc)` names, as the writer has them (see Lookup). */
	lookup: Lookup;
	/** Milliseconds since the epoch: registration rules compare times with it. */
	now: number;
}

/** Fields naming another document whose content a rule reads (a conversation's listing, an event…). */
const REFERENCES = ['listing', 'conversation', 'event', 'person', 'target', 'meeting'] as const;

/** The ids of the other documents the gate may read to decide on `doc`: fetch these for the lookup. */
export function referencesOf(doc: Record<string, unknown>): string[] {
	const ids = new Set<string>();
	for (const field of REFERENCES) {
		const value = doc[field];
		if (typeof value === 'string' && value !== '') ids.add(value);
	}
	return [...ids];
}

const deny = (reason: string): Decision => ({ ok: false, reason });

/**
 * Schema and media rules (tombstones have none), who may write what, that a document keeps its
 * type and owner unless staff move it (deleted ones too), and the rules that read another document:
 * a check-in's event host, a registration's event and places.
 */
export function decideWrite({ viewer, before, deleted, doc, lookup, now }: WriteAttempt): Decision {
	const removing = doc._deleted === true;
	if (!removing) {
		const valid = validateDoc(doc);
		if (!valid.ok) return valid;
		const media = checkMedia(doc);
		if (!media.ok) return media;
	}
	const decision = canWrite(viewer, before, doc, lookup);
	if (!decision.ok) return decision;
	const earlier = before ?? deleted;
	if (earlier && !removing && viewer.role !== 'animator') {
		if (earlier.type !== undefined && earlier.type !== doc.type)
			return deny('le type d’un document ne change pas');
		if (earlier.owner !== undefined && earlier.owner !== doc.owner)
			return deny('seule l’équipe du réseau change le propriétaire d’un document');
	}
	if (removing) return decision;
	const type = typeOfId(doc._id);
	if (type === 'checkin') return checkinHostRule(doc, lookup);
	if (type === 'registration') return registrationEventRule(viewer, before, doc, lookup, now);
	return decision;
}
