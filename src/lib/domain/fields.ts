// Building blocks of the document schemas: the fields every document has and the field types
// (texts with limits, dates, communes, e-mails…) that each document type composes.
import * as v from 'valibot';
import { isCommune } from './communes';
import { NETWORK } from './ids';

export const SCHEMA_VERSION = 1;

// Messages for issues our schemas do not word themselves (wrong type, missing field…).
v.setGlobalMessage(
	(issue) => `valeur invalide (attendu : ${issue.expected}, reçu : ${issue.received})`,
	'fr',
);

/** Who may read a document. `participants` lists structure ids in the document. */
export const AUDIENCES = ['public', 'members', 'owner', 'participants', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const keys = <T extends Record<string, string>>(o: T) =>
	Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const text = (max: number) =>
	v.pipe(v.string(), v.trim(), v.maxLength(max, `${max} caractères au plus`));
export const required = (max: number) => v.pipe(text(max), v.minLength(1, 'champ obligatoire'));
export const isoDate = v.pipe(v.string(), v.isoDate('date attendue (AAAA-MM-JJ)'));
export const isoTimestamp = v.pipe(v.string(), v.isoTimestamp('date et heure attendues'));
export const structureId = v.pipe(v.string(), v.startsWith('structure:', 'identifiant de structure attendu'));
export const commune = v.pipe(v.string(), v.check(isCommune, 'commune inconnue du Nord ou du Pas-de-Calais'));
export const email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('adresse e-mail invalide'));
export const phone = v.pipe(
	v.string(),
	v.trim(),
	v.regex(/^\+?[0-9 .-]{6,20}$/, 'numéro de téléphone invalide'),
);
export const url = v.pipe(v.string(), v.trim(), v.maxLength(300), v.url('adresse web invalide'));

/** Fields every document has. CouchDB's own fields (_rev, _revisions, _attachments…) are allowed. */
export const base = {
	_id: v.string(),
	_rev: v.optional(v.string()),
	schema: v.literal(SCHEMA_VERSION),
	owner: v.union([structureId, v.literal(NETWORK)]),
	audience: v.picklist(AUDIENCES),
	participants: v.optional(v.array(structureId)),
	createdAt: isoTimestamp,
	updatedAt: isoTimestamp,
};

/** Who is at an event (a check-in, a registration): a person of the directory, or someone typed in. */
export const attendee = {
	event: v.pipe(v.string(), v.startsWith('event:', 'identifiant d’événement attendu')),
	person: v.optional(v.pipe(v.string(), v.startsWith('person:', 'identifiant de personne attendu'))),
	structure: v.optional(structureId),
	name: required(120),
	/** The structure of someone not in the directory, as they typed it. */
	structureName: v.optional(text(120)),
	email: v.optional(email),
};
