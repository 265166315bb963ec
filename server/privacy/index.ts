// RGPD routes (/api/privacy/…): a person downloads their data (a ZIP built in the background,
// announced by e-mail with a link valid 7 days) or deletes their account; the animator erases a
// person on request and reads the log of erasures (who, when, why — never the data).
//
// - POST /api/privacy/export: starts an archive (202); GET /api/privacy/export: its state.
// - GET /api/privacy/export/mine (signed in) and GET /api/privacy/export/<token> (the mail's link:
//   a download must work from a mail client, so the token is in the path here): the ZIP, no-store.
// - POST /api/privacy/erase {password}: deletes one's own account.
// - GET /api/privacy/accounts (accounts and directory entries), POST /api/privacy/erase-account
//   {subject: account:… or person:…, reason},
//   GET /api/privacy/erasures: the animator's (403 for anyone else).
/// <reference types="pouchdb-core" />
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { Viewer } from '../../src/lib/domain';
import { type Account, accountLocale, findAccount, verifyCredentials } from '../auth/accounts';
import { SESSION_COOKIE } from '../auth/sessions';
import { issueToken, readToken, revokeTokens, type TokenDoc, tokensOf } from '../auth/tokens';
import type { ViewerEnv } from '../auth/viewer';
import { readJson } from '../couch/body';
import type { Couch } from '../couch/context';
import { HttpError } from '../errors';
import { m } from '../i18n/messages.js';
import type { Mailer } from '../mail';
import { composeMail } from '../mail/compose';
import { buildArchive } from './archive';
import { eraseAccount, erasePerson, erasureLog } from './erase';
import { subjectOf, whoOfAccount } from './subject';

export { FORMER_MEMBER } from '../couch/erased';

export const EXPORT_DAYS = 7;
const EXPORT_MS = EXPORT_DAYS * 24 * 3600_000;

export interface PrivacyOptions {
	couch: Couch;
	accounts: PouchDB.Database;
	mailer: Mailer;
	/** DATA_DIR: archives go to DATA_DIR/exports. */
	dataDir: string;
	publicUrl?: string;
	secureCookies?: boolean;
	now?: () => number;
	warn?: (message: string) => void;
}

export interface Privacy {
	routes: Hono<ViewerEnv>;
	/** Resolves once every archive started so far is built and mailed (or failed). */
	settled(): Promise<void>;
}

type PersonDoc = { _id: string; type?: string; name: string; structure?: string };

export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

const ErasureRequest = v.object({
	subject: v.pipe(
		v.string('compte ou fiche de l’annuaire attendu'),
		v.regex(/^(account|person):./, 'compte ou fiche de l’annuaire attendu'),
	),
	reason: v.pipe(
		v.string('donnez le motif de la demande'),
		v.trim(),
		v.minLength(3, 'donnez le motif de la demande'),
		v.maxLength(500),
	),
});

