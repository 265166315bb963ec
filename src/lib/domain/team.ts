// The accounts of a structure as the server lists them and the app shows them: each person's role
// within the structure and where their account stands. Shared words, no rules (the server decides).

export const STRUCTURE_ROLES = ['admin', 'member'] as const;
/** Within a structure: its admins invite and remove colleagues; members post and answer. */
export type StructureRole = (typeof STRUCTURE_ROLES)[number];

/** invité·e (a live link), actif (a password set), expiré (the link ran out), désactivé (by an operator). */
export type TeamStatus = 'invited' | 'active' | 'expired' | 'disabled';

export interface TeamMember {
	email: string;
	name: string;
	structureRole: StructureRole;
	status: TeamStatus;
	/** Until when the pending invitation holds. */
	expiresAt?: string;
}
