// The staff's decisions on a reported content, made on the animator's device (offline too) and
// carried by replication: hide or restore it (its audience narrowed to its owner, then given back),
// warn its structure, or dismiss the reports. Each decision is kept on the reports (who, when, why)
// and told to the content's structure by a notice, which the server also e-mails.
import {
	hideContent,
	type Listing,
	type Message,
	type ModerationAction,
	moderationNotice,
	type Notice,
	type NoticeKind,
	newKey,
	type Report,
	restoreContent,
	withDecision,
} from '../domain';
import { save, type Unstamped } from '../forms/unstamped';
import { m } from '../i18n';
import { getDoc, saveDoc } from '../sync/docs';
import type { Moderated } from './queries';

type Content = Listing | Message;

async function content(item: Moderated): Promise<Content> {
	const found = await getDoc<Content>(item.target);
	if (!found) throw new Error(m.animation_moderation_not_on_device());
	return found;
}

const titleOf = (doc: Content) =>
	doc.type === 'listing' ? doc.title : doc.text.replace(/\s+/g, ' ').slice(0, 80);

function notice(doc: Content, kind: Exclude<NoticeKind, 'expiry-soon'>, reason: string): Unstamped<Notice> {
	return {
		_id: `notice:${newKey()}`,
		type: 'notice',
		owner: doc.owner,
		audience: 'owner',
		kind,
		subject: doc._id,
		...moderationNotice(kind, { type: doc.type, title: titleOf(doc) }, reason),
	};
}

/** Writes the decision on each report given (fresh from the device, so no stale revision). */
async function decide(reports: Report[], action: ModerationAction, by: string, reason: string) {
	const at = new Date().toISOString();
	for (const r of reports) {
		const current = await getDoc<Report>(r._id);
		if (current) await saveDoc(withDecision(current, { action, at, by, reason: reason.trim() }));
	}
}

const openReports = (item: Moderated) => item.reports.filter((r) => r.status === 'open');

export async function hide(item: Moderated, by: string, reason: string): Promise<void> {
	const doc = await content(item);
	if (doc.hidden) throw new Error(m.animation_moderation_already_hidden());
	await saveDoc(hideContent(doc, by, reason.trim(), openReports(item)[0]?._id));
	await decide(openReports(item), 'hide', by, reason);
	await save(notice(doc, 'hidden', reason));
}

export async function restore(item: Moderated, by: string, reason: string): Promise<void> {
	const doc = await content(item);
	if (!doc.hidden) return;
	await saveDoc(restoreContent(doc));
	const origin = item.reports.filter((r) => r._id === doc.hidden?.report);
	await decide(origin, 'restore', by, reason);
	await save(notice(doc, 'restored', reason));
}

export async function warn(item: Moderated, by: string, reason: string): Promise<void> {
	const doc = await content(item);
	await decide(openReports(item), 'warn', by, reason);
	await save(notice(doc, 'warning', reason));
}

export async function dismiss(item: Moderated, by: string, reason: string): Promise<void> {
	await decide(openReports(item), 'dismiss', by, reason);
}
