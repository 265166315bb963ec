// The RGPD calls of the app (server/privacy): one's own archive and account deletion, and the
// animator's erasure on request. JSON bodies from the app's origin, as the CSRF guard wants.
import { m } from '../i18n';

export type ExportState = { status: 'none' | 'pending' } | { status: 'ready'; expiresAt: string };

/** An account, or a directory entry (`person`) that may have none. */
export interface AccountLine {
	id: string;
	kind: 'account' | 'person';
	name: string;
	email?: string;
	structureId?: string;
}

export interface ErasureLine {
	_id: string;
	at: string;
	by: string;
	reason: string;
	deleted: number;
	anonymised: number;
}

/** The signed-in copy of the archive's link (the mail carries its own). */
export const MY_ARCHIVE = '/api/privacy/export/mine';

async function request<T>(path: string, body?: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch(
			path,
			body === undefined
				? { headers: { Accept: 'application/json' } }
				: {
						method: 'POST',
						headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
						body: JSON.stringify(body),
					},
		);
	} catch {
		throw new Error(m.common_session_network_error());
	}
	const answer = (await response.json().catch(() => null)) as (T & { reason?: string }) | null;
	if (!response.ok) throw new Error(answer?.reason ?? m.common_session_failed());
	return answer as T;
}

export const exportState = () => request<ExportState>('/api/privacy/export');
export const requestExport = () => request<ExportState>('/api/privacy/export', {});
/** Deletes the signed-in account for good; the password confirms it. */
export const eraseMyAccount = (password: string) => request<{ ok: true }>('/api/privacy/erase', { password });
export const accountsToErase = () => request<AccountLine[]>('/api/privacy/accounts');
/** Erases an account (`account:…`) or a directory entry (`person:…`) on request. */
export const eraseAccount = (subject: string, reason: string) =>
	request<{ ok: true; deleted: number; anonymised: number }>('/api/privacy/erase-account', {
		subject,
		reason,
	});
export const erasures = () => request<ErasureLine[]>('/api/privacy/erasures');
