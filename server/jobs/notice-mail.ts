// E-mails each new notice to its structure (the accounts of the structure and its people's
// contact addresses), then records `mailedAt` on the notice so it is never sent twice. A failed
// send is tried again at the next run; notices older than a fortnight are not mailed any more.
// Accounts that chose English get an English e-mail of their own; the others, and the contact
// addresses (they have no account to choose with), one in French.
/// <reference types="pouchdb-core" />
import type { Notice } from '../../src/lib/domain';
import { type Account, accountLocale, type MailLocale } from '../auth/accounts';
import { type JobContext, writeAsServer } from './context';
import { noticeMail } from './texts';

const MAIL_WINDOW_MS = 14 * 24 * 3600 * 1000;

type Recipient = { email: string; locale: MailLocale };

/** Account e-mails and languages per structure, read once per run (the accounts store is small). */
async function accountEmails(accounts: PouchDB.Database): Promise<Map<string, Recipient[]>> {
	const rows = await accounts.allDocs({ startkey: 'account:', endkey: 'account:\ufff0', include_docs: true });
	const by = new Map<string, Recipient[]>();
	for (const row of rows.rows) {
		const account = row.doc as unknown as Account | undefined;
		if (!account?.structureId) continue;
		const recipient = { email: account.email, locale: accountLocale(account) };
		by.set(account.structureId, [...(by.get(account.structureId) ?? []), recipient]);
	}
	return by;
}

/** The addresses in each language, an address once (an account's choice wins over French). */
function byLanguage(recipients: Recipient[]): Map<MailLocale, string[]> {
	const localeOf = new Map<string, MailLocale>();
	for (const { email, locale } of recipients) {
		const key = email.toLowerCase();
		if (localeOf.get(key) !== 'en') localeOf.set(key, locale);
	}
	const groups = new Map<MailLocale, string[]>();
	for (const [email, locale] of localeOf) groups.set(locale, [...(groups.get(locale) ?? []), email]);
	return groups;
}

export async function mailNotices(ctx: JobContext): Promise<number> {
	await ctx.watch.catchUp();
	const since = new Date(ctx.now().getTime() - MAIL_WINDOW_MS).toISOString();
	const pending = [...ctx.watch.unmailed.values()].filter((n) => n.createdAt >= since);
	if (pending.length === 0) return 0;
	const accounts = await accountEmails(ctx.accounts);
	let sent = 0;
	for (const notice of pending) {
		const groups = byLanguage([
			...(accounts.get(notice.owner) ?? []),
			...ctx.watch.contactEmails(notice.owner).map((email) => ({ email, locale: 'fr' as const })),
		]);
		if (groups.size === 0) continue;
		try {
			for (const [locale, to] of groups) await ctx.mailer.send(noticeMail(notice, to, ctx.publicUrl, locale));
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
