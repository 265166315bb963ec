// What the command-line tools share at start and at a stop: reading their arguments and the
// server's configuration, and leaving with one clear message on stderr.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config';

type Options = NonNullable<ParseArgsConfig['options']>;

export function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

/** The command line's options and positionals; a malformed one stops with the usage. */
export function readCommandLine<const O extends Options>(usage: string, options: O) {
	try {
		return parseArgs({ allowPositionals: true, options });
	} catch (err) {
		return fail(`${(err as Error).message}\n${usage}`);
	}
}

/** The server's configuration, checked as the server checks it; a wrong value stops the tool. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	try {
		return loadConfig(env);
	} catch (err) {
		return fail(err instanceof ConfigError ? err.message : String(err));
	}
}

/** Why a tool failed on the store: mostly because the running server holds the data directory. */
export function storeFailure(err: Error, elsewhere: string): string {
	return /lock/i.test(String(err?.message))
		? `La base est ouverte par le serveur : arrêtez-le, ou ${elsewhere}.`
		: `Échec : ${err.message}`;
}
