// The e-mails of the password reset and the account page, in the account's language: the reset
// link, the new address's confirmation link, the notice to the address left behind.
import { m } from '../i18n/messages.js';
import type { MailMessage } from '../mail';
import { composeMail } from '../mail/compose';
import type { MailLocale } from './accounts';

/** The page a reset link opens; the token follows in the fragment. hA's CLI prints the same. */
export const RESET_PAGE = '/connexion/nouveau-mot-de-passe';
/** The page an e-mail change's link opens. */
export const NEW_EMAIL_PAGE = '/connexion/nouvelle-adresse';

export const RESET_TTL_MS = 30 * 60 * 1000;
export const CHANGE_EMAIL_TTL_MS = 24 * 3600 * 1000;

/** `${PUBLIC_URL}${page}#<token>`: the token in the fragment never reaches a log or a Referer. */
export const linkTo = (base: string, page: string, token: string) =>
	`${base.replace(/\/+$/, '')}${page}#${token}`;

export function resetMail(to: string, name: string, url: string, locale: MailLocale): MailMessage {
	const o = { locale };
	return composeMail({
		to,
		subject: m.access_mail_reset_subject({}, o),
		greeting: m.access_mail_greeting({ name }, o),
		paragraphs: [m.access_mail_reset_text({}, o)],
		action: { label: m.access_mail_reset_action({}, o), url },
		after: [m.access_mail_reset_after({}, o)],
		signature: m.access_mail_signature({}, o),
	});
}

export function confirmEmailMail(to: string, name: string, url: string, locale: MailLocale): MailMessage {
	const o = { locale };
	return composeMail({
		to,
		subject: m.access_mail_email_subject({}, o),
		greeting: m.access_mail_greeting({ name }, o),
		paragraphs: [m.access_mail_email_text({ email: to }, o)],
		action: { label: m.access_mail_email_action({}, o), url },
		after: [m.access_mail_email_after({}, o)],
		signature: m.access_mail_signature({}, o),
	});
}

export function emailMovedMail(to: string, name: string, newEmail: string, locale: MailLocale): MailMessage {
	const o = { locale };
	return composeMail({
		to,
		subject: m.access_mail_moved_subject({}, o),
		greeting: m.access_mail_greeting({ name }, o),
		paragraphs: [m.access_mail_moved_text({ email: newEmail }, o), m.access_mail_moved_after({}, o)],
		signature: m.access_mail_signature({}, o),
	});
}
