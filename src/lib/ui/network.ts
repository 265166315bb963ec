// The network behind elBasar, in one place: whom people write to for an account, a membership or a
// lost password. Not in the server's configuration yet (no public config endpoint exists): change it here.
export const NETWORK_CONTACT_EMAIL = 'contact@elbasar.example.org';

/** A mailto: link to the network's team, with a subject. */
export function contactHref(subject: string): string {
	return `mailto:${NETWORK_CONTACT_EMAIL}?subject=${encodeURIComponent(subject)}`;
}
