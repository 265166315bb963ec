// E-mails each new notice to its structure (the accounts of the structure and its people's
// contact addresses), then records `mailedAt` on the notice so it is never sent twice. A failed
// send is tried again at the next run; notices older than a fortnight are not mailed any more.
/// <reference types="pouchdb-core" />
import type { Notice } from '../../src/lib/domain';
import type { Account } from '../auth/accounts';
import { type JobContext, writeAsServer } from './context';
import { noticeMail } from './texts';

const MAIL_WINDOW_MS = 14 * 24 * 3600 * 1000;

/** Account e-mails per structure, read once per run (the accounts store is small). */
async function accountEmails(accounts: PouchDB.Database): Promise<Map<string, string[]>> {
	const rows = await accounts.allDocs({ startkey: 'account:', endkey: 'account:\ufff0', include_docs: true });
	const by = new Map<string, string[]>();
	for (const row of rows.rows) {
		const account = row.doc as unknown as Account | undefined;
		if (!account?.structureId) continue;
		by.set(account.structureId, [...(by.get(account.structureId) ?? []), account.email]);
	}
	return by;
}

export async function mailNotices(ctx: JobContext): Promise<number> {
	await ctx.watch.catchUp();
	const since = new Date(ctx.now().getTime() - MAIL_WINDOW_MS).toISOString();
	const pending = [...ctx.watch.unmailed.values()].filter((n) => n.createdAt >= since);
	if (pending.length === 0) return 0;
	const accounts = await accountEmails(ctx.accounts);
	let sent = 0;
	for (const notice of pending) {
		const to = [
			...new Set([...(accounts.get(notice.owner) ?? []), ...ctx.watch.contactEmails(notice.owner)]),
		].map((e) => e.toLowerCase());
		if (to.length === 0) continue;
		try {
			await ctx.mailer.send(noticeMail(notice, [...new Set(to)], ctx.publicUrl));
		} catch (err) {
			ctx.warn(`Avis ${notice._id} : envoi de l’e-mail impossible (${(err as Error).message})`);
			continue;
		}
		if (await markMailed(ctx, notice._id)) sent++;
	}
	return sent;
}

/** Records the sending on the notice's latest revision (its structure may have marked it read meanwhile). */
async function markMailed(ctx: JobContext, id: string): Promise<boolean> {
	for (let attempt = 0; attempt < 3; attempt++) {
		const current = (await ctx.couch.db.get(id).catch(() => null)) as Notice | null;
		if (!current) return false;
		const done = await writeAsServer(
			ctx,
			[{ ...current, mailedAt: ctx.now().toISOString() }],
			'Avis e-mailé',
		);
		if (done.length > 0) {
			ctx.watch.unmailed.delete(id);
			return true;
		}
	}
	return false;
}
