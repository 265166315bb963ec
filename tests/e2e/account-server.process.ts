// Run with tsx by account-server.ts: the built app over memory stores holding one fresh account,
// e-mails into an outbox folder. Arguments: port, outbox folder, then the account as JSON.
// Says « ready » on stdout once it listens; stops on SIGTERM.
import { createApp, startServer } from '../../server/app';
import { createAccount, createAuth } from '../../server/auth';
import { createLog } from '../../server/log';
import { createMailer } from '../../server/mail';
import { openStores } from '../../server/store';

const [port, outbox, account] = process.argv.slice(2);
const stores = openStores({ memory: true });
await createAccount(stores.accounts, JSON.parse(account));
const mailer = createMailer({ from: 'elbasar@example.org', outboxDir: outbox });
const auth = createAuth({ accounts: stores.accounts, db: stores.db, mailer });
const app = createApp({ stores, auth, log: createLog('warn', () => {}), staticDir: 'build' });
const running = await startServer(app, Number(port), '127.0.0.1');
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
	await running.close();
	auth.close();
	mailer.close();
	await stores.close();
	process.exit(0);
});
