// The e-mail that carries a notice: its title as subject, its text, a link to what it is about.
// The greeting, link and footer are in the recipients' language; the notice's own title and text
// are the document's (written in French by the domain, as the app shows them).
import type { Notice } from '../../src/lib/domain';
import type { MailLocale } from '../auth/accounts';
import { m } from '../i18n/messages.js';
import type { MailMessage } from '../mail';
import { escapeHtml } from '../mail/compose';

/** The app page of a listing, or of the conversation a message belongs to. */
export function subjectPath(subject: string | undefined): string | undefined {
	if (!subject) return undefined;
	const key = subject.slice(subject.indexOf(':') + 1);
	if (subject.startsWith('listing:')) return `/annonces/${key}`;
	if (subject.startsWith('message:')) return `/conversations/${key.split('~').slice(0, 2).join('~')}`;
	return undefined;
}

export function noticeMail(
	notice: Notice,
	to: string[],
	publicUrl?: string,
	locale: MailLocale = 'fr',
): MailMessage {
	const options = { locale };
	const path = subjectPath(notice.subject);
	const link = publicUrl && path ? `${publicUrl}${path}` : undefined;
	const footer = [m.mail_notice_signature({}, options), m.mail_notice_why({}, options)];
	const paragraphs = [
		m.mail_notice_greeting({}, options),
		notice.title,
		...notice.text.split('\n').filter(Boolean),
	];
	const text = [
		...paragraphs,
		...(link ? [m.mail_notice_link_at({ url: link }, options)] : []),
		footer.join('\n'),
	].join('\n\n');
	const html = [
		...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
		...(link
			? [`<p><a href="${escapeHtml(link)}">${escapeHtml(m.mail_notice_link({}, options))}</a></p>`]
			: []),
		`<p style="color:#555">${footer.map(escapeHtml).join('<br>')}</p>`,
	].join('\n');
	return { to: to.join(', '), subject: notice.title, text, html };
}
