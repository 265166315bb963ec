// E-mail from the server (expiry reminders, moderation warnings, saved-search digests): through
// SMTP when SMTP_URL is set, otherwise into an outbox folder (DATA_DIR/outbox, one .eml file per
// message) so nothing is pretended sent and an operator can read what would have gone out.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';

export interface MailMessage {
	/** One address, or several separated by commas. */
	to: string;
	subject: string;
	text: string;
	html?: string;
}

export interface Mailer {
	/** Resolves once the SMTP server accepted the message (or the outbox file is written); rejects otherwise. */
	send(msg: MailMessage): Promise<void>;
	close(): void;
	/** Where messages go, said for the start log ("SMTP mail.example.org" or the outbox path). */
	readonly target: string;
}

export function createMailer(config: MailConfig): Mailer {
	return config.smtpUrl
		? smtpMailer(config.smtpUrl, config.from)
		: outboxMailer(config.outboxDir, config.from);
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
	const transport = nodemailer.createTransport(smtpUrl);
	return {
		target: `SMTP ${new URL(smtpUrl).host}`,
		async send(msg) {
			await transport.sendMail({ from, ...msg });
		},
		close: () => transport.close(),
	};
}

/** Builds the real message (headers, MIME parts) without sending it, and files it. */
function outboxMailer(dir: string, from: string): Mailer {
	const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		target: `boîte d’envoi ${dir}`,
		async send(msg) {
			const info = await transport.sendMail({ from, ...msg });
			await mkdir(dir, { recursive: true });
			const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
			await writeFile(join(dir, name), new Uint8Array(info.message as Buffer));
		},
		close: () => transport.close(),
	};
}
