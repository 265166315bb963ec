// The two e-mails of an invitation: the link to set a password, and — when the address already has
// an account — a word to its owner that someone tried to invite them (the inviter sees no difference).
import type { MailLocale } from '../auth/accounts';
import { m } from '../i18n/messages.js';
import type { MailMessage } from '../mail';
import { composeMail } from '../mail/compose';

export interface InvitationWords {
	to: string;
	name: string;
	structure: string;
	inviter: string;
	locale: MailLocale;
}

export function invitationMail(words: InvitationWords, url: string): MailMessage {
	const options = { locale: words.locale };
	const { structure, inviter } = words;
	return composeMail({
		to: words.to,
		subject: m.invitations_mail_subject({ structure }, options),
		greeting: m.invitations_mail_greeting({ name: words.name }, options),
		paragraphs: [m.invitations_mail_body({ structure, inviter }, options)],
		action: { label: m.invitations_mail_action({}, options), url },
		after: [m.invitations_mail_after({}, options)],
		signature: m.invitations_mail_signature({}, options),
	});
}

export function alreadyThereMail(words: InvitationWords, signInUrl: string): MailMessage {
	const options = { locale: words.locale };
	const { structure, inviter } = words;
	return composeMail({
		to: words.to,
		subject: m.invitations_existing_subject({}, options),
		greeting: m.invitations_mail_greeting({ name: words.name }, options),
		paragraphs: [m.invitations_existing_body({ structure, inviter }, options)],
		action: { label: m.invitations_existing_action({}, options), url: signInUrl },
		after: [m.invitations_existing_after({}, options)],
		signature: m.invitations_mail_signature({}, options),
	});
}
