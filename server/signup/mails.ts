// The mails of a sign-up, in the applicant's language: the address check, the note to the owner of
// an address that already has an account, and the animator's answer (accepted, refused, attached).
import type { MailLocale } from '../auth/accounts';
import { m } from '../i18n/messages.js';
import { composeMail } from '../mail/compose';
import type { MailMessage } from '../mail/index';

interface To {
	email: string;
	name: string;
	locale: MailLocale;
}

const frame = (to: To) => {
	const options = { locale: to.locale };
	return {
		options,
		to: to.email,
		greeting: m.signup_mail_greeting({ name: to.name }, options),
		signature: m.signup_mail_signature({}, options),
	};
};

export function verifyMail(to: To, structure: string, url: string): MailMessage {
	const { options, ...base } = frame(to);
	return composeMail({
		...base,
		subject: m.signup_mail_verify_subject({}, options),
		paragraphs: [m.signup_mail_verify_body({ structure }, options)],
		action: { label: m.signup_mail_verify_action({}, options), url },
		after: [m.signup_mail_verify_after({}, options)],
	});
}

export function alreadyMail(to: To, signInUrl: string): MailMessage {
	const { options, ...base } = frame(to);
	return composeMail({
		...base,
		subject: m.signup_mail_already_subject({}, options),
		paragraphs: [m.signup_mail_already_body({}, options)],
		action: { label: m.signup_mail_already_action({}, options), url: signInUrl },
		after: [m.signup_mail_already_after({}, options)],
	});
}

export function acceptedMail(to: To, structure: string, signInUrl: string): MailMessage {
	const { options, ...base } = frame(to);
	return composeMail({
		...base,
		subject: m.signup_mail_accepted_subject({}, options),
		paragraphs: [m.signup_mail_accepted_body({ structure }, options)],
		action: { label: m.signup_mail_already_action({}, options), url: signInUrl },
	});
}

export function attachedMail(to: To, structure: string, signInUrl: string): MailMessage {
	const { options, ...base } = frame(to);
	return composeMail({
		...base,
		subject: m.signup_mail_accepted_subject({}, options),
		paragraphs: [m.signup_mail_attached_body({ structure }, options)],
		action: { label: m.signup_mail_already_action({}, options), url: signInUrl },
	});
}

export function refusedMail(to: To, structure: string, reason: string): MailMessage {
	const { options, ...base } = frame(to);
	return composeMail({
		...base,
		subject: m.signup_mail_refused_subject({}, options),
		paragraphs: [
			m.signup_mail_refused_body({ structure }, options),
			m.signup_mail_refused_reason({ reason }, options),
			m.signup_mail_refused_after({}, options),
		],
	});
}
