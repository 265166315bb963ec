// The signed-in person's member card: fetched from the server once, then kept on the device
// (localStorage) so it shows at the door with no network.
import { m } from '../i18n';

const CARD_KEY = 'elbasar:member-card';

export interface StoredCard {
	email: string;
	code: string;
	name: string;
	issued: string;
}

function cached(email: string): StoredCard | null {
	try {
		const card = JSON.parse(globalThis.localStorage?.getItem(CARD_KEY) ?? 'null') as StoredCard | null;
		return card?.email === email ? card : null;
	} catch {
		return null;
	}
}

export class MemberCard {
	card = $state<StoredCard | null>(null);
	/** True from the start when no card is kept yet: the page says « Chargement… », never nothing. */
	loading = $state(false);
	error = $state<string | null>(null);

	constructor(private readonly email: string) {
		this.card = cached(email);
		this.loading = !this.card;
	}

	/** Asks the server for a fresh card; offline, the kept one stays. */
	async refresh(): Promise<void> {
		this.loading = true;
		this.error = null;
		try {
			const response = await fetch('/api/card', { credentials: 'same-origin' });
			const body = (await response.json().catch(() => null)) as {
				code?: string;
				name?: string;
				payload?: { issued: string };
				reason?: string;
			} | null;
			if (!response.ok || !body?.code) {
				this.error = body?.reason ?? m.card_error_server();
				return;
			}
			this.card = {
				email: this.email,
				code: body.code,
				name: body.name ?? '',
				issued: body.payload?.issued ?? '',
			};
			globalThis.localStorage?.setItem(CARD_KEY, JSON.stringify(this.card));
		} catch {
			if (!this.card) this.error = m.card_error_offline();
		} finally {
			this.loading = false;
		}
	}
}
