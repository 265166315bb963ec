// The accounts of one structure as its page shows them: loaded from the server (they never reach
// the device), reloaded after each action; `message` says what the last action did or why it failed.
import { m } from '$lib/i18n';
import * as api from './api';

export class TeamState {
	team = $state<api.Team | null>(null);
	loading = $state(true);
	/** The page cannot show the list (offline, or not this caller's to see). */
	unavailable = $state<string | null>(null);
	message = $state<{ text: string; failed: boolean } | null>(null);
	busy = $state(false);

	constructor(readonly structureId: string) {}

	async load(): Promise<void> {
		try {
			this.team = await api.teamOf(this.structureId);
			this.unavailable = null;
		} catch (err) {
			this.team = null;
			this.unavailable = err instanceof api.ApiError && err.status === 0 ? m.invitations_team_offline() : '';
		} finally {
			this.loading = false;
		}
	}

	/** Runs an action, then says `done` and reloads; a refusal is said with the server's reason. */
	async act(action: () => Promise<unknown>, done: string): Promise<boolean> {
		this.busy = true;
		this.message = null;
		try {
			await action();
			this.message = { text: done, failed: false };
			await this.load();
			return true;
		} catch (err) {
			this.message = { text: err instanceof Error ? err.message : m.invitations_page_failed(), failed: true };
			return false;
		} finally {
			this.busy = false;
		}
	}

	invite(who: { name: string; email: string; role: api.StructureRole }) {
		return this.act(() => api.invite(this.structureId, who), m.invitations_invite_sent({ email: who.email }));
	}
	resend(p: api.TeamMember) {
		return this.act(() => api.resend(this.structureId, p.email), m.invitations_resent({ email: p.email }));
	}
	revoke(p: api.TeamMember) {
		return this.act(() => api.revoke(this.structureId, p.email), m.invitations_revoked());
	}
	remove(p: api.TeamMember) {
		return this.act(
			() => api.removeFromStructure(this.structureId, p.email),
			m.invitations_removed({ name: p.name }),
		);
	}
	setRole(p: api.TeamMember, role: api.StructureRole) {
		return this.act(
			() => api.setRole(this.structureId, p.email, role),
			m.invitations_role_changed({ name: p.name }),
		);
	}
}
