// The directory import's « inviter » option: the people of the file who have an e-mail and no
// account yet are invited to their structure, once the import wrote their structure.
import type { Doc, Viewer } from '../../src/lib/domain';
import { type ImportReport, planImport } from '../../src/lib/domain/csv';
import { ownerIdOfEmail } from '../auth/accounts';
import type { Invitations } from './service';

export interface Invitee {
	line: number;
	name: string;
	email: string;
	structureId: string;
}

/** Who the file would invite, read before the import writes (the plan compares with the store). */
export function inviteesOf(csv: string, existing: Iterable<Doc>): Invitee[] {
	const plan = planImport(csv, existing, new Date().toISOString());
	if (!plan.ok) return [];
	const names = new Map<string, string>();
	for (const { doc } of plan.writes)
		if (doc.type === 'person' && doc._rev === undefined) names.set(doc._id, doc.name);
	const invitees: Invitee[] = [];
	for (const { doc, line, structureId } of plan.writes) {
		if (doc.type !== 'contact' || !doc.email) continue;
		const name = names.get(doc.person);
		// Only people new to the directory: the others were there before, invited or not.
		if (name) invitees.push({ line, name, email: doc.email, structureId });
	}
	return invitees;
}

/** Invites each one whose row was imported and whose address has no account; returns how many. */
export async function inviteImported(
	invitations: Invitations,
	accounts: PouchDB.Database,
	viewer: Viewer,
	invitees: Invitee[],
	report: ImportReport,
	origin: string,
): Promise<number> {
	const refused = new Set(report.refused.map((r) => r.line));
	let sent = 0;
	for (const who of invitees) {
		if (refused.has(who.line) || (await ownerIdOfEmail(accounts, who.email))) continue;
		await invitations.invite(viewer, who.structureId, { name: who.name, email: who.email }, origin);
		sent++;
	}
	return sent;
}
