// HelloAsso's settings, read from the environment like server/config.ts: none of its variables set
// means no online payment (null); a half-set or wrong one stops the server, naming the variable.
import { isIP } from 'node:net';
import { canonicalAddress } from '../auth/client-ip';
import { ConfigError } from '../config';

export interface HelloAssoConfig {
	clientId: string;
	clientSecret: string;
	/** The association's short name on HelloAsso (the slug in its page's address). */
	organization: string;
	/** Without /v5: tokens are asked at <apiUrl>/oauth2/token, the API is <apiUrl>/v5/…. */
	apiUrl: string;
	/** The addresses notifications are accepted from (canonical spelling). */
	notificationIps: string[];
	/** HMAC-SHA256 key of the x-ha-signature header; without it, only the address is checked. */
	signatureKey?: string;
}

export const PRODUCTION_API = 'https://api.helloasso.com';
export const SANDBOX_API = 'https://api.helloasso-sandbox.com';

/**
 * The addresses HelloAsso sends notifications from, per environment, as its documentation lists
 * them (dev.helloasso.com/docs/secure-webhook). Any other API address must name its own.
 */
const NOTIFICATION_IPS: Record<string, string[]> = {
	[PRODUCTION_API]: ['51.138.206.200'],
	[SANDBOX_API]: ['4.233.135.234'],
};

const NAMES = [
	'HELLOASSO_CLIENT_ID',
	'HELLOASSO_CLIENT_SECRET',
	'HELLOASSO_ORGANIZATION',
	'HELLOASSO_API_URL',
	'HELLOASSO_NOTIFICATION_IPS',
	'HELLOASSO_SIGNATURE_KEY',
] as const;
type Name = (typeof NAMES)[number];

const REQUIRED: Name[] = ['HELLOASSO_CLIENT_ID', 'HELLOASSO_CLIENT_SECRET', 'HELLOASSO_ORGANIZATION'];
/** Never echoed in an error message. */
const SECRET: Name[] = ['HELLOASSO_CLIENT_SECRET', 'HELLOASSO_SIGNATURE_KEY'];

/** The HelloAsso settings, or null when none is set; throws a ConfigError naming every wrong one. */
export function helloAssoConfigFrom(env: Record<string, string | undefined>): HelloAssoConfig | null {
	const value = (name: Name) => {
		const v = env[name]?.trim();
		return v === '' ? undefined : v;
	};
	if (NAMES.every((name) => value(name) === undefined)) return null;
	const problems: string[] = [];
	const wrong = (name: Name, message: string) => {
		const shown = SECRET.includes(name) ? '' : `=${JSON.stringify(env[name] ?? '')}`;
		problems.push(`  ${name}${shown} : ${message}`);
	};
	for (const name of REQUIRED)
		if (value(name) === undefined)
			wrong(name, 'manquant : le paiement en ligne par HelloAsso demande aussi cette variable');

	const organization = value('HELLOASSO_ORGANIZATION');
	if (organization !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(organization))
		wrong(
			'HELLOASSO_ORGANIZATION',
			'doit être le nom court de l’association sur HelloAsso (minuscules, chiffres et tirets, comme dans l’adresse de sa page)',
		);

	const rawUrl = value('HELLOASSO_API_URL') ?? PRODUCTION_API;
	const apiUrl = rawUrl.replace(/\/+$/, '').replace(/\/v5$/, '');
	if (!/^https?:\/\/./i.test(apiUrl) || !URL.canParse(apiUrl))
		wrong('HELLOASSO_API_URL', `doit être une adresse http(s)://… (par défaut ${PRODUCTION_API})`);

	const rawIps = value('HELLOASSO_NOTIFICATION_IPS');
	let notificationIps = NOTIFICATION_IPS[apiUrl] ?? [];
	if (rawIps !== undefined) {
		const ips = rawIps.split(',').map((ip) => ip.trim());
		if (ips.some((ip) => isIP(ip) === 0))
			wrong(
				'HELLOASSO_NOTIFICATION_IPS',
				'doit être une liste d’adresses IP séparées par des virgules (par exemple 51.138.206.200)',
			);
		else notificationIps = ips.map((ip) => canonicalAddress(ip) ?? ip);
	} else if (notificationIps.length === 0)
		wrong(
			'HELLOASSO_NOTIFICATION_IPS',
			'manquant : avec une adresse d’API autre que celle de HelloAsso, dites de quelles adresses IP viennent ses notifications',
		);

	if (problems.length > 0)
		throw new ConfigError(`Configuration HelloAsso invalide :\n${problems.join('\n')}`);
	const signatureKey = value('HELLOASSO_SIGNATURE_KEY');
	return {
		clientId: value('HELLOASSO_CLIENT_ID') as string,
		clientSecret: value('HELLOASSO_CLIENT_SECRET') as string,
		organization: organization as string,
		apiUrl,
		notificationIps,
		...(signatureKey ? { signatureKey } : {}),
	};
}
