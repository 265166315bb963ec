// The export archive: one JSON file and one CSV table per document type, the account itself
// (without its password hash), and every photo (attachment) as a file under photos/.
/// <reference types="pouchdb-core" />
import { strToU8, zipSync } from 'fflate';
import type { Account } from '../auth/accounts';
import type { StoredDoc, Subject } from './subject';

type Files = Record<string, Uint8Array>;

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/** A cell of the CSV: texts as they are, the rest as JSON; quoted when needed (RFC 4180). */
function cell(value: unknown): string {
	const text =
		value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
	return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvOf(docs: Record<string, unknown>[]): string {
	const columns: string[] = [];
	for (const doc of docs) for (const key of Object.keys(doc)) if (!columns.includes(key)) columns.push(key);
	const lines = [columns.map(cell).join(','), ...docs.map((d) => columns.map((c) => cell(d[c])).join(','))];
	// A BOM so spreadsheets open the accents right.
	return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** A document as exported: CouchDB's bookkeeping left out, attachments named (their files are in photos/). */
function readable(doc: StoredDoc): Record<string, unknown> {
	const { _rev, _attachments, _revisions, ...rest } = doc;
	const photos = _attachments ? Object.keys(_attachments as object) : [];
	return photos.length > 0 ? { ...rest, _photos: photos.map((name) => photoPath(doc._id, name)) } : rest;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._~-]+/g, '_');
const photoPath = (id: string, name: string) => `photos/${safe(id)}/${safe(name)}`;

function addDocs(files: Files, folder: string, docs: StoredDoc[]): void {
	const byType = new Map<string, StoredDoc[]>();
	for (const d of docs) byType.set(String(d.type), [...(byType.get(String(d.type)) ?? []), d]);
	for (const [type, list] of byType) {
		const shown = list.map(readable);
		files[`${folder}${type}.json`] = json(shown);
		files[`${folder}${type}.csv`] = strToU8(csvOf(shown));
	}
}

async function addPhotos(files: Files, db: PouchDB.Database, docs: StoredDoc[]): Promise<void> {
	for (const d of docs) {
		const names = d._attachments ? Object.keys(d._attachments as object) : [];
		for (const name of names) {
			const data = (await db.getAttachment(d._id, name)) as Buffer;
			files[photoPath(d._id, name)] = new Uint8Array(data);
		}
	}
}

export async function buildArchive(
	db: PouchDB.Database,
	account: Account,
	subject: Subject,
	now: Date,
): Promise<Uint8Array> {
	const { passwordHash: _hash, _rev, ...shownAccount } = account;
	const own = [...subject.own.values(), ...subject.messages];
	const files: Files = {
		'LISEZMOI.txt': strToU8(
			[
				`Vos données elBasar, exportées le ${now.toISOString()}.`,
				'compte.json : votre compte (sans votre mot de passe).',
				'Un fichier JSON et un tableau CSV par type de document : vos fiches (person), coordonnées (contact),',
				'messages que vous avez écrits (message), pointages (checkin), inscriptions (registration), signalements (report).',
				'Les messages des autres personnes ne sont pas inclus.',
				'photos/ : vos photos.',
				subject.structure.length > 0
					? 'structure/ : les documents de votre structure (vous en êtes administrateur·rice).'
					: '',
			]
				.filter(Boolean)
				.join('\n'),
		),
		'compte.json': json(shownAccount),
	};
	addDocs(files, '', own);
	addDocs(files, 'structure/', subject.structure);
	await addPhotos(files, db, [...own, ...subject.structure]);
	return zipSync(files, { level: 6, mtime: now });
}
