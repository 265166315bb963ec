// `npm run accounts -- create-animator|invite|list|disable|reset-link`: the operators' tool on the
// server's accounts store (DATA_DIR or COUCHDB_URL), e.g. to make the first animator of a new network.
import { createInterface } from 'node:readline/promises';
import type { Viewer } from '../../src/lib/domain';
import { describeError } from '../errors';
import { createInvitations } from '../invitations';
import { createAnimator, disableAccount, RESET_MINUTES, resetLink } from '../invitations/operators';
import { allAccounts, roleOf, statusOf, type TeamStatus } from '../invitations/team';
import { createMailer } from '../mail';
import { openStores, type Stores } from '../store';
import { fail, readCommandLine, readConfig, storeFailure } from './run';

const USAGE = `Usage : npm run accounts -- create-animator [--name "Nom"] [--email adresse] [--password mot-de-passe]
        npm run accounts -- invite --structure clé --name "Nom" --email adresse [--role admin|member]
        npm run accounts -- list
        npm run accounts -- disable adresse
        npm run accounts -- reset-link adresse`;
const STAFF: Viewer = { role: 'animator', accountId: 'cli' };
const STATUS: Record<TeamStatus, string> = {
	invited: 'invité·e',
	active: 'actif',
	expired: 'expiré',
	disabled: 'désactivé',
};

function readArgs() {
	const { values, positionals } = readCommandLine(USAGE, {
		name: { type: 'string' },
		email: { type: 'string' },
		password: { type: 'string' },
		structure: { type: 'string' },
		role: { type: 'string' },
	});
	const [command, target, ...rest] = positionals;
	const needsTarget = command === 'disable' || command === 'reset-link';
	const known = ['create-animator', 'invite', 'list', 'disable', 'reset-link'].includes(command);
	if (!known || rest.length > 0 || needsTarget !== (target !== undefined)) fail(USAGE);
	return { command, target, ...values };
}

type Args = ReturnType<typeof readArgs>;

/** Asks on the terminal what the options did not say; a script without a terminal must say it all. */
async function ask(value: string | undefined, question: string): Promise<string> {
	if (value !== undefined) return value;
	if (!process.stdin.isTTY) fail(`${question} manquant : donnez-le en option.\n${USAGE}`);
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	try {
		return await rl.question(`${question} : `);
	} finally {
		rl.close();
	}
}

async function run(stores: Stores, args: Args, base: string): Promise<void> {
	const { accounts } = stores;
	switch (args.command) {
		case 'create-animator': {
			const name = await ask(args.name, 'Nom');
			const email = await ask(args.email, 'E-mail');
			const made = await createAnimator(accounts, { name, email, password: args.password }, base);
			console.log(`Compte d’animation créé pour ${made.email}.`);
			if (made.link)
				console.log(`Lien pour choisir son mot de passe (valable 7 jours, une seule fois) :\n${made.link}`);
			else console.log('Connectez-vous avec cette adresse et ce mot de passe.');
			return;
		}
		case 'invite': {
			if (!args.structure) fail(`--structure manquant.\n${USAGE}`);
			const key = args.structure.replace(/^structure:/, '');
			const config = readConfig();
			const mailer = createMailer(config.mail);
			try {
				const invitations = createInvitations({ accounts, db: stores.db, mailer, publicUrl: base });
				const body = { name: args.name, email: args.email, ...(args.role ? { role: args.role } : {}) };
				await invitations.invite(STAFF, `structure:${key}`, body, base);
				console.log(`Invitation envoyée à ${args.email} (${mailer.target}).`);
			} finally {
				mailer.close();
			}
			return;
		}
		case 'list': {
			const now = Date.now();
			for (const a of await allAccounts(accounts)) {
				const where = a.staff
					? 'équipe du réseau'
					: a.structureId
						? `${a.structureId} (${roleOf(a)})`
						: 'aucune structure';
				const { status } = await statusOf(accounts, a, now);
				console.log(`${a.email}\t${a.name}\t${where}\t${STATUS[status]}`);
			}
			return;
		}
		case 'disable': {
			const { account, sessions } = await disableAccount(accounts, args.target);
			console.log(`Compte ${account.email} désactivé (${sessions} session(s) fermée(s)).`);
			return;
		}
		case 'reset-link': {
			const link = await resetLink(accounts, args.target, base);
			console.log(
				`Lien pour choisir un nouveau mot de passe (valable ${RESET_MINUTES} minutes, une seule fois) :\n${link}`,
			);
			return;
		}
	}
}

async function main(): Promise<void> {
	const args = readArgs();
	const config = readConfig();
	const base = config.publicUrl ?? `http://localhost:${config.port}`;
	const stores = openStores({ dataDir: config.dataDir, couchUrl: config.couchUrl });
	try {
		// Opening fails here, with one clear message, when the server holds the data directory.
		await stores.accounts.info();
		await run(stores, args, base);
	} finally {
		await stores.close();
	}
	// The password hashing process would keep the tool alive.
	process.exit(0);
}

main().catch((err: Error) =>
	fail(describeError(err)?.reason ?? storeFailure(err, 'invitez depuis l’écran de la structure')),
);
