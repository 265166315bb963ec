// A non-member structure signs up on a phone, confirms its address from the mail (read in the
// server's outbox), and the animator accepts it from the queue: it is then in the directory.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseMail } from '../server/smtp';
import { ANIMATOR, deviceOf, SYNC_TIMEOUT } from './helpers';

const PHONE = { width: 390, height: 844 };

/** The text of the mail to `to` in an e2e server's outbox (DATA_DIR is a fresh elbasar-e2e-* folder). */
function outboxMailTo(to: string): string | null {
	for (const dir of readdirSync(tmpdir()).filter((d) => d.startsWith('elbasar-e2e-'))) {
		const outbox = join(tmpdir(), dir, 'outbox');
		let files: string[];
		try {
			files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
		} catch {
			continue;
		}
		for (const file of files) {
			const raw = readFileSync(join(outbox, file), 'utf8');
			if (raw.includes(to)) return parseMail(raw).text;
		}
	}
	return null;
}

test.use({ viewport: PHONE });

test('a structure signs up, confirms its address from the mail, and the animator accepts it into the directory', async ({
	page,
	browser,
}) => {
	const run = Date.now().toString(36);
	const name = `Atelier Vélo Solidaire ${run}`;
	const email = `contact-${run}@atelier-velo.example.org`;

	await page.goto('/inscription');
	await expect(page.getByRole('heading', { level: 1, name: 'Inscrire ma structure' })).toBeVisible();
	await page.getByLabel('Nom de la structure').fill(name);
	await page.getByLabel('SIRET ou numéro RNA').fill('7328293200007');
	await page.getByRole('button', { name: 'Envoyer la demande' }).click();
	await expect(
		page.getByText('Un SIRET compte 14 chiffres, un numéro RNA s’écrit W suivi de 9 chiffres.'),
	).toBeVisible();
	await page.getByLabel('SIRET ou numéro RNA').fill('732 829 320 00074');
	await page.getByLabel('Forme juridique').selectOption({ label: 'Association' });
	await page.getByLabel('Secteur d’activité principal').selectOption({ index: 1 });
	await page.getByLabel('Effectif').selectOption({ label: '2 à 10 salariés' });
	await page.getByRole('combobox', { name: /Commune du siège/ }).fill('Arras');
	await page
		.getByRole('option', { name: /^Arras/ })
		.first()
		.click();
	await page.getByLabel('Prénom et nom').fill('Camille Lefebvre');
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe').fill('guidon sonnette brocante 62');
	await page.getByLabel(/J’ai lu et j’accepte/).check();
	await page.getByRole('button', { name: 'Envoyer la demande' }).click();
	await expect(page.getByRole('heading', { name: 'Vérifiez votre boîte mail' })).toBeVisible();

	let text: string | null = null;
	await expect.poll(() => (text = outboxMailTo(email))).not.toBeNull();
	const link = /(http\S+\/inscription\/confirmer#[A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];
	expect(link).toBeTruthy();
	await page.goto(link as string);
	await expect(page.getByText(`La demande de « ${name} » est transmise`)).toBeVisible();
	// The token does not stay in the address bar.
	expect(new URL(page.url()).hash).toBe('');

	const animator = await deviceOf(browser, ANIMATOR, { viewport: PHONE });
	await animator.goto('/animation');
	await animator.getByRole('link', { name: 'Inscriptions' }).click();
	await expect(animator.getByRole('heading', { level: 1, name: 'Inscriptions en attente' })).toBeVisible();
	const card = animator.getByRole('article', { name });
	await expect(card).toContainText('SIRET 73282932000074');
	await expect(card).toContainText(`Contact : Camille Lefebvre, ${email}`);
	await card.getByRole('button', { name: 'Accepter' }).click();
	await expect(animator.getByText(`« ${name} » est acceptée : sa fiche est dans l’annuaire.`)).toBeVisible();

	await animator.goto(`/annuaire/atelier-velo-solidaire-${run}`);
	await expect(animator.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: SYNC_TIMEOUT });
});
