// The e-mail that carries a notice: its title as subject, its text, a link to what it is about.
import type { Notice } from '../../src/lib/domain';
import type { MailMessage } from '../mail';

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
	);

/** The app page of a listing, or of the conversation a message belongs to. */
export function subjectPath(subject: string | undefined): string | undefined {
	if (!subject) return undefined;
	const key = subject.slice(subject.indexOf(':') + 1);
	if (subject.startsWith('listing:')) return `/annonces/${key}`;
	if (subject.startsWith('message:')) return `/conversations/${key.split('~').slice(0, 2).join('~')}`;
	return undefined;
}

const FOOTER =
	'— elBasar, l’outil d’échange du réseau APES\n' +
	'Vous recevez ce message parce que votre structure est inscrite sur elBasar.';

export function noticeMail(notice: Notice, to: string[], publicUrl?: string): MailMessage {
	const path = subjectPath(notice.subject);
	const link = publicUrl && path ? `${publicUrl}${path}` : undefined;
	const paragraphs = ['Bonjour,', notice.title, ...notice.text.split('\n').filter(Boolean)];
	const text = [...paragraphs, ...(link ? [`Voir sur elBasar : ${link}`] : []), FOOTER].join('\n\n');
	const html = [
		...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
		...(link ? [`<p><a href="${escapeHtml(link)}">Voir sur elBasar</a></p>`] : []),
		`<p style="color:#555">${FOOTER.split('\n').map(escapeHtml).join('<br>')}</p>`,
	].join('\n');
	return { to: to.join(', '), subject: notice.title, text, html };
}
