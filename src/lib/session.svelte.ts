/// <reference types="svelte" />
// Who is signed in on this device. Remembered in localStorage so the app starts offline knowing
// its user; checked with the server (/api/session) whenever it can be reached.
import { ROLES, type Role, VISITOR, type Viewer } from './domain';
import { getLocale, type Locale, m } from './i18n';

export interface SessionUser {
	/** The account's id, stable when its e-mail changes (older servers did not send it). */
	accountId?: string;
	email: string;
	name: string;
	role: Role;
	structureId: string | null;
}

/** Called when the signed-in account changes (sign-in, sign-out, expiry); awaited. */
export type SessionListener = (before: SessionUser | null, after: SessionUser | null) => Promise<void> | void;

const USER_KEY = 'elbasar:user';
/** A sign-out made offline: the server's cookie still lives, nothing may sync until it is closed. */
const SIGN_OUT_KEY = 'elbasar:sign-out-pending';

function parseUser(value: unknown): SessionUser | null {
	if (typeof value !== 'object' || value === null) return null;
	const u = value as Record<string, unknown>;
	if (typeof u.email !== 'string' || !ROLES.includes(u.role as Role) || u.role === 'visitor') return null;
	return {
		...(typeof u.accountId === 'string' ? { accountId: u.accountId } : {}),
		email: u.email,
		name: typeof u.name === 'string' ? u.name : u.email,
		role: u.role as Role,
		structureId: typeof u.structureId === 'string' ? u.structureId : null,
	};
}

function storage(): Storage | undefined {
	return globalThis.localStorage;
}

function cachedUser(): SessionUser | null {
	try {
		return parseUser(JSON.parse(storage()?.getItem(USER_KEY) ?? 'null'));
	} catch {
		return null;
	}
}

async function reasonOf(response: Response, fallback: string): Promise<string> {
	const body = (await response.json().catch(() => null)) as { reason?: unknown } | null;
	return typeof body?.reason === 'string' ? body.reason : fallback;
}

export class Session {
	user = $state<SessionUser | null>(null);
	ready = $state(false);
	viewer: Viewer = $derived(
		this.user
			? {
					role: this.user.role,
					accountId: this.user.accountId ?? `account:${this.user.email}`,
					structureId: this.user.structureId ?? undefined,
				}
			: VISITOR,
	);
	#listeners: SessionListener[] = [];

	constructor(private readonly api = '/api/session') {}

	onChange(listener: SessionListener): () => void {
		this.#listeners.push(listener);
		return () => {
			this.#listeners = this.#listeners.filter((l) => l !== listener);
		};
	}

	/** Reads the remembered user at once, then asks the server (false when it cannot be reached). */
	async start(): Promise<boolean> {
		this.user = cachedUser();
		this.ready = true;
		return this.refresh();
	}

	/** Asks the server who is signed in and follows its answer; false when it cannot be reached. */
	async refresh(): Promise<boolean> {
		if (!(await this.closePendingSignOut())) return false;
		try {
			const response = await fetch(this.api, { headers: { Accept: 'application/json' } });
			if (!response.ok) return false;
			const body = (await response.json()) as { user?: unknown };
			await this.#become(parseUser(body.user));
			return true;
		} catch {
			return false;
		}
	}

	/** Signs in; throws an Error whose message, in French, says what went wrong. */
	async signIn(email: string, password: string): Promise<SessionUser> {
		if (!(await this.closePendingSignOut())) throw new Error(m.common_session_network_error());
		let response: Response;
		try {
			response = await fetch(this.api, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify({ email: email.trim(), password }),
			});
		} catch {
			throw new Error(m.common_session_network_error());
		}
		if (response.status === 401) throw new Error(await reasonOf(response, m.common_session_wrong_password()));
		if (response.status === 429) throw new Error(await reasonOf(response, m.common_session_too_many()));
		if (!response.ok) throw new Error(await reasonOf(response, m.common_session_failed()));
		const user = parseUser(((await response.json()) as { user?: unknown }).user);
		if (!user) throw new Error(m.common_session_unexpected());
		await this.#become(user);
		void this.tellLanguage(getLocale());
		return user;
	}

	/**
	 * Takes an account the server signed this device in as (a password reset's answer), as a
	 * sign-in does; false when the answer holds no user.
	 */
	async adopt(value: unknown): Promise<boolean> {
		const user = parseUser(value);
		if (!user) return false;
		storage()?.removeItem(SIGN_OUT_KEY);
		await this.#become(user);
		void this.tellLanguage(getLocale());
		return true;
	}

	/**
	 * Tells the server the language of this account's e-mails (PUT /api/account/locale). Sent at
	 * sign-in, so a choice made while signed out or offline reaches it, and when the switch changes;
	 * `keepalive` lets it leave although changing the language reloads the page.
	 */
	async tellLanguage(locale: Locale): Promise<void> {
		if (!this.user) return;
		await fetch('/api/account/locale', {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ locale }),
			keepalive: true,
		}).catch(() => undefined);
	}

	/**
	 * Signs out, online or not: this device forgets the account and its data at once. Offline, the
	 * server's session is closed at the next connection, before anything syncs again.
	 */
	async signOut(): Promise<void> {
		storage()?.setItem(SIGN_OUT_KEY, '1');
		await this.closePendingSignOut();
		await this.#become(null);
	}

	/** Closes a sign-out made offline; false while the server cannot be told. */
	async closePendingSignOut(): Promise<boolean> {
		if (!storage()?.getItem(SIGN_OUT_KEY)) return true;
		try {
			const response = await fetch(this.api, { method: 'DELETE' });
			if (!response.ok) return false;
			storage()?.removeItem(SIGN_OUT_KEY);
			return true;
		} catch {
			return false;
		}
	}

	get signOutPending(): boolean {
		return storage()?.getItem(SIGN_OUT_KEY) === '1';
	}

	async #become(user: SessionUser | null): Promise<void> {
		const before = this.user;
		if (JSON.stringify(before) === JSON.stringify(user)) return;
		if (user) storage()?.setItem(USER_KEY, JSON.stringify(user));
		else storage()?.removeItem(USER_KEY);
		this.user = user;
		for (const listener of this.#listeners) await listener(before, user);
	}
}

export const session = new Session();
