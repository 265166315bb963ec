// Document ids carry their type: `listing:…`, `structure:…`. The prefix is checked on every write.

export const DOC_TYPES = [
	'structure',
	'person',
	'contact',
	'membership',
	'listing',
	'event',
	'conversation',
	'message',
	'readmark',
	'checkin',
	'cardkey',
	'proposal',
	'registration',
	'savedsearch',
	'sdsession',
	'meeting',
	'followup',
	'favourite',
	'report',
	'notice',
	'invoice',
	'order',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** The network itself owns documents no structure owns (events it runs, for instance). */
export const NETWORK = 'network';

export function docId(type: DocType, key: string): string {
	return `${type}:${key}`;
}

/** The key of an id, without its type: `listing:abc` → `abc`. */
export function keyOf(id: string): string {
	return id.slice(id.indexOf(':') + 1);
}

export function typeOfId(id: string): DocType | undefined {
	const prefix = id.slice(0, id.indexOf(':'));
	return (DOC_TYPES as readonly string[]).includes(prefix) ? (prefix as DocType) : undefined;
}

/** A random, url-safe key for a new document, usable offline. */
export function newKey(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

/** Turns a name into a readable id key: "La Pioche (Arras)" → "la-pioche-arras". */
export function slugify(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
}
