// The server's jobs on a real store behind a real server: listings past their end date marked
// expired through the replication write path (devices receive it), one reminder per listing a few
// days before, in the app and by e-mail through a real SMTP conversation, never sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, setAccountLocale } from '../../server/auth/accounts';
import { type Jobs, startJobs } from '../../server/jobs';
import { createMailer, type Mailer } from '../../server/mail';
import { expiryNoticeId, type Listing, type Notice } from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	contact,
	device,
	listing,
	localIds,
	notice,
	PEOPLE,
	PIOCHE,
	RELAIS,
	remote,
	useTestServer,
} from './helpers';
import { startSmtp, type TestSmtp } from './smtp';

/** The server's clock for these tests: 10 December 2026, 9 a.m. in France. */
const NOW = new Date('2026-12-10T08:00:00Z');

const contactOfPioche = contact('lea', PIOCHE, { email: 'bonjour@la-pioche.test' });
const LISTINGS = [
	listing('hier', PIOCHE, { title: 'Bâche à prêter', validUntil: '2026-12-09' }),
	listing('en-discussion', RELAIS, { status: 'discussion', validUntil: '2026-12-01' }),
	listing('conclue', RELAIS, { status: 'concluded', validUntil: '2026-12-01' }),
	listing('aujourdhui', RELAIS, { title: 'Dernier jour', validUntil: '2026-12-10' }),
	listing('bientot', PIOCHE, { title: 'Remorque <vélo> & co', validUntil: '2026-12-12' }),
	listing('plus-tard', PIOCHE, { title: 'Dans dix jours', validUntil: '2026-12-20' }),
];

const server = useTestServer({
	docs: [...ALL_FIXTURE_DOCS.filter((d) => d._id !== 'contact:lea'), contactOfPioche, ...LISTINGS],
});
let smtp: TestSmtp;
let mailer: Mailer;
let jobs: Jobs;
const warnings: string[] = [];

beforeAll(async () => {
	// Marc chose English on his device: his e-mails' own words are English.
	await setAccountLocale(server.stores.accounts, accountId(PEOPLE.marc.email), { locale: 'en' });
	smtp = await startSmtp();
	mailer = createMailer({ smtpUrl: smtp.url, from: 'elBasar <reseau@apes.test>', outboxDir: '/nonexistent' });
	jobs = startJobs({
		couch: server.couch,
		accounts: server.stores.accounts,
		mailer,
		intervalMs: 3_600_000,
		reminderDays: 3,
		publicUrl: 'https://elbasar.apes.test',
		now: () => NOW,
		warn: (message) => warnings.push(message),
	});
	await jobs.runAll();
	await jobs.mailed();
});
afterAll(async () => {
	await jobs?.stop();
	mailer?.close();
	await smtp?.close();
});

const stored = <T>(id: string) => server.stores.db.get(id) as Promise<T & { _rev: string }>;

describe('the expiry job', () => {
	it('marks expired the open and in-discussion listings whose last day is past, and only those', async () => {
		expect((await stored<Listing>('listing:hier')).status).toBe('expired');
		expect((await stored<Listing>('listing:en-discussion')).status).toBe('expired');
		expect((await stored<Listing>('listing:conclue')).status).toBe('concluded');
		expect((await stored<Listing>('listing:aujourdhui')).status).toBe('open');
		expect((await stored<Listing>('listing:plus-tard')).status).toBe('open');
		expect(warnings).toEqual([]);
	});

	it('writes through the replication path: a member’s device receives the expired status', async () => {
		const phone = device();
		await phone.replicate.from(remote(server, PEOPLE.marc));
		expect((await phone.get<Listing>('listing:hier')).status).toBe('expired');
	});
});

