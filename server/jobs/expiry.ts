// The end of a listing's validity: a reminder to its owner a few days before (an in-app notice,
// e-mailed by the notice job; one per listing and end date), then the listing marked expired.
import { expiryNotice, expiryNoticeId, isRunning, type Listing, type Notice } from '../../src/lib/domain';
import { addDays, currentDocs, frenchDate, type JobContext, writeAsServer } from './context';

/** Marks `expired` every running listing whose last valid day is past. */
export async function expireListings(ctx: JobContext): Promise<number> {
	await ctx.watch.catchUp();
	const today = frenchDate(ctx.now());
	const past = [...ctx.watch.running.values()].filter((l) => l.validUntil < today).map((l) => l._id);
	const listings = await currentDocs<Listing>(ctx.couch.db, past);
	const updatedAt = ctx.now().toISOString();
	const expired = listings
		.filter((l) => isRunning(l) && l.validUntil < today)
		.map((l) => ({ ...l, status: 'expired', updatedAt }));
	return (await writeAsServer(ctx, expired, 'Expiration d’annonce')).length;
}

/** Writes the reminder notice of each running listing that ends within `reminderDays`, once. */
export async function remindOwners(ctx: JobContext): Promise<number> {
	await ctx.watch.catchUp();
	const today = frenchDate(ctx.now());
	const last = addDays(today, ctx.reminderDays);
	const soon = [...ctx.watch.running.values()].filter(
		(l) => l.validUntil >= today && l.validUntil <= last && l.owner.startsWith('structure:'),
	);
	if (soon.length === 0) return 0;
	const ids = soon.map((l) => expiryNoticeId(l._id, l.validUntil));
	// A notice deleted by its structure (cleared) still counts as sent.
	const known = await ctx.couch.db.allDocs({ keys: ids });
	const sent = new Set(known.rows.filter((row) => !('error' in row)).map((row) => row.key));
	const at = ctx.now().toISOString();
	const notices: Notice[] = soon
		.filter((_, i) => !sent.has(ids[i]))
		.map((l) => ({
			_id: expiryNoticeId(l._id, l.validUntil),
			type: 'notice',
			schema: 1,
			owner: l.owner,
			audience: 'owner',
			kind: 'expiry-soon',
			subject: l._id,
			...expiryNotice(l.title, l.validUntil),
			createdAt: at,
			updatedAt: at,
		}));
	return (await writeAsServer(ctx, notices, 'Rappel d’expiration')).length;
}
