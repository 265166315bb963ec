// The app's calls to the invitation routes: the link's page (peek, accept) and a structure's
// accounts (list, invite, resend, revoke, remove, role). Each throws an Error whose message is the
// server's reason (French), or a sentence of the catalogue when the network is away.
import type { StructureRole, TeamMember } from '$lib/domain/team';
import { m } from '$lib/i18n';

export type { StructureRole, TeamMember, TeamStatus } from '$lib/domain/team';

export interface Team {
	people: TeamMember[];
	/** The caller may invite and remove; `roles`: may also change roles (staff). */
	manage: boolean;
	roles: boolean;
}

export interface InvitationPeek {
	name: string;
	email: string;
	structure: { id: string; name: string } | null;
	inviter: string;
}

/** A refusal of the server: its status says whether the link itself is dead (404, 410). */
export class ApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

async function send<T>(path: string, method: string, body?: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
			...(body ? { body: JSON.stringify(body) } : {}),
		});
	} catch {
		throw new ApiError(m.invitations_page_offline(), 0);
	}
	const answer = (await response.json().catch(() => null)) as (T & { reason?: string }) | null;
	if (!response.ok || !answer)
		throw new ApiError(answer?.reason ?? m.invitations_page_failed(), response.status);
	return answer;
}

const teamPath = (structureId: string) =>
	`/api/structures/${encodeURIComponent(structureId.replace(/^structure:/, ''))}`;

export const peekInvitation = (token: string) =>
	send<InvitationPeek>('/api/invitation/peek', 'POST', { token });
export const acceptInvitation = (token: string, password: string) =>
	send<{ ok: true }>('/api/invitation/accept', 'POST', { token, password });

export const teamOf = (structureId: string) => send<Team>(`${teamPath(structureId)}/team`, 'GET');
export const invite = (structureId: string, who: { name: string; email: string; role: StructureRole }) =>
	send<{ ok: true }>(`${teamPath(structureId)}/invitations`, 'POST', who);
export const resend = (structureId: string, email: string) =>
	send<{ ok: true }>(`${teamPath(structureId)}/team/resend`, 'POST', { email });
export const revoke = (structureId: string, email: string) =>
	send<{ ok: true }>(`${teamPath(structureId)}/team/revoke`, 'POST', { email });
export const removeFromStructure = (structureId: string, email: string) =>
	send<{ ok: true }>(`${teamPath(structureId)}/team/remove`, 'POST', { email });
export const setRole = (structureId: string, email: string, role: StructureRole) =>
	send<{ ok: true }>(`${teamPath(structureId)}/team/role`, 'PUT', { email, role });
