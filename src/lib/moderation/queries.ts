// Live queries of moderation: the report a structure already sent about a content, and for staff
// the moderation queue (open reports by content), the hidden contents and the decisions taken.
import { liveQuery, type Observable } from 'dexie';
import type { Listing, Message, Report } from '../domain';
import { type Row, tables } from '../local/db';

/** The report this structure already sent about a content, if any (reports replicate to their sender). */
export function reportBy(structure: string, target: string): Observable<Row<Report> | undefined> {
	return liveQuery(async () => {
		const reports = await tables.reports.where('target').equals(target).toArray();
		return reports.find((r) => r.owner === structure);
	});
}

/** A reported or hidden content, as the moderation screen shows it. */
export interface Moderated {
	target: string;
	listing: Row<Listing> | null;
	message: Row<Message> | null;
	ownerName: string | null;
	reports: Row<Report>[];
	reporterNames: Record<string, string>;
}

async function moderated(target: string, reports: Row<Report>[]): Promise<Moderated> {
	const [listing, message] = await Promise.all([
		target.startsWith('listing:') ? tables.listings.get(target) : undefined,
		target.startsWith('message:') ? tables.messages.get(target) : undefined,
	]);
	const owner = listing?.owner ?? message?.owner ?? reports[0]?.targetOwner ?? '';
	const names = await tables.structures.bulkGet([owner, ...reports.map((r) => r.owner)]);
	const reporterNames = Object.fromEntries(reports.map((r, i) => [r.owner, names[i + 1]?.name ?? '']));
	return {
		target,
		listing: listing ?? null,
		message: message ?? null,
		ownerName: names[0]?.name ?? null,
		reports,
		reporterNames,
	};
}

const latestFirst = (a: { updatedAt: string }, b: { updatedAt: string }) =>
	a.updatedAt < b.updatedAt ? 1 : -1;

function byTarget(reports: Row<Report>[]): Map<string, Row<Report>[]> {
	const groups = new Map<string, Row<Report>[]>();
	for (const r of reports.sort(latestFirst)) groups.set(r.target, [...(groups.get(r.target) ?? []), r]);
	return groups;
}

/** Open reports grouped by the content they are about, the most recently reported first. */
export function moderationQueue(): Observable<Moderated[]> {
	return liveQuery(async () => {
		const open = await tables.reports.where('status').equals('open').toArray();
		return Promise.all([...byTarget(open)].map(([target, reports]) => moderated(target, reports)));
	});
}

/**
 * Contents hidden now (listings and messages narrowed to their owner), with the reports about them.
 * Messages are only hidden from a report, so they are looked for among reported ones.
 */
export function hiddenContents(): Observable<Moderated[]> {
	return liveQuery(async () => {
		const [listings, reports] = await Promise.all([
			tables.listings
				.where('audience')
				.equals('owner')
				.filter((l) => !!l.hidden)
				.toArray(),
			tables.reports.toArray(),
		]);
		const reported = [...new Set(reports.map((r) => r.target).filter((t) => t.startsWith('message:')))];
		const messages = (await tables.messages.bulkGet(reported)).filter((m) => !!m?.hidden);
		const groups = byTarget(reports);
		const targets = [...listings, ...messages].map((d) => d?._id ?? '');
		return Promise.all(targets.map((t) => moderated(t, groups.get(t) ?? [])));
	});
}

/** Closed reports, the latest decided first: the record of who decided what, when and why. */
export function decidedReports(limit: number): Observable<Row<Report>[]> {
	return liveQuery(async () => {
		const closed = await tables.reports.where('status').equals('closed').toArray();
		return closed.sort(latestFirst).slice(0, limit);
	});
}
