// The whole invitation on a phone (390 px): the animator invites a person from the structure's page,
// the e-mail is read from the server's outbox (.eml files in DATA_DIR/outbox: the e2e server sends
// no SMTP), the invitee opens its link, is told who invites, sets a password, lands signed in on
// « Mon espace » and sees their structure; the same link again says, in French, that it was used.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseMail } from '../server/smtp';
import { ANIMATOR, resume, SYNC_TIMEOUT, savedDevice } from './helpers';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** The invitation mail sent to `to`, from the outbox of whichever e2e server wrote it (unique address). */
function invitationMail(to: string) {
	for (const dir of readdirSync(tmpdir()).filter((d) => d.startsWith('elbasar-e2e-'))) {
		const outbox = join(tmpdir(), dir, 'outbox');
		let files: string[] = [];
		try {
			files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
		} catch {
			continue;
		}
		for (const file of files) {
			const mail = parseMail(readFileSync(join(outbox, file), 'utf8'));
			if (mail.headers.to === to) return mail;
		}
	}
	return null;
}

test.use({ storageState: savedDevice(ANIMATOR), ...PHONE });

test('the animator invites someone from the structure page; the invitee sets a password and lands in their space', async ({
	page,
	browser,
}) => {
	const email = `camille-${randomUUID().slice(0, 8)}@la-pioche.example.org`;
	await resume(page, ANIMATOR);
	await page.goto('/annuaire/la-pioche');
	const accounts = page.getByRole('region', { name: 'Les comptes de la structure' });
	await expect(accounts).toBeVisible({ timeout: SYNC_TIMEOUT });
	await accounts.getByLabel('Nom et prénom').fill('Camille Invitée');
	await accounts.getByLabel('E-mail').fill(email);
	await accounts.getByRole('button', { name: 'Envoyer l’invitation' }).click();
	await expect(accounts.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
	const row = accounts.getByRole('listitem').filter({ hasText: email });
	await expect(row.getByText('invité·e')).toBeVisible();

	await expect
		.poll(() => invitationMail(email)?.subject ?? null)
		.toBe('Invitation à rejoindre La Pioche sur elBasar');
	const mail = invitationMail(email);
	const link = mail?.text.match(/https?:\/\/\S+\/invitation#[A-Za-z0-9_-]+/)?.[0] as string;
	expect(link).toBeTruthy();
	const path = new URL(link).pathname + new URL(link).hash;

	// The invitee's own phone, never signed in.
	const context = await browser.newContext({ ...PHONE, storageState: savedDevice() });
	const phone = await context.newPage();
	await phone.goto(path);
	await expect(phone.getByText('vous invite à rejoindre La Pioche sur elBasar.')).toBeVisible();
	await expect(phone.getByText(`Votre compte : ${email}`)).toBeVisible();
	await phone.getByLabel('Mot de passe', { exact: true }).fill('court');
	await phone.getByLabel('Le même mot de passe, encore une fois').fill('court');
	await phone.getByRole('button', { name: 'Enregistrer mon mot de passe et entrer' }).click();
	await expect(phone.getByRole('alert')).toContainText('Mot de passe trop court');

	await phone.getByLabel('Mot de passe', { exact: true }).fill('Cabane-horizon-lilas-47');
	await phone.getByLabel('Le même mot de passe, encore une fois').fill('Cabane-horizon-lilas-47');
	await phone.getByRole('button', { name: 'Enregistrer mon mot de passe et entrer' }).click();
	await expect(phone.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible({ timeout: 30_000 });
	await expect(phone.getByText(email)).toBeVisible();
	const mine = phone.getByRole('region', { name: 'Ma structure' });
	await expect(mine.getByRole('link', { name: 'La Pioche' })).toBeVisible({ timeout: SYNC_TIMEOUT });

	// The animator sees the account active.
	await page.reload();
	await expect(
		page
			.getByRole('region', { name: 'Les comptes de la structure' })
			.getByRole('listitem')
			.filter({ hasText: email })
			.getByText('actif'),
	).toBeVisible();

	// The same link again, on another phone: refused in French, nothing changed.
	const other = await browser.newContext({ ...PHONE, storageState: savedDevice() });
	const again = await other.newPage();
	await again.goto(path);
	await expect(again.getByRole('heading', { name: 'Ce lien ne fonctionne pas' })).toBeVisible();
	await expect(
		again.getByText('Ce lien a déjà servi : il ne vaut qu’une fois.', { exact: false }),
	).toBeVisible();
	await context.close();
	await other.close();
});
