// The app's page URLs, built from document ids in one place so that a route's path
// and the id it shows never drift apart (`listing:abc` → `/annonces/abc`).
import { keyOf } from './domain/ids';

export const listingHref = (id: string): string => `/annonces/${keyOf(id)}`;
export const listingEditHref = (id: string): string => `${listingHref(id)}/modifier`;
export const structureHref = (id: string): string => `/annuaire/${keyOf(id)}`;
export const eventHref = (id: string): string => `/agenda/${keyOf(id)}`;
export const eventDeskHref = (id: string): string => `${eventHref(id)}/accueil`;
export const speedDatingHref = (eventId: string): string => `/speed-dating/${keyOf(eventId)}`;
export const speedDatingConsoleHref = (eventId: string): string =>
	`/animation/speed-dating/${keyOf(eventId)}`;
export const conversationHref = (id: string): string => `/conversations/${keyOf(id)}`;

/** The conversation a message belongs to: `message:<listing>~<structure>~<time>~<random>`. */
export const messageConversationHref = (messageId: string): string =>
	`/conversations/${keyOf(messageId).split('~').slice(0, 2).join('~')}`;

/** A structure's directory page, or null for a participant who is not a structure. */
export const profileHref = (id: string): string | null =>
	id.startsWith('structure:') ? structureHref(id) : null;
