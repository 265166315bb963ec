// One shape for the account e-mails (invitation, reset, e-mail check, export ready…): a greeting,
// paragraphs, one button-like link, a signature. Plain text and HTML say the same, the link is
// absolute (PUBLIC_URL) and shown in full in the text part, so it works in any mail client.
import type { MailMessage } from './index';

export const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
	);

export interface MailContent {
	to: string;
	subject: string;
	greeting: string;
	paragraphs: string[];
	/** The one thing to do, as a link. */
	action?: { label: string; url: string };
	/** Said after the link: how long it holds, what to do if this was not asked for. */
	after?: string[];
	signature: string;
}

export function composeMail({
	to,
	subject,
	greeting,
	paragraphs,
	action,
	after = [],
	signature,
}: MailContent): MailMessage {
	const text = [
		greeting,
		...paragraphs,
		...(action ? [`${action.label} :\n${action.url}`] : []),
		...after,
		signature,
	].join('\n\n');
	const html = [
		`<p>${escapeHtml(greeting)}</p>`,
		...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
		...(action
			? [
					`<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 16px;background:#1f5f3f;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(action.label)}</a></p>`,
					`<p style="color:#555;font-size:90%">${escapeHtml(action.url)}</p>`,
				]
			: []),
		...after.map((p) => `<p>${escapeHtml(p)}</p>`),
		`<p style="color:#555">${escapeHtml(signature)}</p>`,
	].join('\n');
	return { to, subject, text, html };
}
