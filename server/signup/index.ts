// Sign-up of non-member structures, under /api/signup:
//   POST /                 the public form (JSON). Same answer 202 {ok} for a new address, an
//                          address that already has an account (its owner gets a mail) and a filled
//                          honeypot (nothing done); bad input 400 with the French reason; 5 an hour
//                          per network (429).
//   POST /confirm {token}  the link of the mail (purpose 'verify-email', 48 h): the non-member
//                          account is created and the application enters the animator's queue.
//   GET  /applications     the queue (animator only, 403 otherwise).
//   POST /applications/:id/accept | refuse {reason} | attach {structure}
// Until it is confirmed, an application is no account and nothing in the queue; until it is
// accepted, nothing of it is in the shared database.
/// <reference types="pouchdb-core" />
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import {
	docId,
	EMPLOYEE_BANDS,
	LEGAL_FORMS,
	type Membership,
	newKey,
	SCHEMA_VERSION,
	SECTOR_IDS,
	type Structure,
	slugify,
} from '../../src/lib/domain';
import { commune, keys } from '../../src/lib/domain/fields';
import { checkIdentifier, IDENTIFIER_REASONS } from '../../src/lib/domain/identifiers';
import { TERMS_VERSION } from '../../src/lib/domain/terms';
import {
	type Account,
	accountId,
	accountLocale,
	findAccount,
	MAIL_LOCALES,
	ownerIdOfEmail,
} from '../auth/accounts';
import { canonicalAddress, clientAddress, networkOf } from '../auth/client-ip';
import { argon2Hash } from '../auth/hashing';
import { passwordProblem } from '../auth/password-policy';
import { passwordQueue } from '../auth/password-queue';
import { withRetryAfter } from '../auth/retry-later';
import { readJson } from '../auth/routes';
import { issueToken, revokeTokens, useToken } from '../auth/tokens';
import type { ViewerEnv } from '../auth/viewer';
import type { Couch } from '../couch/context';
import { writeDocs } from '../couch/writes';
import { HttpError } from '../errors';
import type { Mailer } from '../mail/index';
import {
	type Application,
	applicationId,
	findApplication,
	pendingApplication,
	pendingApplications,
	saveApplication,
} from './applications';
import { SignupLimiter } from './limit';
import { acceptedMail, alreadyMail, attachedMail, refusedMail, verifyMail } from './mails';

export const VERIFY_TTL_MS = 48 * 3600 * 1000;

export interface SignupOptions {
	accounts: PouchDB.Database;
	couch: Couch;
	mailer: Mailer;
	/** PUBLIC_URL for the links of the mails; else the request's own origin. */
	publicUrl?: string;
	trustedProxies?: readonly string[];
	/** The clock of tokens and limits (tests move it). */
	now?: () => number;
}

const Form = v.object({
	structureName: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'nom de la structure obligatoire'),
		v.maxLength(120, 'nom de la structure : 120 caractères au plus'),
	),
	identifier: v.string('SIRET ou numéro RNA obligatoire'),
	legalForm: v.picklist(keys(LEGAL_FORMS), 'forme juridique à choisir dans la liste'),
	sector: v.picklist(SECTOR_IDS, 'secteur d’activité à choisir dans la liste'),
	employees: v.picklist(EMPLOYEE_BANDS, 'effectif à choisir dans la liste'),
	commune: v.pipe(v.string('commune obligatoire'), commune),
	contactName: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'nom de la personne à contacter obligatoire'),
		v.maxLength(120, 'nom : 120 caractères au plus'),
	),
	email: v.pipe(
		v.string('adresse e-mail obligatoire'),
		v.trim(),
		v.toLowerCase(),
		v.maxLength(254, 'adresse e-mail trop longue'),
		v.email('adresse e-mail invalide'),
	),
	password: v.string('mot de passe obligatoire'),
	consent: v.literal(
		true,
		'l’accord avec les conditions d’utilisation et la politique de confidentialité est nécessaire',
	),
	termsVersion: v.optional(v.string()),
	locale: v.optional(v.picklist(MAIL_LOCALES), 'fr'),
	/** The honeypot: people never see it, so it stays empty. */
	leaveEmpty: v.optional(v.string(), ''),
});

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
	const body = await readJson(c, '{…}');
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new HttpError(400, 'bad_request', 'Corps JSON attendu.');
	return body as Record<string, unknown>;
}

function animatorOnly(c: Context<ViewerEnv>) {
	const viewer = c.get('viewer');
	if (viewer.role !== 'animator')
		throw new HttpError(
			403,
			'forbidden',
			'Les demandes d’inscription sont réservées à l’équipe d’animation.',
		);
	return viewer;
}

