// When a listing is running, and what status a reader sees: one definition for the device's
// queries, the search, the expiry job, the listing pages and the speed-dating seats.

/** What these rules read of a listing (a stored listing, a query row, a search entry). */
export interface ListingLifeFields {
	status?: string;
	/** First valid day, YYYY-MM-DD. */
	validFrom?: string;
	/** Last valid day, YYYY-MM-DD. */
	validUntil?: string;
}

/** Still going: neither concluded, withdrawn nor expired (open, or in discussion). */
export function isRunning(listing: ListingLifeFields): boolean {
	return listing.status === 'open' || listing.status === 'discussion';
}

/**
 * The status a reader sees: a running listing past its last valid day is expired, even before the
 * server's job marks it so (`today` is YYYY-MM-DD, the French date).
 */
export function effectiveStatus(listing: ListingLifeFields, today: string): string {
	return isRunning(listing) && (listing.validUntil ?? '') < today ? 'expired' : (listing.status ?? '');
}

/** On offer today: open and not past its last valid day. */
export function isOpen(listing: ListingLifeFields, today: string): boolean {
	return effectiveStatus(listing, today) === 'open';
}

/**
 * Open but not on offer yet: its first valid day is still to come, so a reader is told when it
 * starts rather than « Ouverte ».
 */
export function startsLater(listing: ListingLifeFields, today: string): boolean {
	return isOpen(listing, today) && (listing.validFrom ?? '') > today;
}
