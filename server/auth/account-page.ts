// The account page's routes, for the signed-in person only (401 otherwise), JSON, never cached:
// GET /account                          name, e-mail, language, notification preferences
// PUT /account/name {name}
// PUT /account/notifications {digest, newsletter}
// POST /account/email {email, password}  a confirmation link to the NEW address (24 h); the same
//                                        answer when the address is taken (nothing is sent then)
// POST /account/email/confirm {token}    the account moves to it (id unchanged, see LoginDoc in
//                                        accounts.ts); the old address gets a notice. No session needed.
// POST /account/password {current, password}  other sessions ended, this one kept
// GET /account/sessions                 this account's live sessions (device, created, last seen)
// DELETE /account/sessions/:id          ends one; DELETE /account/sessions ends all but this one
// The language stays PUT /account/locale (routes.ts).
/// <reference types="pouchdb-core" />
import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { AccountInfo } from '../../src/lib/domain/account-page';
import { HttpError } from '../errors';
import {
	CHANGE_EMAIL_TTL_MS,
	confirmEmailMail,
	emailMovedMail,
	linkTo,
	NEW_EMAIL_PAGE,
} from './account-mails';
import {
	type Account,
	accountLocale,
	emailFreeFor,
	findAccount,
	moveAccountEmail,
	normaliseEmail,
	notificationsOf,
	passwordMatches,
	setPassword,
	updateAccount,
} from './accounts';
import { passwordProblem } from './password-policy';
import type { ResetDeps } from './reset';
import { readJson } from './routes';
import { closeSessionByHandle, closeSessionsOf, listSessions, SESSION_COOKIE } from './sessions';
import { issueToken, readToken, revokeTokens, useToken } from './tokens';

/** A person's name as typed on the account page or in an invitation. */
export const PersonName = v.pipe(
	v.string('nom attendu'),
	v.trim(),
	v.minLength(1, 'le nom est obligatoire'),
	v.maxLength(120, 'nom trop long (120 caractères au plus)'),
);
const Name = v.object({ name: PersonName });
const Prefs = v.object({
	digest: v.boolean('digest : oui ou non attendu'),
	newsletter: v.boolean('lettre d’information : oui ou non attendu'),
});
const NewEmail = v.object({
	email: v.pipe(
		v.string('e-mail attendu'),
		v.trim(),
		v.toLowerCase(),
		v.maxLength(254, 'adresse e-mail trop longue'),
		v.email('adresse e-mail invalide'),
	),
	password: v.pipe(v.string('mot de passe actuel attendu'), v.maxLength(1024, 'mot de passe trop long')),
});
const TokenOnly = v.object({ token: v.string('lien attendu') });
const NewPassword = v.object({
	current: v.pipe(v.string('mot de passe actuel attendu'), v.maxLength(1024, 'mot de passe trop long')),
	password: v.string('nouveau mot de passe attendu'),
});

/** The answer to an e-mail change, whether the address was free or not. */
export const EMAIL_CHANGE_SENT = (email: string) => ({
	ok: true,
	message: `Un lien de confirmation part vers ${email} s’il peut servir : ouvrez-le dans les 24 heures pour que cette adresse devienne celle du compte.`,
});

const WRONG_CURRENT = 'Mot de passe actuel incorrect.';

function parse<T extends v.GenericSchema>(schema: T, body: unknown, what: string): v.InferOutput<T> {
	const parsed = v.safeParse(schema, body);
	if (!parsed.success) throw new HttpError(400, 'bad_request', `${what} : ${parsed.issues[0].message}.`);
	return parsed.output;
}

const accountView = (a: Account): AccountInfo => ({
	accountId: a._id,
	email: a.email,
	name: a.name,
	locale: accountLocale(a),
	notifications: notificationsOf(a),
});

