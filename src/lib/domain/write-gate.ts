// The one decision "may this viewer write this document?", run by the server on every document it
// receives and by the device before it saves one, so a phone refuses at once, with the same French
// reason, what the server would refuse at the next sync.
import { canWrite } from './access';
import type { Decision, Lookup, Scoped, Viewer } from './access-types';
import { checkinHostRule } from './checkin';
import { typeOfId } from './ids';
import { checkMedia } from './media';
import { linkRule } from './references';
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
	/** The documents `referencesOf(doc)` (references.ts) names, as the writer has them (see Lookup). */
	lookup: Lookup;
	/** Milliseconds since the epoch: registration rules compare times with it. */
	now: number;
}

const deny = (reason: string): Decision => ({ ok: false, reason });

/** Largest document accepted, as JSON without its attachments (they have their own limits, media.ts). */
export const MAX_DOC_BYTES = 256 * 1024;
export const DOC_TOO_LARGE = 'document trop gros : 256 ko au plus, pièces jointes à part';

/** Bytes of `text` in UTF-8, counted only when its length leaves a doubt about the limit. */
function utf8Over(text: string, limit: number): boolean {
	if (text.length > limit) return true;
	if (text.length * 3 <= limit) return false;
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit < 0x80) bytes += 1;
		else if (unit < 0x800) bytes += 2;
		else if (unit >= 0xd800 && unit < 0xdc00) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes > limit;
}

/** A document (a tombstone too: it replicates to every former reader) within MAX_DOC_BYTES. */
export function checkDocSize(doc: Record<string, unknown>): Decision {
	const { _attachments, ...json } = doc;
	return utf8Over(JSON.stringify(json), MAX_DOC_BYTES) ? deny(DOC_TOO_LARGE) : { ok: true };
}

/** Does `doc` (a tombstone: only the fields it carries) change what `earlier` said of `field`? */
function changes(earlier: Scoped, doc: Written, field: 'type' | 'owner', removing: boolean): boolean {
	if (earlier[field] === undefined || (removing && doc[field] === undefined)) return false;
	return earlier[field] !== doc[field];
}

/**
 * Size, schema and media rules (tombstones have only the size), who may write what, that a
 * document keeps its type and owner unless staff move it (deleted ones too), and the rules that
 * read another document: a check-in's event host, a registration's event and places, the links of
 * people, contacts, check-ins and reports (references.ts).
 */
export function decideWrite({ viewer, before, deleted, doc, lookup, now }: WriteAttempt): Decision {
	const size = checkDocSize(doc);
	if (!size.ok) return size;
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
	if (earlier && viewer.role !== 'animator') {
		if (changes(earlier, doc, 'type', removing)) return deny('le type d’un document ne change pas');
		if (changes(earlier, doc, 'owner', removing))
			return deny('seule l’équipe du réseau change le propriétaire d’un document');
	}
	if (removing) return decision;
	const type = typeOfId(doc._id);
	const ruled =
		type === 'checkin'
			? checkinHostRule(doc, lookup)
			: type === 'registration'
				? registrationEventRule(viewer, before, doc, lookup, now)
				: decision;
	return ruled.ok ? linkRule(doc, lookup) : ruled;
}
