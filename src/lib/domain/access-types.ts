// The words every access rule speaks — who is looking, what of a document the rules see, a
// decision — in a leaf module, so rule modules never import the modules that call them.
import type { Audience } from './fields';

export const ROLES = ['visitor', 'non-member', 'member', 'animator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	visitor: 'Visiteur',
	'non-member': 'Structure non adhérente',
	member: 'Adhérent',
	animator: 'Animatrice du réseau',
};

/** The person looking: a visitor, or a signed-in account of a structure, or the network's staff. */
export interface Viewer {
	role: Role;
	/** `account:<email>` on the server and on the device alike. */
	accountId?: string;
	/** The structure the account acts for (`structure:…`); staff may have none. */
	structureId?: string;
}

export const VISITOR: Viewer = { role: 'visitor' };

/** The few fields access rules look at; tombstones keep none of them. */
export interface Scoped {
	_id: string;
	type?: string;
	owner?: string;
	audience?: Audience;
	participants?: string[];
}

/** A document as the rules receive it: its scope fields, and whatever else it holds. */
export type Stored = Scoped & Record<string, unknown>;

/**
 * Reads a document already known to the writer (the store, or earlier in the same batch): the whole
 * document, of which the rules read the fields they need.
 */
export type Lookup = (id: string) => Scoped | undefined;

export type Decision = { ok: true } | { ok: false; reason: string };
export const allow: Decision = { ok: true };
export const deny = (reason: string): Decision => ({ ok: false, reason });
