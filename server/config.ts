// The server's configuration, read from the environment and checked once at start:
// a wrong value stops the process with a message naming the variable.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { LOG_LEVELS, type LogLevel } from './log';

const emptyAsMissing = (value: string | undefined) => (value === '' ? undefined : value);
const flag = v.pipe(
	v.picklist(['true', 'false', '1', '0'], 'doit valoir true ou false'),
	v.transform((s) => s === 'true' || s === '1'),
);

const positiveInteger = v.pipe(
	v.string(),
	v.regex(/^[1-9]\d{0,5}$/, 'doit être un nombre entier positif'),
	v.transform(Number),
);

const ipList = v.pipe(
	v.string(),
	v.transform((s) => s.split(',').map((ip) => ip.trim())),
	v.check(
		(ips) => ips.every((ip) => isIP(ip) !== 0),
		'doit être une liste d’adresses IP séparées par des virgules (par exemple 127.0.0.1,::1)',
	),
);

const EnvSchema = v.object({
	PORT: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,5}$/, 'doit être un numéro de port (0 à 65535)'),
			v.transform(Number),
			v.maxValue(65535, 'doit être un numéro de port (0 à 65535)'),
		),
		'8080',
	),
	HOST: v.optional(v.pipe(v.string(), v.minLength(1)), '0.0.0.0'),
	DATA_DIR: v.optional(v.string(), './data'),
	COUCHDB_URL: v.optional(
		v.pipe(
			v.string(),
			v.check((s) => /^https?:\/\/./i.test(s) && URL.canParse(s), 'doit être une adresse http(s)://…'),
		),
	),
	SEED: v.optional(v.picklist(['demo', 'none'], 'doit valoir demo ou none'), 'demo'),
	/** Without it: Secure when PUBLIC_URL is https. */
	SECURE_COOKIES: v.optional(flag),
	/** Proxies in front of the server whose X-Forwarded-For tells the client's address. */
	TRUSTED_PROXIES: v.optional(ipList),
	/** Without it: info, or warn under tests (NODE_ENV=test, VITEST), so a test run stays readable. */
	LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `doit valoir ${LOG_LEVELS.join(', ')}`)),
	SMTP_URL: v.optional(
		v.pipe(
			v.string(),
			v.check((s) => /^smtps?:\/\/./i.test(s) && URL.canParse(s), 'doit être une adresse smtp(s)://…'),
		),
	),
	MAIL_FROM: v.optional(v.pipe(v.string(), v.minLength(3)), 'elBasar <ne-pas-repondre@elbasar.invalid>'),
	PUBLIC_URL: v.optional(
		v.pipe(
			v.string(),
			v.check((s) => /^https?:\/\/./i.test(s) && URL.canParse(s), 'doit être une adresse http(s)://…'),
		),
	),
	/** With several servers in front of one CouchDB, set JOBS=false on all but one (no double e-mails). */
	JOBS: v.optional(flag, 'true'),
	JOBS_INTERVAL_MINUTES: v.optional(positiveInteger, '60'),
	EXPIRY_REMINDER_DAYS: v.optional(positiveInteger, '3'),
});

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	couchUrl?: string;
	seed: 'demo' | 'none';
	/** Session cookies marked Secure (sent over https only). */
	secureCookies: boolean;
	/** The sign-in limits count clients by the address these proxies saw (X-Forwarded-For). */
	trustedProxies: string[];
	logLevel: LogLevel;
	mail: MailConfig;
	/** The address the network is reached at, for links in e-mails and share previews. */
	publicUrl?: string;
	jobs: { enabled: boolean; intervalMinutes: number; reminderDays: number };
}

/** Where e-mail goes: an SMTP server, or (without SMTP_URL) an outbox folder in DATA_DIR. */
export interface MailConfig {
	smtpUrl?: string;
	from: string;
	outboxDir: string;
}

export class ConfigError extends Error {}

const defaultLogLevel = (env: Record<string, string | undefined>): LogLevel =>
	env.NODE_ENV === 'test' || env.VITEST ? 'warn' : 'info';

/** Reads the configuration; throws a ConfigError naming every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const input = Object.fromEntries(Object.keys(EnvSchema.entries).map((k) => [k, emptyAsMissing(env[k])]));
	const parsed = v.safeParse(EnvSchema, input);
	if (!parsed.success) {
		const lines = parsed.issues.map((issue) => {
			const name = v.getDotPath(issue) ?? '?';
			// A CouchDB address may carry a password: never echo it.
			const value =
				name === 'COUCHDB_URL' || name === 'SMTP_URL' ? '' : `=${JSON.stringify(env[name] ?? '')}`;
			return `  ${name}${value} : ${issue.message}`;
		});
		throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
	}
	const e = parsed.output;
	return {
		port: e.PORT,
		host: e.HOST,
		dataDir: resolve(e.DATA_DIR),
		...(e.COUCHDB_URL ? { couchUrl: e.COUCHDB_URL } : {}),
		seed: e.SEED,
		secureCookies: e.SECURE_COOKIES ?? /^https:/i.test(e.PUBLIC_URL ?? ''),
		trustedProxies: e.TRUSTED_PROXIES ?? [],
		logLevel: e.LOG_LEVEL ?? defaultLogLevel(env),
		mail: {
			...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
			from: e.MAIL_FROM,
			outboxDir: resolve(e.DATA_DIR, 'outbox'),
		},
		...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
		jobs: {
			enabled: e.JOBS,
			intervalMinutes: e.JOBS_INTERVAL_MINUTES,
			reminderDays: e.EXPIRY_REMINDER_DAYS,
		},
	};
}
