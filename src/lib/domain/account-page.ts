// What the account page's routes answer (server/auth/account-page.ts), shared by the server that
// writes it and the app that reads it.

/** The e-mails a person may turn off or on: the saved searches' daily digest, the network's newsletter. */
export interface Notifications {
	digest: boolean;
	newsletter: boolean;
}

export interface AccountInfo {
	/** Stable when the e-mail changes. */
	accountId: string;
	email: string;
	name: string;
	locale: 'fr' | 'en';
	notifications: Notifications;
}

/** A signed-in device as the account page lists it: never its token nor the hash it is stored by. */
export interface SessionInfo {
	/** A handle for « déconnecter » (it opens nothing). */
	id: string;
	/** A short label read from the User-Agent at sign-in (« Chrome · Android »). */
	device: string;
	createdAt: string | null;
	/** The last request, to within a few minutes. */
	lastSeen: string | null;
	/** This device's own session. */
	current: boolean;
}