export function signupRoutes(opts: SignupOptions): Hono<ViewerEnv> {
	const { accounts, couch, mailer } = opts;
	const now = opts.now ?? Date.now;
	const limiter = new SignupLimiter(now);
	const trusted = new Set((opts.trustedProxies ?? []).map((ip) => canonicalAddress(ip) ?? ip));
	const base = (c: Context) => opts.publicUrl ?? new URL(c.req.url).origin;
	const routes = new Hono<ViewerEnv>();
	const accepted = (c: Context) => c.json({ ok: true }, 202);

	routes.post('/', async (c) => {
		const body = await jsonBody(c);
		const parsed = v.safeParse(Form, body);
		// A bot filled the hidden field: it is told what a person is told, and nothing is done.
		if (typeof body.leaveEmpty === 'string' && body.leaveEmpty.trim() !== '') return accepted(c);
		if (!parsed.success) throw new HttpError(400, 'bad_request', `${capitalised(parsed.issues[0].message)}.`);
		const form = parsed.output;
		const identifier = checkIdentifier(form.identifier);
		if (!identifier.ok) throw new HttpError(400, 'bad_request', IDENTIFIER_REASONS[identifier.problem]);
		const weak = passwordProblem(form.password, [form.contactName, form.email, form.structureName]);
		if (weak) throw new HttpError(400, 'bad_request', weak);
		await withRetryAfter(
			c,
			Promise.resolve().then(() => limiter.take(networkOf(clientAddress(c, trusted)))),
		);

		// Hashed in both cases, one mail in both cases: the answer takes as long either way.
		const passwordHash = await passwordQueue.run(() => argon2Hash(form.password));
		const owner = await ownerIdOfEmail(accounts, form.email);
		const existing = owner ? await findAccount(accounts, owner) : null;
		if (existing) {
			await mailer.send(
				alreadyMail(
					{ email: existing.email, name: existing.name, locale: accountLocale(existing) },
					`${base(c)}/connexion`,
				),
			);
			return accepted(c);
		}
		const at = new Date(now()).toISOString();
		const id = applicationId(form.email);
		const before = await findApplication(accounts, id);
		// An address not yet confirmed may sign up again (a lost mail, a typo): the new form wins.
		if (before && before.status !== 'unverified') {
			// Confirmed, an application has an account: the branch above. Otherwise, the same neutral answer.
			return accepted(c);
		}
		const application: Application = {
			_id: id,
			...(before?._rev ? { _rev: before._rev } : {}),
			type: 'signup',
			status: 'unverified',
			structure: {
				name: form.structureName,
				identifier: identifier.value,
				identifierKind: identifier.kind,
				legalForm: form.legalForm,
				sector: form.sector,
				employees: form.employees,
				commune: form.commune,
			},
			contact: { name: form.contactName, email: form.email },
			passwordHash,
			locale: form.locale,
			consent: { at, version: TERMS_VERSION },
			createdAt: at,
		};
		await saveApplication(accounts, application);
		await revokeTokens(accounts, accountId(form.email), 'verify-email', now());
		const token = await issueToken(accounts, {
			purpose: 'verify-email',
			account: accountId(form.email),
			data: { signup: id },
			ttlMs: VERIFY_TTL_MS,
			now: now(),
		});
		await mailer.send(
			verifyMail(
				{ email: form.email, name: form.contactName, locale: form.locale },
				form.structureName,
				`${base(c)}/inscription/confirmer#${token}`,
			),
		);
		return accepted(c);
	});

	routes.post('/confirm', async (c) => {
		const body = await jsonBody(c);
		const token = await useToken<{ signup?: string }>(accounts, {
			token: body.token,
			purpose: 'verify-email',
			now: now(),
		});
		const application = await findApplication(accounts, token.data.signup ?? '');
		if (application?.status !== 'unverified' || !application.passwordHash)
			throw new HttpError(409, 'conflict', 'Cette adresse est déjà confirmée : vous pouvez vous connecter.');
		// Taken meanwhile (an invitation, another account moving to this address): no second account.
		if (await ownerIdOfEmail(accounts, application.contact.email))
			throw new HttpError(409, 'conflict', 'Un compte existe déjà pour cette adresse : connectez-vous.');
		const at = new Date(now()).toISOString();
		const account: Account = {
			_id: accountId(application.contact.email),
			type: 'account',
			email: application.contact.email,
			name: application.contact.name,
			passwordHash: application.passwordHash,
			locale: application.locale,
			createdAt: at,
		};
		try {
			await accounts.put(account);
		} catch (err) {
			if ((err as { status?: number }).status === 409)
				throw new HttpError(409, 'conflict', 'Un compte existe déjà pour cette adresse : connectez-vous.');
			throw err;
		}
		const { passwordHash: _moved, ...rest } = application;
		await saveApplication(accounts, { ...rest, status: 'pending', verifiedAt: at });
		return c.json({ ok: true, email: application.contact.email, structure: application.structure.name });
	});

	routes.get('/applications', async (c) => {
		animatorOnly(c);
		return c.json({ applications: await pendingApplications(accounts) });
	});

	routes.post('/applications/:id/accept', async (c) => {
		const viewer = animatorOnly(c);
		const application = await pendingApplication(accounts, c.req.param('id'));
		const s = application.structure;
		let structureId = docId('structure', slugify(s.name) || newKey());
		if (await couch.db.get(structureId).catch(() => null))
			structureId = `${structureId}-${newKey().slice(0, 6)}`;
		const at = new Date(now()).toISOString();
		const structure: Structure & { siret?: string; rna?: string } = {
			_id: structureId,
			type: 'structure',
			schema: SCHEMA_VERSION,
			owner: structureId,
			audience: 'public',
			createdAt: at,
			updatedAt: at,
			name: s.name,
			legalForm: s.legalForm,
			sectors: [s.sector],
			pitch: '',
			description: '',
			missions: '',
			offers: '',
			needs: '',
			address: '',
			commune: s.commune,
			employees: s.employees,
			[s.identifierKind]: s.identifier,
		};
		const membership: Membership = {
			_id: docId('membership', structureId.slice('structure:'.length)),
			type: 'membership',
			schema: SCHEMA_VERSION,
			owner: structureId,
			audience: 'public',
			createdAt: at,
			updatedAt: at,
			structure: structureId,
			status: 'none',
		};
		const outcomes = await writeDocs(couch, viewer, [{ ...structure }, { ...membership }], true);
		const refused = outcomes.find((o) => o.error);
		if (refused)
			throw new HttpError(400, 'bad_request', `Structure refusée : ${refused.reason ?? refused.error}.`);
		await joinStructure(accounts, application, structureId);
		await saveApplication(accounts, decided(application, 'accepted', viewer.accountId, at, { structureId }));
		await mailer.send(acceptedMail(recipient(application), s.name, `${base(c)}/connexion`));
		return c.json({ ok: true, structureId });
	});

	routes.post('/applications/:id/refuse', async (c) => {
		const viewer = animatorOnly(c);
		const body = await jsonBody(c);
		const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
		if (!reason)
			throw new HttpError(400, 'bad_request', 'Motif du refus obligatoire : il est envoyé à la structure.');
		if (reason.length > 1000)
			throw new HttpError(400, 'bad_request', 'Motif du refus : 1000 caractères au plus.');
		const application = await pendingApplication(accounts, c.req.param('id'));
		const at = new Date(now()).toISOString();
		await saveApplication(accounts, decided(application, 'refused', viewer.accountId, at, { reason }));
		await mailer.send(refusedMail(recipient(application), application.structure.name, reason));
		return c.json({ ok: true });
	});

	routes.post('/applications/:id/attach', async (c) => {
		const viewer = animatorOnly(c);
		const body = await jsonBody(c);
		const structureId = typeof body.structure === 'string' ? body.structure : '';
		const target = structureId.startsWith('structure:')
			? ((await couch.db.get(structureId).catch(() => null)) as { type?: string; name?: string } | null)
			: null;
		if (target?.type !== 'structure')
			throw new HttpError(
				400,
				'bad_request',
				'Structure de l’annuaire introuvable : choisissez-la dans la liste.',
			);
		const application = await pendingApplication(accounts, c.req.param('id'));
		const at = new Date(now()).toISOString();
		await joinStructure(accounts, application, structureId);
		await saveApplication(accounts, decided(application, 'attached', viewer.accountId, at, { structureId }));
		await mailer.send(attachedMail(recipient(application), target.name ?? '', `${base(c)}/connexion`));
		return c.json({ ok: true, structureId });
	});

	return routes;
}

const recipient = (a: Application) => ({ email: a.contact.email, name: a.contact.name, locale: a.locale });

function decided(
	application: Application,
	status: Application['status'],
	by: string | undefined,
	at: string,
	more: Partial<Application>,
): Application {
	return { ...application, ...more, status, decidedAt: at, ...(by ? { decidedBy: by } : {}) };
}

/** The applicant's account joins `structureId` (read again and retried if written meanwhile). */
async function joinStructure(accounts: PouchDB.Database, application: Application, structureId: string) {
	for (let attempt = 0; attempt < 3; attempt++) {
		const account = await findAccount(accounts, accountId(application.contact.email));
		if (!account) throw new HttpError(409, 'conflict', 'Le compte de cette demande n’existe plus.');
		try {
			await accounts.put({ ...account, structureId });
			return;
		} catch (err) {
			if ((err as { status?: number }).status !== 409) throw err;
		}
	}
	throw new HttpError(409, 'conflict', 'Le compte vient d’être modifié ailleurs : réessayez.');
}
