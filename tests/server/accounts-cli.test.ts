// `npm run accounts`: a new network starts from an empty data directory (SEED=none): the operator
// creates the first animator, who signs in over HTTP; a second one gets a link instead of a password;
// list, reset-link and disable act on the same store.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'elbasar-accounts-cli-'));
const ENV = {
	...process.env,
	DATA_DIR: dir,
	SEED: 'none',
	COUCHDB_URL: '',
	PUBLIC_URL: 'https://reseau.example.org',
	SMTP_URL: '',
};
let stop: (() => Promise<void>) | undefined;
afterAll(async () => {
	await stop?.();
	rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'Cabane-horizon-lilas-47';

async function accounts(...args: string[]): Promise<string> {
	const { stdout } = await promisify(execFile)(
		'node',
		['--import', 'tsx', 'server/cli/accounts.ts', ...args],
		{
			cwd: ROOT,
			env: ENV,
		},
	);
	return stdout;
}

async function refused(...args: string[]): Promise<string> {
	const failed = await accounts(...args).then(
		() => null,
		(err: { stderr: string; code: number }) => err,
	);
	expect(failed?.code).toBe(1);
	return failed?.stderr ?? '';
}

/** The real server process on the same data directory, without demo data. */
async function startMain(): Promise<string> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: ROOT,
		env: { ...ENV, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', JOBS: 'false', PUBLIC_URL: '' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	stop = async () => {
		child.kill('SIGTERM');
		await exited;
	};
	let stdout = '';
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			const port = stdout.match(/elBasar écoute sur http:\/\/localhost:(\d+)/)?.[1];
			if (port) resolve(`http://127.0.0.1:${port}`);
		});
		exited.then(() => reject(new Error(`exited before listening:\n${stdout}`)));
	});
}

const json = (body: unknown) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body),
});

describe('the accounts command line', () => {
	it('creates the first animator on an empty install, who then signs in over HTTP', async () => {
		expect(
			await refused(
				'create-animator',
				'--name',
				'Aline',
				'--email',
				'aline@reseau.test',
				'--password',
				'court',
			),
		).toContain('Mot de passe trop court');
		const made = await accounts(
			'create-animator',
			'--name',
			'Aline Animatrice',
			'--email',
			'Aline@Reseau.test',
			'--password',
			PASSWORD,
		);
		expect(made).toContain('Compte d’animation créé pour aline@reseau.test.');
		expect(
			await refused(
				'create-animator',
				'--name',
				'Aline',
				'--email',
				'aline@reseau.test',
				'--password',
				PASSWORD,
			),
		).toContain('Un compte existe déjà');
		const linked = await accounts('create-animator', '--name', 'Bruno', '--email', 'bruno@reseau.test');
		const token = linked.match(/https:\/\/reseau\.example\.org\/invitation#([A-Za-z0-9_-]+)/)?.[1];
		expect(token, linked).toBeDefined();
		const reset = await accounts('reset-link', 'aline@reseau.test');
		expect(reset).toMatch(
			/https:\/\/reseau\.example\.org\/connexion\/nouveau-mot-de-passe#[A-Za-z0-9_-]{43}/,
		);
		expect(reset).toContain('valable 30 minutes');
		const list = await accounts('list');
		expect(list).toContain('aline@reseau.test\tAline Animatrice\téquipe du réseau\tactif');
		expect(list).toContain('bruno@reseau.test\tBruno\téquipe du réseau\tinvité·e');

		const base = await startMain();
		// An empty install: no demo document, no demo account.
		const info = (await (await fetch(`${base}/db/elbasar`)).json()) as { doc_count: number };
		expect(info.doc_count).toBeLessThan(3);
		const demo = await fetch(
			`${base}/api/session`,
			json({ email: 'animatrice@elbasar.example.org', password: 'animatrice-demo' }),
		);
		expect(demo.status).toBe(401);

		const signIn = await fetch(
			`${base}/api/session`,
			json({ email: 'aline@reseau.test', password: PASSWORD }),
		);
		expect(signIn.status).toBe(200);
		const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
		const session = await (await fetch(`${base}/api/session`, { headers: { cookie } })).json();
		expect(session.user).toMatchObject({
			email: 'aline@reseau.test',
			role: 'animator',
			name: 'Aline Animatrice',
		});

		const accepted = await fetch(
			`${base}/api/invitation/accept`,
			json({ token, password: 'Une-autre-phrase-secrete-9' }),
		);
		expect(accepted.status).toBe(200);
		const bruno = (accepted.headers.get('set-cookie') ?? '').split(';')[0];
		const his = await (await fetch(`${base}/api/session`, { headers: { cookie: bruno } })).json();
		expect(his.user).toMatchObject({ email: 'bruno@reseau.test', role: 'animator' });
		await stop?.();
		stop = undefined;

		expect(await accounts('disable', 'bruno@reseau.test')).toContain(
			'Compte bruno@reseau.test désactivé (1 session(s) fermée(s)).',
		);
		expect(await accounts('list')).toContain('bruno@reseau.test\tBruno\téquipe du réseau\tdésactivé');
		const again = await startMain();
		const closed = await (await fetch(`${again}/api/session`, { headers: { cookie: bruno } })).json();
		expect(closed.user).toBeNull();
		const disabled = await fetch(
			`${again}/api/session`,
			json({ email: 'bruno@reseau.test', password: 'Une-autre-phrase-secrete-9' }),
		);
		expect(disabled.status).toBe(401);
	}, 120_000);
});
