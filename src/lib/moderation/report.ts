// A structure reports a listing or a message to the staff, on the device (pushed later); the
// report replicates back to its sender only, so it can see what it already sent.
import { newKey, type Report, type ReportReason } from '../domain';
import { save } from '../forms/unstamped';

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
	return save<Report>({
		_id: `report:${newKey()}`,
		type: 'report',
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
	});
}
