// The mailer holds a real SMTP conversation with an SMTP server on loopback, and without SMTP_URL
// files each message in the outbox instead of pretending it went out.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { createMailer } from '../../server/mail';
import { parseMail, startSmtp } from './smtp';

const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-mail-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the mailer', () => {
	it('sends through SMTP: envelope, headers and both text and HTML bodies arrive', async () => {
		const smtp = await startSmtp();
		const config = loadConfig({
			DATA_DIR: dataDir,
			SMTP_URL: smtp.url,
			MAIL_FROM: 'elBasar <reseau@apes.test>',
		});
		const mailer = createMailer(config.mail);
		try {
			await mailer.send({
				to: 'lea@la-pioche.test, marc@le-relais.test',
				subject: 'Votre annonce « Prêt d’une remorque » expire bientôt',
				text: 'Bonjour,\nVotre annonce expire dans 3 jours.',
				html: '<p>Bonjour,</p><p>Votre annonce expire dans 3 jours.</p>',
			});
			expect(smtp.messages).toHaveLength(1);
			const [mail] = smtp.messages;
			expect(mail.from).toBe('reseau@apes.test');
			expect(mail.to).toEqual(['lea@la-pioche.test', 'marc@le-relais.test']);
			expect(mail.parsed.subject).toBe('Votre annonce « Prêt d’une remorque » expire bientôt');
			expect(mail.parsed.text).toContain('Votre annonce expire dans 3 jours.');
			expect(mail.parsed.html).toContain('<p>Bonjour,</p>');
		} finally {
			mailer.close();
			await smtp.close();
		}
	});

	it('rejects when the SMTP server refuses the recipient, so the caller can try again later', async () => {
		const smtp = await startSmtp({ refuse: /@refuse\.test$/ });
		const mailer = createMailer(loadConfig({ DATA_DIR: dataDir, SMTP_URL: smtp.url }).mail);
		try {
			await expect(mailer.send({ to: 'x@refuse.test', subject: 'Test', text: 'Test' })).rejects.toThrow();
			expect(smtp.messages).toHaveLength(0);
		} finally {
			mailer.close();
			await smtp.close();
		}
	});

	it('without SMTP_URL, writes each message as an .eml file in DATA_DIR/outbox', async () => {
		const config = loadConfig({ DATA_DIR: dataDir });
		expect(config.mail.smtpUrl).toBeUndefined();
		const mailer = createMailer(config.mail);
		await mailer.send({
			to: 'lea@la-pioche.test',
			subject: 'Avertissement',
			text: 'Une annonce a été masquée.',
		});
		await mailer.send({ to: 'marc@le-relais.test', subject: 'Rappel', text: 'Deuxième message.' });
		mailer.close();
		const files = readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
		expect(files).toHaveLength(2);
		const mails = files.map((f) => parseMail(readFileSync(join(dataDir, 'outbox', f), 'utf8')));
		const warning = mails.find((m) => m.subject === 'Avertissement');
		expect(warning?.headers.to).toBe('lea@la-pioche.test');
		expect(warning?.headers.from).toBe('elBasar <ne-pas-repondre@elbasar.invalid>');
		expect(warning?.text).toContain('Une annonce a été masquée.');
		expect(mails.map((m) => m.subject).sort()).toEqual(['Avertissement', 'Rappel']);
	});

	it('refuses an SMTP_URL that is not smtp(s):// without echoing it', () => {
		expect(() => loadConfig({ SMTP_URL: 'http://user:secret@mail.test' })).toThrow(/SMTP_URL : doit/);
		expect(() => loadConfig({ SMTP_URL: 'http://user:secret@mail.test' })).not.toThrow(/secret/);
	});
});