describe('the reminder before the end of a listing', () => {
	const noticeId = expiryNoticeId('listing:bientot', '2026-12-12');

	it('is a notice to the owner structure, for listings ending within three days', async () => {
		const notice = await stored<Notice>(noticeId);
		expect(notice).toMatchObject({
			owner: PIOCHE,
			audience: 'owner',
			kind: 'expiry-soon',
			subject: 'listing:bientot',
		});
		expect(notice.title).toBe('Votre annonce « Remorque <vélo> & co » arrive à échéance le 12 décembre 2026');
		// The listing ending today is reminded too; the one ending in ten days not yet.
		await expect(stored(expiryNoticeId('listing:aujourdhui', '2026-12-10'))).resolves.toBeTruthy();
		await expect(stored(expiryNoticeId('listing:plus-tard', '2026-12-20'))).rejects.toMatchObject({
			status: 404,
		});
	});

	it('reaches the owner’s devices only', async () => {
		const pioche = device();
		await pioche.replicate.from(remote(server, PEOPLE.lea));
		expect(await localIds(pioche)).toContain(noticeId);
		const relais = device();
		await relais.replicate.from(remote(server, PEOPLE.marc));
		expect(await localIds(relais)).not.toContain(noticeId);
	});

	it('is e-mailed once to the structure’s accounts and contacts, with a link to the listing', async () => {
		const toPioche = smtp.messages.filter((m) => m.parsed.subject.includes('Remorque'));
		expect(toPioche).toHaveLength(1);
		expect(toPioche[0].to.sort()).toEqual(['bonjour@la-pioche.test', 'lea@la-pioche.test']);
		expect(toPioche[0].parsed.text).toContain('https://elbasar.apes.test/annonces/bientot');
		// HTML in a listing title is escaped in the HTML part.
		expect(toPioche[0].parsed.html).toContain('Remorque &lt;vélo&gt; &amp; co');
		expect((await stored<Notice>(noticeId)).mailedAt).toBe(NOW.toISOString());
		// Le Relais's listing ending today: its account (Marc) is told.
		const toRelais = smtp.messages.filter((m) => m.parsed.subject.includes('Dernier jour'));
		expect(toRelais.map((m) => m.to)).toEqual([['marc@le-relais.test']]);
	});

	it('is worded in each account’s language around the notice’s own text, French for contacts', async () => {
		const toPioche = smtp.messages.find((m) => m.parsed.subject.includes('Remorque'));
		expect(toPioche?.parsed.text).toMatch(/^Bonjour,/);
		expect(toPioche?.parsed.text).toContain('Voir sur elBasar : https://elbasar.apes.test/annonces/bientot');
		expect(toPioche?.parsed.text).toContain('Vous recevez ce message parce que votre structure est inscrite');
		const toMarc = smtp.messages.find((m) => m.parsed.subject.includes('Dernier jour'));
		expect(toMarc?.parsed.text).toMatch(/^Hello,/);
		expect(toMarc?.parsed.text).toContain('See it on elBasar: https://elbasar.apes.test/annonces/aujourdhui');
		expect(toMarc?.parsed.html).toContain('>See it on elBasar</a>');
		expect(toMarc?.parsed.text).toContain(
			'You are receiving this message because your structure is registered',
		);
		expect(toMarc?.parsed.text).not.toContain('Voir sur elBasar');
	});

	it('is not written nor sent again at the next runs', async () => {
		const before = smtp.messages.length;
		const rev = (await stored<Notice>(noticeId))._rev;
		await jobs.runAll();
		await jobs.runAll();
		await jobs.mailed();
		expect(smtp.messages).toHaveLength(before);
		expect((await stored<Notice>(noticeId))._rev).toBe(rev);
	});

	it('comes again for the new end date once the owner extends the listing', async () => {
		const bientot = await stored<Listing>('listing:bientot');
		await server.stores.db.put({ ...bientot, validUntil: '2026-12-13', updatedAt: NOW.toISOString() });
		await jobs.runAll();
		await jobs.mailed();
		await expect(stored(expiryNoticeId('listing:bientot', '2026-12-13'))).resolves.toBeTruthy();
		expect(smtp.messages.filter((m) => m.parsed.subject.includes('13 décembre'))).toHaveLength(1);
	});
});

describe('notices e-mailed', () => {
	it('a notice staff write (a warning) is e-mailed shortly after, without waiting for the next run', async () => {
		const before = smtp.messages.length;
		const animator = remote(server, PEOPLE.animator);
		const at = NOW.toISOString();
		await animator.put(
			notice('avertissement-1', RELAIS, {
				subject: 'listing:aujourdhui',
				title: 'Avertissement de l’équipe du réseau',
				text: 'Merci de décrire précisément votre offre.',
				createdAt: at,
				updatedAt: at,
			}),
		);
		await smtp.waitFor(before + 1);
		await jobs.mailed();
		expect(smtp.messages[before].to).toEqual(['marc@le-relais.test']);
		expect(smtp.messages[before].parsed.text).toContain('Merci de décrire précisément votre offre.');
		expect((await stored<Notice>('notice:avertissement-1')).mailedAt).toBeTruthy();
	});

	it('a refused address is tried again at the next run, and the notice stays unmarked until then', async () => {
		const refusing = await startSmtp({ refuse: /@les-jardins\.test$/ });
		const local = createMailer({ smtpUrl: refusing.url, from: 'r@apes.test', outboxDir: '/nonexistent' });
		const failing = startJobs({
			couch: server.couch,
			accounts: server.stores.accounts,
			mailer: local,
			intervalMs: 3_600_000,
			reminderDays: 3,
			now: () => NOW,
			warn: (message) => warnings.push(message),
		});
		try {
			await failing.runAll();
			const at = NOW.toISOString();
			await server.stores.db.put(
				notice('jardins-1', 'structure:les-jardins', { text: 'Texte', createdAt: at, updatedAt: at }),
			);
			await failing.poke('mail');
			expect(warnings.some((w) => w.includes('notice:jardins-1'))).toBe(true);
			expect((await stored<Notice>('notice:jardins-1')).mailedAt).toBeUndefined();
		} finally {
			await failing.stop();
			local.close();
			await refusing.close();
		}
	});
});
