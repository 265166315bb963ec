// What a structure does with its own listing besides editing it, on the device (saved to the
// replica at once, pushed later): extend its validity.
import type { Listing } from '../domain';
import { saveDoc } from '../sync/docs';

/** Runs the listing until `validUntil`; an expired one opens again. */
export function extendListing(listing: Listing, validUntil: string): Promise<Listing> {
	return saveDoc<Listing>({
		...listing,
		validUntil,
		status: listing.status === 'expired' ? 'open' : listing.status,
	});
}
