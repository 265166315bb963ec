// What a written document must look like before the store sees it: a usable id and CouchDB's own
// fields well formed (a malformed one would make PouchDB fail the whole batch, or worse). Whether
// the viewer may write it is the domain's write gate (src/lib/domain/write-gate.ts).
import { type Decision, typeOfId } from '../../src/lib/domain';
import { HttpError } from '../errors';
import { isRecord } from './params';

/** A document as a client sends it. */
export type Incoming = Record<string, unknown> & { _id?: unknown; _rev?: unknown; _deleted?: unknown };

/** PouchDB's own test for a revision id (`<generation>-<hash>`). */
const REV = /^\d+-[^-]+$/;
export const isRev = (rev: unknown): rev is string =>
	typeof rev === 'string' && REV.test(rev) && rev.length < 200;

/** CouchDB fields a client may send; the read-only ones are dropped, anything else is refused. */
const WRITABLE_SPECIAL = new Set(['_id', '_rev', '_deleted', '_revisions', '_attachments']);
const READ_ONLY_SPECIAL = ['_conflicts', '_deleted_conflicts', '_revs_info', '_local_seq'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const deny = (reason: string): Decision => ({ ok: false, reason });

/** Problems that make the whole request unusable: answered 400, nothing written. */
export function checkBatchShape(docs: unknown, newEdits: boolean): asserts docs is Incoming[] {
	if (!Array.isArray(docs)) throw new HttpError(400, 'bad_request', 'docs doit être une liste de documents.');
	for (const doc of docs) {
		if (!isRecord(doc)) throw new HttpError(400, 'bad_request', 'Chaque document doit être un objet JSON.');
		if (doc._rev !== undefined && !isRev(doc._rev))
			throw new HttpError(400, 'bad_request', `Révision invalide : ${String(doc._rev).slice(0, 60)}`);
		if (!newEdits && doc._rev === undefined)
			throw new HttpError(
				400,
				'bad_request',
				'Avec new_edits=false, chaque document doit porter sa révision.',
			);
	}
}

/** Is this an id of one of our document types? `_design/`, `_local/` and others are refused. */
export function checkId(id: unknown): Decision {
	if (typeof id !== 'string' || id === '') return deny('identifiant de document manquant');
	if (id.startsWith('_design/')) return deny('les documents de conception sont réservés au serveur');
	if (id.length > 200 || !typeOfId(id) || id.indexOf(':') === id.length - 1)
		return deny(`identifiant de document invalide : ${id.slice(0, 60)}`);
	return { ok: true };
}

/** CouchDB's special fields, checked so PouchDB never fails the whole batch on one document. */
export function checkSpecialFields(doc: Incoming): Decision {
	for (const key of READ_ONLY_SPECIAL) delete doc[key];
	for (const key of Object.keys(doc))
		if (key.startsWith('_') && !WRITABLE_SPECIAL.has(key)) return deny(`champ réservé non accepté : ${key}`);
	if (doc._deleted !== undefined && typeof doc._deleted !== 'boolean')
		return deny('_deleted doit valoir true ou false');
	const revisions = doc._revisions;
	if (revisions !== undefined) {
		if (!isRecord(revisions) || !Number.isInteger(revisions.start) || (revisions.start as number) < 1)
			return deny('_revisions invalide');
		const ids = revisions.ids;
		if (
			!Array.isArray(ids) ||
			ids.length === 0 ||
			!ids.every((id) => typeof id === 'string' && /^[^-]+$/.test(id))
		)
			return deny('_revisions invalide');
		if (doc._rev !== `${revisions.start}-${ids[0]}`) return deny('_revisions ne correspond pas à _rev');
	}
	return checkAttachments(doc._attachments);
}

function checkAttachments(attachments: unknown): Decision {
	if (attachments === undefined) return { ok: true };
	if (!isRecord(attachments)) return deny('_attachments invalide');
	for (const [name, att] of Object.entries(attachments)) {
		if (name === '' || name.startsWith('_'))
			return deny(`nom de pièce jointe invalide : ${name.slice(0, 60)}`);
		if (!isRecord(att)) return deny(`pièce jointe invalide : ${name}`);
		if (att.stub === true) continue;
		if (typeof att.data !== 'string' || !BASE64.test(att.data) || att.data.length % 4 !== 0)
			return deny(`pièce jointe ${name} : données base64 attendues`);
		if (typeof att.content_type !== 'string') return deny(`pièce jointe ${name} : content_type manquant`);
	}
	return { ok: true };
}

/**
 * An attachment sent as a stub must already be on the server (in the current revision), or
 * PouchDB fails the whole batch with missing_stub.
 */
export function checkStubs(doc: Incoming, current: Record<string, unknown> | undefined): Decision {
	if (!isRecord(doc._attachments)) return { ok: true };
	const existing = isRecord(current?._attachments) ? current._attachments : {};
	const digests = new Set(Object.values(existing).map((att) => (isRecord(att) ? att.digest : undefined)));
	for (const [name, att] of Object.entries(doc._attachments)) {
		if (!isRecord(att) || att.stub !== true) continue;
		const known = att.digest === undefined ? name in existing : digests.has(att.digest);
		if (!known) return deny(`pièce jointe ${name} inconnue du serveur : envoyez son contenu`);
	}
	return { ok: true };
}
