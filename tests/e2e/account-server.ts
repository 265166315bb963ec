// A server of the account tests' own (account-server.process.ts, a child process): the built app
// over memory stores that hold one fresh account, so no demo account's password or sessions change
// under the other tests; its e-mails are .eml files in an outbox folder the test reads, as the real
// server writes them without SMTP_URL. It listens on E2E_PORT + 100.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMail } from '../server/smtp';

export interface AccountServer {
	url: string;
	/** Every e-mail sent so far, oldest first, decoded. */
	mails(): { to: string; subject: string; text: string }[];
	close(): Promise<void>;
}

export async function startAccountServer(account: {
	email: string;
	password: string;
	name: string;
}): Promise<AccountServer> {
	const outbox = mkdtempSync(join(tmpdir(), 'elbasar-account-outbox-'));
	const port = Number(process.env.E2E_PORT ?? 4173) + 100;
	const child: ChildProcess = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/e2e/account-server.process.ts', String(port), outbox, JSON.stringify(account)],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	await new Promise<void>((resolve, reject) => {
		child.stdout?.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('ready')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`le serveur de test s’est arrêté (code ${code})`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		mails: () =>
			readdirSync(outbox)
				.filter((f) => f.endsWith('.eml'))
				.sort()
				.map((f) => {
					const parsed = parseMail(readFileSync(join(outbox, f), 'utf8'));
					return { to: parsed.headers.to ?? '', subject: parsed.subject, text: parsed.text };
				}),
		close: async () => {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(outbox, { recursive: true, force: true });
		},
	};
}