export function accountRoutes(deps: ResetDeps): Hono {
	const routes = new Hono();
	routes.use('/account', noStore);
	routes.use('/account/*', noStore);

	async function me(c: Context): Promise<Account> {
		const { account } = await deps.callerOf(c);
		if (!account) throw new HttpError(401, 'unauthorized', 'Connectez-vous pour voir votre compte.');
		return account;
	}

	/** The current password, within the sign-in limits (a stolen session cannot guess it freely). */
	async function checkCurrent(c: Context, account: Account, password: string): Promise<void> {
		try {
			await deps.signIn(c, account.email, password);
		} catch (err) {
			if (err instanceof HttpError && err.status === 401)
				throw new HttpError(403, 'wrong_password', WRONG_CURRENT);
			throw err;
		}
	}

	routes.get('/account', async (c) => c.json(accountView(await me(c))));

	routes.put('/account/name', async (c) => {
		const account = await me(c);
		const { name } = parse(Name, await readJson(c, '{name}'), 'Nom');
		return c.json(accountView(await updateAccount(deps.accounts, account._id, (a) => ({ ...a, name }))));
	});

	routes.put('/account/notifications', async (c) => {
		const account = await me(c);
		const notifications = parse(Prefs, await readJson(c, '{digest, newsletter}'), 'Préférences');
		return c.json(
			accountView(await updateAccount(deps.accounts, account._id, (a) => ({ ...a, notifications }))),
		);
	});

	routes.post('/account/email', async (c) => {
		const account = await me(c);
		const { email, password } = parse(NewEmail, await readJson(c, '{email, password}'), 'Nouvelle adresse');
		if (email === normaliseEmail(account.email))
			throw new HttpError(400, 'bad_request', 'C’est déjà l’adresse de votre compte.');
		await checkCurrent(c, account, password);
		// Taken or free, the same answer; only a free address gets a link.
		if (await emailFreeFor(deps.accounts, email, account)) {
			const now = deps.now();
			await revokeTokens(deps.accounts, account._id, 'change-email', now);
			const token = await issueToken(deps.accounts, {
				purpose: 'change-email',
				account: account._id,
				data: { email },
				ttlMs: CHANGE_EMAIL_TTL_MS,
				now,
			});
			const base = deps.publicUrl ?? new URL(c.req.url).origin;
			await deps.mailer?.send(
				confirmEmailMail(email, account.name, linkTo(base, NEW_EMAIL_PAGE, token), accountLocale(account)),
			);
		}
		return c.json(EMAIL_CHANGE_SENT(email));
	});

	routes.post('/account/email/confirm', async (c) => {
		const { token } = parse(TokenOnly, await readJson(c, '{token}'), 'Confirmation');
		const doc = await readToken<{ email?: string }>(deps.accounts, {
			token,
			purpose: 'change-email',
			now: deps.now(),
		});
		const account = await findAccount(deps.accounts, doc.account);
		const email = doc.data.email;
		if (!account || typeof email !== 'string')
			throw new HttpError(410, 'token_revoked', 'Ce compte n’existe plus.');
		// Taken meanwhile by someone else: refused, the link stays unused (and useless).
		if (!(await emailFreeFor(deps.accounts, email, account)))
			throw new HttpError(409, 'conflict', 'Cette adresse est entre-temps devenue celle d’un autre compte.');
		await useToken(deps.accounts, { token, purpose: 'change-email', now: deps.now() });
		const moved = await moveAccountEmail(deps.accounts, account._id, email);
		deps.forgetCredentials();
		try {
			await deps.mailer?.send(
				emailMovedMail(account.email, account.name, moved.email, accountLocale(account)),
			);
		} catch (err) {
			deps.warn(`Changement d’adresse : avis à l’ancienne adresse impossible (${(err as Error).message})`);
		}
		return c.json({ ok: true, email: moved.email });
	});

	routes.post('/account/password', async (c) => {
		const account = await me(c);
		const { current, password } = parse(
			NewPassword,
			await readJson(c, '{current, password}'),
			'Mot de passe',
		);
		await checkCurrent(c, account, current);
		const problem = passwordProblem(password, [account.name, account.email]);
		if (problem) throw new HttpError(400, 'weak_password', problem);
		if (await passwordMatches(account, password))
			throw new HttpError(400, 'weak_password', 'Le nouveau mot de passe doit différer de l’actuel.');
		await setPassword(deps.accounts, account._id, password);
		const ended = await closeSessionsOf(deps.accounts, account._id, getCookie(c, SESSION_COOKIE), deps.now());
		await revokeTokens(deps.accounts, account._id, 'reset', deps.now());
		deps.forgetCredentials();
		return c.json({ ok: true, endedSessions: ended });
	});

	routes.get('/account/sessions', async (c) => {
		const account = await me(c);
		return c.json({
			sessions: await listSessions(deps.accounts, account._id, getCookie(c, SESSION_COOKIE), deps.now()),
		});
	});

	routes.delete('/account/sessions/:id', async (c) => {
		const account = await me(c);
		const handle = c.req.param('id');
		if (!(await closeSessionByHandle(deps.accounts, account._id, handle.slice(0, 64), deps.now())))
			throw new HttpError(404, 'not_found', 'Cette session est déjà terminée.');
		return c.json({ ok: true });
	});

	routes.delete('/account/sessions', async (c) => {
		const account = await me(c);
		const ended = await closeSessionsOf(deps.accounts, account._id, getCookie(c, SESSION_COOKIE), deps.now());
		return c.json({ ok: true, endedSessions: ended });
	});
	return routes;
}

async function noStore(c: Context, next: () => Promise<void>) {
	await next();
	c.header('Cache-Control', 'no-store');
}