export function createPrivacy(opts: PrivacyOptions): Privacy {
	const { couch, accounts } = opts;
	const now = opts.now ?? Date.now;
	const dir = exportsDir(opts.dataDir);
	const pending = new Map<string, Promise<void>>();

	async function signedIn(c: Context<ViewerEnv>): Promise<Account> {
		const id = c.get('viewer').accountId;
		const account = id ? await findAccount(accounts, id) : null;
		if (!account) throw new HttpError(401, 'unauthorized', 'Connectez-vous pour gérer vos données.');
		return account;
	}

	function staffOnly(viewer: Viewer): void {
		if (viewer.role !== 'animator')
			throw new HttpError(
				403,
				'forbidden',
				'Seule l’équipe du réseau efface les données d’une autre personne.',
			);
	}

	async function build(account: Account): Promise<void> {
		const at = now();
		const subject = await subjectOf(couch.db, whoOfAccount(account));
		const zip = await buildArchive(couch.db, account, subject, new Date(at));
		const file = `${randomBytes(16).toString('hex')}.zip`;
		await mkdir(dir, { recursive: true });
		await writeFile(join(dir, file), zip);
		// One archive at a time: the previous link stops working, its file is swept.
		await revokeTokens(accounts, account._id, 'export', at);
		const token = await issueToken(accounts, {
			purpose: 'export',
			account: account._id,
			data: { file },
			ttlMs: EXPORT_MS,
			now: at,
		});
		const base = opts.publicUrl ?? '';
		const locale = { locale: accountLocale(account) };
		await opts.mailer.send(
			composeMail({
				to: account.email,
				subject: m.privacy_mail_subject({}, locale),
				greeting: m.privacy_mail_greeting({ name: account.name }, locale),
				paragraphs: [m.privacy_mail_ready({}, locale)],
				action: { label: m.privacy_mail_action({}, locale), url: `${base}/api/privacy/export/${token}` },
				after: [m.privacy_mail_valid({}, locale)],
				signature: m.privacy_mail_signature({}, locale),
			}),
		);
	}

	async function latest(account: string): Promise<TokenDoc | undefined> {
		const at = now();
		return (await tokensOf(accounts, account))
			.filter((t) => t.purpose === 'export' && !t.revokedAt && Date.parse(t.expiresAt) > at)
			.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
	}

	async function download(c: Context, file: unknown): Promise<Response> {
		if (typeof file !== 'string' || !/^[0-9a-f]{32}\.zip$/.test(file))
			throw new HttpError(404, 'not_found', 'Archive introuvable : demandez-en une nouvelle.');
		const data = await readFile(join(dir, file)).catch(() => {
			throw new HttpError(410, 'gone', 'Cette archive n’existe plus : demandez-en une nouvelle.');
		});
		return c.body(new Uint8Array(data), 200, {
			'content-type': 'application/zip',
			'content-disposition': 'attachment; filename="mes-donnees-elbasar.zip"',
			'cache-control': 'no-store',
		});
	}

	async function removeFiles(files: string[]): Promise<void> {
		for (const f of files) if (/^[0-9a-f]{32}\.zip$/.test(f)) await rm(join(dir, f), { force: true });
	}

	const routes = new Hono<ViewerEnv>();
	routes.post('/privacy/export', async (c) => {
		const account = await signedIn(c);
		if (!pending.has(account._id)) {
			const job = build(account)
				.catch((err) => (opts.warn ?? console.warn)(`Export RGPD en échec : ${(err as Error).message}`))
				.finally(() => pending.delete(account._id));
			pending.set(account._id, job);
		}
		return c.json({ status: 'pending' }, 202);
	});
	routes.get('/privacy/export', async (c) => {
		const account = await signedIn(c);
		c.header('cache-control', 'no-store');
		if (pending.has(account._id)) return c.json({ status: 'pending' });
		const token = await latest(account._id);
		return c.json(token ? { status: 'ready', expiresAt: token.expiresAt } : { status: 'none' });
	});
	routes.get('/privacy/export/mine', async (c) => {
		const account = await signedIn(c);
		const token = await latest(account._id);
		if (!token) throw new HttpError(404, 'not_found', 'Aucune archive prête : demandez-en une.');
		return download(c, token.data.file);
	});
	routes.get('/privacy/export/:token', async (c) => {
		const token = await readToken(accounts, { token: c.req.param('token'), purpose: 'export', now: now() });
		return download(c, token.data.file);
	});

	routes.post('/privacy/erase', async (c) => {
		const account = await signedIn(c);
		const body = (await readJson(c)) as { password?: unknown } | null;
		const password = typeof body?.password === 'string' ? body.password : '';
		if (!(await verifyCredentials(accounts, account.email, password)))
			throw new HttpError(403, 'forbidden', 'Mot de passe incorrect : votre compte n’est pas supprimé.');
		const done = await eraseAccount(couch, accounts, account, {
			by: 'self',
			reason: 'demande de la personne (espace personnel)',
			now: new Date(now()),
		});
		await removeFiles(done.files);
		deleteCookie(c, SESSION_COOKIE, { path: '/', secure: opts.secureCookies ?? false });
		return c.json({ ok: true, deleted: done.deleted, anonymised: done.anonymised });
	});

	routes.get('/privacy/accounts', async (c) => {
		staffOnly(c.get('viewer'));
		const { rows } = await accounts.allDocs({
			startkey: 'account:',
			endkey: 'account:\uffff',
			include_docs: true,
		});
		const people = await couch.db.allDocs({
			startkey: 'person:',
			endkey: 'person:\uffff',
			include_docs: true,
		});
		const list = [
			...rows
				.map((r) => r.doc as unknown as Account)
				.map(({ _id, name, email, structureId }) => ({ id: _id, kind: 'account', name, email, structureId })),
			...people.rows
				.map((r) => r.doc as unknown as { _id: string; name: string; structure?: string })
				.map(({ _id, name, structure }) => ({ id: _id, kind: 'person', name, structureId: structure })),
		].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
		return c.json(list);
	});
	routes.post('/privacy/erase-account', async (c) => {
		const viewer = c.get('viewer');
		staffOnly(viewer);
		const parsed = v.safeParse(ErasureRequest, await readJson(c));
		if (!parsed.success)
			throw new HttpError(400, 'bad_request', `Demande d’effacement : ${parsed.issues[0].message}.`);
		const { subject: id, reason } = parsed.output;
		if (id === viewer.accountId)
			throw new HttpError(400, 'bad_request', 'Votre propre compte se supprime depuis « Mes données ».');
		const how = { by: viewer.accountId ?? 'staff', reason, now: new Date(now()) };
		let done: { deleted: number; anonymised: number; files: string[] };
		if (id.startsWith('person:')) {
			const person = (await couch.db.get(id).catch(() => null)) as PersonDoc | null;
			if (person?.type !== 'person' || typeof person.name !== 'string')
				throw new HttpError(404, 'not_found', 'Fiche inconnue de l’annuaire (déjà effacée ?).');
			done = await erasePerson(couch, accounts, person, how);
		} else {
			const account = await findAccount(accounts, id);
			if (!account) throw new HttpError(404, 'not_found', 'Compte inconnu (déjà effacé ?).');
			done = await eraseAccount(couch, accounts, account, how);
		}
		await removeFiles(done.files);
		return c.json({ ok: true, deleted: done.deleted, anonymised: done.anonymised });
	});
	routes.get('/privacy/erasures', async (c) => {
		staffOnly(c.get('viewer'));
		return c.json(await erasureLog(accounts));
	});

	return {
		routes,
		settled: async () => {
			await Promise.all([...pending.values()]);
		},
	};
}

/** The periodic job: archives whose link expired (or was replaced) are deleted from DATA_DIR/exports. */
export async function sweepExports(
	accounts: PouchDB.Database,
	dataDir: string,
	at = Date.now(),
): Promise<number> {
	const dir = exportsDir(dataDir);
	const files = await readdir(dir).catch(() => [] as string[]);
	if (files.length === 0) return 0;
	const { rows } = await accounts.allDocs({ startkey: 'token:', endkey: 'token:\uffff', include_docs: true });
	const live = new Set(
		rows
			.map((r) => r.doc as unknown as TokenDoc)
			.filter((t) => t.purpose === 'export' && !t.revokedAt && Date.parse(t.expiresAt) > at)
			.map((t) => t.data.file),
	);
	let removed = 0;
	for (const f of files) {
		// A file younger than an hour may be an archive whose link is being issued right now.
		const young = at - (await stat(join(dir, f)).catch(() => ({ mtimeMs: 0 }))).mtimeMs < 3600_000;
		if (f.endsWith('.zip') && !live.has(f) && !young) {
			await rm(join(dir, f), { force: true });
			removed++;
		}
	}
	return removed;
}
