// Import of a directory spreadsheet, planned without touching any store: every row becomes its
// documents (structure, membership, person, contact), each validated like any write; a row is
// taken whole or refused with its reason; only documents that differ from the stored ones are
// written, so importing the same file again writes nothing.
import { type Doc, validateDoc } from '../schemas';
import { Directory, membershipDoc, personDocs, structureDoc } from './build';
import { FIELD_LABELS } from './columns';
import { readSheet } from './read';
import { type RowData, readRow } from './row';
import { structureIds } from './structure-ids';

export interface Refusal {
	line: number;
	reason: string;
}

/** Counted per structure: created, or updated (itself or its people), or left as it was. */
export interface ImportReport {
	created: number;
	updated: number;
	unchanged: number;
	refused: Refusal[];
	/** Headers the import does not know, so the animator sees what was left out. */
	ignoredColumns: string[];
}

export interface PlannedWrite {
	doc: Doc;
	/** The row that produced it, to report a refusal at write time. */
	line: number;
	structureId: string;
}

export type ImportPlan =
	| { ok: true; writes: PlannedWrite[]; report: ImportReport }
	| { ok: false; reason: string };

interface Group {
	isNew: boolean;
	changed: boolean;
	hasStructure: boolean;
	hasMembership: boolean;
}

export function planImport(csv: string, existing: Iterable<Doc>, now: string): ImportPlan {
	const sheet = readSheet(csv);
	if (!sheet.ok) return sheet;
	const directory = new Directory(existing);
	const refused: Refusal[] = [];
	const rows: RowData[] = [];
	for (const { line, cells } of sheet.rows) {
		const read = readRow(line, cells);
		if (read.ok) rows.push(read.row);
		else refused.push({ line, reason: read.reason });
	}
	const ids = structureIds(rows, directory.structures);
	const planner = new Planner(directory, now);
	for (const row of rows) {
		const id = ids.get(row.line);
		const refusal = id?.ok ? planner.take(row, id.value) : (id?.reason ?? 'nom manquant');
		if (refusal) refused.push({ line: row.line, reason: refusal });
	}
	refused.sort((a, b) => a.line - b.line);
	const all = [...planner.groups.values()];
	const report: ImportReport = {
		created: all.filter((g) => g.isNew).length,
		updated: all.filter((g) => !g.isNew && g.changed).length,
		unchanged: all.filter((g) => !g.isNew && !g.changed).length,
		refused,
		ignoredColumns: sheet.ignoredHeaders,
	};
	return { ok: true, writes: [...planner.planned.values()], report };
}

/** Rows taken one after the other: the first row of a structure gives its fields, the next add people. */
class Planner {
	readonly groups = new Map<string, Group>();
	readonly planned = new Map<string, PlannedWrite>();

	constructor(
		private readonly directory: Directory,
		private readonly now: string,
	) {}

	/** Plans the row's writes, or says why the row is refused. */
	take(row: RowData, structureId: string): string | undefined {
		const group = this.groups.get(structureId) ?? {
			isNew: !this.directory.byId.has(structureId),
			changed: false,
			hasStructure: false,
			hasMembership: false,
		};
		const docs = rowDocs(row, structureId, group, this.directory, this.now);
		if (!Array.isArray(docs)) return docs.reason;
		this.groups.set(structureId, group);
		for (const doc of docs) {
			if (doc.type === 'structure') group.hasStructure = true;
			if (doc.type === 'membership') group.hasMembership = true;
			if (this.planned.has(doc._id) || sameContent(doc, this.directory.byId.get(doc._id))) continue;
			this.planned.set(doc._id, { doc: { ...doc, updatedAt: this.now }, line: row.line, structureId });
			group.changed = true;
		}
		return undefined;
	}
}

/** The validated documents of one row, or why the row is refused. */
function rowDocs(
	row: RowData,
	id: string,
	group: Group,
	directory: Directory,
	now: string,
): Doc[] | { reason: string } {
	const drafts: Doc[] = [];
	if (!group.hasStructure) {
		const before = directory.byId.get(id);
		const structure = structureDoc(id, row.structure, before?.type === 'structure' ? before : undefined, now);
		if (!('type' in structure)) return structure;
		drafts.push(structure);
	}
	if (!group.hasMembership) {
		const before = directory.byId.get(id.replace(/^structure:/, 'membership:'));
		const membership = membershipDoc(
			id,
			row.membership,
			before?.type === 'membership' ? before : undefined,
			now,
		);
		if (membership) drafts.push(membership);
	}
	if (row.person) drafts.push(...personDocs(id, row.person, directory, now));
	const docs: Doc[] = [];
	for (const draft of drafts) {
		const valid = validateDoc(draft);
		if (!valid.ok) return { reason: worded(valid.reason, draft.type) };
		docs.push(valid.doc);
	}
	return docs;
}

/** "website : adresse web invalide" → "« Site web » : adresse web invalide". */
function worded(reason: string, type: Doc['type']): string {
	const match = reason.match(/^([A-Za-z]+)[.\w]* : (.*)$/);
	if (!match) return reason;
	const label = type === 'person' && match[1] === 'name' ? 'Contact' : FIELD_LABELS[match[1]];
	return label ? `« ${label} » : ${match[2]}` : reason;
}

/** Same document, leaving aside revisions and the time of the last write. */
function sameContent(doc: Doc, stored: Doc | undefined): boolean {
	return stored !== undefined && canonical(doc) === canonical(stored);
}

function canonical(value: unknown): string {
	return JSON.stringify(value, (key, v) =>
		(key.startsWith('_') && key !== '_id') || key === 'updatedAt'
			? undefined
			: v && typeof v === 'object' && !Array.isArray(v)
				? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
				: v,
	);
}
