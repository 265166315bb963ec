// The app's side of the password reset and the account page: JSON calls to /api, each answer's
// French reason (the server's) turned into an Error the page shows as it is.
import type { AccountInfo, SessionInfo } from '../domain/account-page';
import { m } from '../i18n';

export type { AccountInfo, SessionInfo };

/** An answer the server refused: its French reason, and its status (401: signed out). */
export class AccountError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly code?: string,
	) {
		super(message);
	}
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			method,
			headers: {
				Accept: 'application/json',
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
	} catch {
		throw new AccountError(m.access_network_error(), 0);
	}
	const answer = (await response.json().catch(() => null)) as
		| (T & { reason?: unknown; error?: unknown })
		| null;
	if (!response.ok || !answer) {
		const reason = typeof answer?.reason === 'string' ? answer.reason : m.access_failed();
		throw new AccountError(
			reason,
			response.status,
			typeof answer?.error === 'string' ? answer.error : undefined,
		);
	}
	return answer;
}

/** The token a link carries after `#` (never sent to the server in the URL). */
export function tokenFromHash(hash: string): string | null {
	const token = hash.replace(/^#/, '').trim();
	return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

export const requestReset = (email: string) => api<{ ok: true }>('POST', '/password-reset', { email });
export const confirmReset = (token: string, password: string) =>
	api<{ user: unknown }>('POST', '/password-reset/confirm', { token, password });
export const confirmNewEmail = (token: string) =>
	api<{ email: string }>('POST', '/account/email/confirm', { token });

export const loadAccount = () => api<AccountInfo>('GET', '/account');
export const saveName = (name: string) => api<AccountInfo>('PUT', '/account/name', { name });
export const saveNotifications = (notifications: AccountInfo['notifications']) =>
	api<AccountInfo>('PUT', '/account/notifications', notifications);
export const askEmailChange = (email: string, password: string) =>
	api<{ message: string }>('POST', '/account/email', { email, password });
export const changePassword = (current: string, password: string) =>
	api<{ endedSessions: number }>('POST', '/account/password', { current, password });
export const loadSessions = async () =>
	(await api<{ sessions: SessionInfo[] }>('GET', '/account/sessions')).sessions;
export const endSession = (id: string) =>
	api<{ ok: true }>('DELETE', `/account/sessions/${encodeURIComponent(id)}`);
export const endOtherSessions = () => api<{ endedSessions: number }>('DELETE', '/account/sessions');
