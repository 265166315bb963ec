// The saved-search e-mail digest: each account of a structure with saved searches receives, over a
// real SMTP conversation, the new listings it may read that match, once a day at most.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendSearchDigests } from '../../server/alerts';
import { createAccount } from '../../server/auth';
import { accountId, setAccountLocale, updateAccount } from '../../server/auth/accounts';
import { loadConfig } from '../../server/config';
import { createMailer, type Mailer } from '../../server/mail';
import { openStores, type Stores } from '../../server/store';
import { newSavedSearch } from '../../src/lib/domain';
import { listing, membership, PASSWORD, PEOPLE, structure } from './helpers';
import { startSmtp, type TestSmtp } from './smtp';

const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-alerts-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SAVED_AT = new Date('2026-11-20T09:00:00.000Z');
const FIRST_RUN = new Date('2026-11-28T07:00:00.000Z');
const PUBLIC_URL = 'https://elbasar.apes.test';

let stores: Stores;
let smtp: TestSmtp;
let mailer: Mailer;
const warnings: string[] = [];

const run = (now: Date) =>
	sendSearchDigests({
		db: stores.db,
		accounts: stores.accounts,
		mailer,
		now: () => now,
		publicUrl: PUBLIC_URL,
		warn: (m) => warnings.push(m),
	});

beforeEach(async () => {
	stores = openStores({ memory: true });
	smtp = await startSmtp();
	mailer = createMailer(loadConfig({ DATA_DIR: dataDir, SMTP_URL: smtp.url }).mail);
	warnings.length = 0;
	const created = (day: string) => ({ createdAt: `${day}T10:00:00.000Z`, updatedAt: `${day}T10:00:00.000Z` });
	await stores.db.bulkDocs([
		structure('la-pioche', 'La Pioche'),
		structure('le-relais', 'Le Relais', { commune: '62041' }),
		structure('les-jardins', 'Les Jardins'),
		membership('la-pioche', 'active'),
		membership('le-relais', 'active'),
		membership('les-jardins', 'lapsed'),
		listing('cargo', 'structure:le-relais', { title: 'Prêt de vélos cargo', ...created('2026-11-25') }),
		listing('reserve', 'structure:le-relais', {
			title: 'Vélo électrique réservé aux adhérents',
			audience: 'members',
			...created('2026-11-26'),
		}),
		listing('ancienne', 'structure:le-relais', { title: 'Vélo d’occasion', ...created('2026-11-10') }),
		listing('projecteur', 'structure:le-relais', {
			title: 'Prêt d’un vidéoprojecteur',
			sector: 'culture',
			...created('2026-11-26'),
		}),
		{
			...newSavedSearch(
				'structure:la-pioche',
				'Vélos près d’Arras',
				'vélo',
				{ commune: '62041', radius: 20 },
				SAVED_AT,
			),
		},
		{ ...newSavedSearch('structure:les-jardins', 'Vélos', 'vélo', {}, SAVED_AT) },
		{ ...newSavedSearch('structure:le-relais', 'Sans e-mail', 'vélo', {}, SAVED_AT), digest: false },
	]);
	for (const who of [PEOPLE.lea, PEOPLE.marc, PEOPLE.nina])
		await createAccount(stores.accounts, { ...who, password: PASSWORD });
});

afterEach(async () => {
	mailer.close();
	await smtp.close();
	await stores.close();
});

