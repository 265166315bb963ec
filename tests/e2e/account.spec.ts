// The account's own pages on a 390 px phone: « Mot de passe oublié ? » with the e-mail read from the
// outbox, and the account page's list of signed-in devices with « déconnecter ». Each scene runs on
// a server of its own holding a fresh account (account-server.ts): the demo accounts' passwords and
// sessions, which the other tests' saved devices rely on, are never touched.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { type AccountServer, startAccountServer } from './account-server';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PERSON = {
	email: 'sacha@atelier-velo.example.org',
	password: 'vieux-mot-de-passe-71',
	name: 'Sacha Leroy',
};
const NEW_PASSWORD = 'girafe-piano-brumeux-47';

let server: AccountServer;
test.beforeEach(async () => {
	server = await startAccountServer(PERSON);
});
test.afterEach(async () => {
	await server?.close();
});

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ ...PHONE, baseURL: server.url });
	return context.newPage();
}

async function signIn(page: Page, password = PERSON.password) {
	await page.goto('/connexion');
	await page.getByLabel('Adresse e-mail').fill(PERSON.email);
	await page.getByLabel('Mot de passe').fill(password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible({ timeout: 30_000 });
}

test('a forgotten password: the link of the e-mail sets a new one, once, and signs the phone in', async ({
	browser,
}) => {
	const page = await phone(browser);
	await page.goto('/connexion');
	await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié ?' })).toBeVisible();
	await page.getByLabel('Adresse e-mail').fill(PERSON.email);
	await page.getByRole('button', { name: 'Recevoir le lien' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Si un compte existe pour cette adresse' }),
	).toBeVisible();

	await expect.poll(() => server.mails().length).toBe(1);
	const [mail] = server.mails();
	expect(mail.to).toContain(PERSON.email);
	expect(mail.subject).toBe('Choisir un nouveau mot de passe elBasar');
	const link = /https?:\/\/\S+\/connexion\/nouveau-mot-de-passe#[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
	expect(link, mail.text).toBeTruthy();

	await page.goto(link!);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }),
	).toBeVisible();
	// A weak password: the server's French reason, and the link still holds.
	await page.getByLabel('Nouveau mot de passe').fill('azertyuiop');
	await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'Mot de passe trop facile à deviner' }),
	).toBeVisible();
	await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'votre nouveau mot de passe est enregistré' }),
	).toBeVisible();
	// The token left the address bar; the phone is signed in.
	expect(new URL(page.url()).hash).toBe('');
	await page.getByRole('link', { name: 'Aller à mon espace' }).click();
	await expect(page.getByText(PERSON.email)).toBeVisible();

	// The same link again, on another phone: refused plainly, with the way to ask again.
	const other = await phone(browser);
	await other.goto(link!);
	await other.getByLabel('Nouveau mot de passe').fill('encore-un-autre-essai-58');
	await other.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
	await expect(other.getByRole('alert').filter({ hasText: 'Ce lien a déjà servi' })).toBeVisible();
	await expect(other.getByRole('link', { name: 'Demander un nouveau lien' })).toBeVisible();
	// The old password no longer opens the account; the new one does.
	await other.goto('/connexion');
	await other.getByLabel('Adresse e-mail').fill(PERSON.email);
	await other.getByLabel('Mot de passe').fill(PERSON.password);
	await other.getByRole('button', { name: 'Se connecter' }).click();
	await expect(
		other.getByRole('alert').filter({ hasText: 'E-mail ou mot de passe incorrect.' }),
	).toBeVisible();
	await signIn(other, NEW_PASSWORD);
});

test('the account page lists the signed-in devices; « déconnecter » ends one from the other', async ({
	browser,
}) => {
	const first = await phone(browser);
	await signIn(first);
	const second = await phone(browser);
	await signIn(second);

	await first.getByRole('link', { name: /^Mon compte/ }).click();
	await expect(first.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
	const devices = first.getByRole('region', { name: 'Appareils connectés' }).getByRole('listitem');
	await expect(devices).toHaveCount(2);
	await expect(devices.filter({ hasText: 'Cet appareil' })).toHaveCount(1);
	await expect(devices.first()).toContainText('Chrome');
	await expect(first.getByRole('link', { name: 'Mes données : télécharger ou supprimer' })).toHaveAttribute(
		'href',
		'/espace/compte/donnees',
	);

	await devices
		.filter({ hasNotText: 'Cet appareil' })
		.getByRole('button', { name: /^Déconnecter/ })
		.click();
	await expect(first.getByRole('status').filter({ hasText: 'Appareil déconnecté.' })).toBeVisible();
	await expect(devices).toHaveCount(1);
	await expect(first.getByText('Aucun autre appareil n’est connecté à votre compte.')).toBeVisible();

	// The ended phone is signed out at its next request.
	await second.goto('/espace/compte');
	await expect(second.getByText('Connectez-vous pour voir et modifier votre compte.')).toBeVisible();
	await expect(
		second
			.getByRole('navigation', { name: 'Navigation principale' })
			.getByRole('link', { name: 'Connexion' }),
	).toBeVisible();
	// The first one is still signed in.
	await first.reload();
	await expect(devices).toHaveCount(1);
});
