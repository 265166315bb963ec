// What a structure does around a listing, on the device (saved to the replica at once, pushed
// later): star or unstar it, report a listing or a message, extend its validity, mark a notice read.
import {
	favouriteId,
	type Listing,
	type Notice,
	newFavourite,
	newKey,
	type Report,
	type ReportReason,
} from '../../domain';
import { getDoc, removeDoc, saveDoc } from '../../sync/docs';

/** Stars the listing for the structure, or unstars it; resolves with whether it is starred now. */
export async function toggleFavourite(structure: string, listing: string): Promise<boolean> {
	const current = await getDoc(favouriteId(structure, listing));
	if (current) {
		await removeDoc(current);
		return false;
	}
	await saveDoc(newFavourite(structure, listing));
	return true;
}

export interface ReportTarget {
	/** `listing:…` or `message:…` */
	id: string;
	owner: string;
	/** What the reporter saw: the listing's title, or the start of the message. */
	excerpt: string;
	conversation?: string;
}

export function sendReport(
	target: ReportTarget,
	by: { structureId: string; name: string },
	reason: ReportReason,
	details: string,
): Promise<Report> {
	const now = new Date().toISOString();
	return saveDoc<Report>({
		_id: `report:${newKey()}`,
		type: 'report',
		schema: 1,
		owner: by.structureId,
		audience: 'owner',
		target: target.id,
		targetOwner: target.owner,
		excerpt: target.excerpt.slice(0, 300),
		...(target.conversation ? { conversation: target.conversation } : {}),
		reason,
		details: details.trim(),
		reporterName: by.name.slice(0, 120),
		status: 'open',
		createdAt: now,
		updatedAt: now,
	});
}

/** Runs the listing until `validUntil`; an expired one opens again. */
export function extendListing(listing: Listing, validUntil: string): Promise<Listing> {
	const { _conflicts, ...stored } = listing as Listing & { _conflicts?: string[] };
	return saveDoc<Listing>({
		...stored,
		validUntil,
		status: listing.status === 'expired' ? 'open' : listing.status,
	});
}

export function markNoticeRead(notice: Notice): Promise<Notice> {
	const { _conflicts, ...stored } = notice as Notice & { _conflicts?: string[] };
	return saveDoc<Notice>({ ...stored, readAt: new Date().toISOString() });
}