describe('the saved-search digest', () => {
	it('sends each account the new listings it may read that match its structure’s searches', async () => {
		const sent = await run(FIRST_RUN);
		expect(sent.sort()).toEqual([PEOPLE.lea.email, PEOPLE.nina.email]);
		const byTo = new Map(smtp.messages.map((m) => [m.to[0], m.parsed]));

		const lea = byTo.get(PEOPLE.lea.email);
		expect(lea?.subject).toBe('elBasar : 2 nouvelles annonces pour vos recherches');
		expect(lea?.text).toContain('Bonjour Léa,');
		expect(lea?.text).toContain('Recherche « Vélos près d’Arras » (« vélo » · Arras à 20 km)');
		expect(lea?.text).toContain('Offre · Prêt — Prêt de vélos cargo (Arras)');
		expect(lea?.text).toContain(`${PUBLIC_URL}/annonces/cargo`);
		// A member reads the members-only listing; the listing from before the search was saved is not new.
		expect(lea?.text).toContain('Vélo électrique réservé aux adhérents');
		expect(lea?.text).not.toContain('Vélo d’occasion');
		expect(lea?.text).not.toContain('vidéoprojecteur');
		expect(lea?.html).toContain(`<a href="${PUBLIC_URL}/annonces/cargo">`);
		expect(lea?.text).toContain(`${PUBLIC_URL}/recherche/enregistrees`);

		// A lapsed member's account sees public listings only.
		const nina = byTo.get(PEOPLE.nina.email);
		expect(nina?.subject).toBe('elBasar : une nouvelle annonce pour vos recherches');
		expect(nina?.text).toContain('Prêt de vélos cargo');
		expect(nina?.text).not.toContain('réservé aux adhérents');
		expect(warnings).toEqual([]);
	});

	it('leaves out an account whose person turned the digest off on the account page', async () => {
		await updateAccount(stores.accounts, accountId(PEOPLE.lea.email), (a) => ({
			...a,
			notifications: { digest: false, newsletter: false },
		}));
		expect(await run(FIRST_RUN)).toEqual([PEOPLE.nina.email]);
		expect(smtp.messages.map((m) => m.to[0])).toEqual([PEOPLE.nina.email]);
	});

	it('sends at most one a day, then only what was published since the last one', async () => {
		await run(FIRST_RUN);
		expect(smtp.messages).toHaveLength(2);
		await stores.db.put(
			listing('remorque', 'structure:le-relais', {
				title: 'Remorque pour vélo',
				createdAt: '2026-11-28T09:00:00.000Z',
				updatedAt: '2026-11-28T09:00:00.000Z',
			}),
		);
		expect(await run(new Date('2026-11-28T12:00:00.000Z'))).toEqual([]);

		const next = await run(new Date('2026-11-29T07:30:00.000Z'));
		expect(next.sort()).toEqual([PEOPLE.lea.email, PEOPLE.nina.email]);
		const latest = smtp.messages.slice(2).map((m) => m.parsed.text);
		for (const text of latest) {
			expect(text).toContain('Remorque pour vélo');
			expect(text).not.toContain('Prêt de vélos cargo');
		}
	});

	it('sends nothing to an account whose searches found nothing new', async () => {
		await stores.db.bulkDocs([
			{ ...newSavedSearch('structure:le-relais', 'Tracteurs', 'tracteur', {}, SAVED_AT) },
		]);
		// The same run does mail the others: Marc's silence is his searches', not the mailer's.
		const sent = await run(FIRST_RUN);
		expect(sent.sort()).toEqual([PEOPLE.lea.email, PEOPLE.nina.email]);
		expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([PEOPLE.lea.email, PEOPLE.nina.email]);
		for (const { parsed } of smtp.messages) expect(parsed.text).toContain('Prêt de vélos cargo');
		expect(smtp.messages.map((m) => m.parsed.text).join('\n')).not.toContain('Tracteurs');
	});

	it('is written in the language the account chose, French otherwise', async () => {
		await setAccountLocale(stores.accounts, accountId(PEOPLE.lea.email), { locale: 'en' });
		await run(FIRST_RUN);
		const byTo = new Map(smtp.messages.map((m) => [m.to[0], m.parsed]));

		const lea = byTo.get(PEOPLE.lea.email);
		expect(lea?.subject).toBe('elBasar: 2 new listings for your searches');
		expect(lea?.text).toContain('Hello Léa,');
		expect(lea?.text).toContain('Here are the new listings published on elBasar');
		expect(lea?.text).toContain('Search “Vélos près d’Arras” (“vélo” · Arras within 20 km)');
		expect(lea?.text).toContain('Offer · Loan — Prêt de vélos cargo (Arras)');
		expect(lea?.text).toContain(`“My searches” in elBasar, ${PUBLIC_URL}/recherche/enregistrees`);
		expect(lea?.html).toContain(`<a href="${PUBLIC_URL}/recherche/enregistrees">My searches</a> in elBasar.`);
		expect(lea?.text).not.toMatch(/Bonjour|Recherche|Offre/);

		const nina = byTo.get(PEOPLE.nina.email);
		expect(nina?.subject).toBe('elBasar : une nouvelle annonce pour vos recherches');
		expect(nina?.text).toContain('Bonjour Nina,');
		expect(nina?.text).toContain('Offre · Prêt — Prêt de vélos cargo (Arras)');
		expect(nina?.html).toContain(
			`<a href="${PUBLIC_URL}/recherche/enregistrees">Mes recherches</a> dans elBasar.`,
		);
	});
});
