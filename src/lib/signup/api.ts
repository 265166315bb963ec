// Talks to the server's sign-up routes (/api/signup): the public form, the e-mail check, and the
// animator's queue. Answers that fail come back as the server's sentence (French, like the domain's
// reasons), or one of ours when the network is down.
import { getLocale, m } from '../i18n';

export interface SignupForm {
	structureName: string;
	identifier: string;
	legalForm: string;
	sector: string;
	employees: string;
	commune: string;
	contactName: string;
	email: string;
	password: string;
	consent: boolean;
	termsVersion: string;
	/** The honeypot, empty unless a bot filled it. */
	leaveEmpty: string;
}

export interface QueueEntry {
	id: string;
	status: 'pending';
	structure: {
		name: string;
		identifier: string;
		identifierKind: 'siret' | 'rna';
		legalForm: string;
		sector: string;
		employees: string;
		commune: string;
	};
	contact: { name: string; email: string };
	createdAt: string;
	verifiedAt?: string;
}

async function send<T>(path: string, body?: unknown, offline = m.signup_offline()): Promise<T> {
	let response: Response;
	try {
		response = await fetch(`/api/signup${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: {
				Accept: 'application/json',
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
	} catch {
		throw new Error(offline);
	}
	const answer = (await response.json().catch(() => null)) as (T & { reason?: string }) | null;
	if (!response.ok || !answer)
		throw new Error(answer?.reason ?? m.signup_failed({ status: response.status }));
	return answer;
}

export const submitSignup = (form: SignupForm) => send<{ ok: true }>('', { ...form, locale: getLocale() });

export const confirmSignup = (token: string) =>
	send<{ ok: true; email: string; structure: string }>('/confirm', { token });

const queueOffline = () => m.signup_queue_offline();
const path = (id: string, action: string) => `/applications/${encodeURIComponent(id)}/${action}`;

export const loadQueue = async () =>
	(await send<{ applications: QueueEntry[] }>('/applications', undefined, queueOffline())).applications;

export const acceptApplication = (id: string) =>
	send<{ ok: true; structureId: string }>(path(id, 'accept'), {}, queueOffline());

export const refuseApplication = (id: string, reason: string) =>
	send<{ ok: true }>(path(id, 'refuse'), { reason }, queueOffline());

export const attachApplication = (id: string, structure: string) =>
	send<{ ok: true; structureId: string }>(path(id, 'attach'), { structure }, queueOffline());
