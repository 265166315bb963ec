// The live queries around a listing's life over real Dexie tables (fake-indexeddb): hidden
// listings leave the open lists, favourites join their listings, the moderation queue groups reports.
import type { Observable } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { hideContent, type Listing, newFavourite, type Report } from '../../src/lib/domain';
import { favouritesOf } from '../../src/lib/favourites/queries';
import { listingsOf, openListings } from '../../src/lib/listings/queries';
import { tables } from '../../src/lib/local/db';
import { hiddenContents, moderationQueue } from '../../src/lib/moderation/queries';
import { addMonths, today } from '../../src/lib/ui/format';

const at = '2026-01-01T10:00:00.000Z';
const base = { schema: 1, audience: 'public', createdAt: at, updatedAt: at } as const;

function listing(key: string, over: Partial<Listing> = {}): Listing {
	return {
		...base,
		_id: `listing:${key}`,
		type: 'listing',
		owner: 'structure:a',
		kind: 'offer',
		nature: 'loan',
		sector: 'mobilite',
		title: key,
		text: '',
		commune: '59350',
		validFrom: today(),
		validUntil: addMonths(today(), 1),
		status: 'open',
		...over,
	};
}

function report(key: string, target: string, over: Partial<Report> = {}): Report {
	return {
		...base,
		_id: `report:${key}`,
		type: 'report',
		owner: 'structure:b',
		audience: 'owner',
		target,
		targetOwner: 'structure:a',
		excerpt: target,
		reason: 'spam',
		details: '',
		reporterName: 'Marc',
		status: 'open',
		...over,
	};
}

const first = <T>(observable: Observable<T>) =>
	new Promise<T>((resolve, reject) => {
		const sub = observable.subscribe({
			next: (value) => {
				resolve(value);
				queueMicrotask(() => sub.unsubscribe());
			},
			error: reject,
		});
	});

beforeEach(async () => {
	await Promise.all([tables.listings.clear(), tables.favourites.clear(), tables.reports.clear()]);
});

describe('a hidden listing', () => {
	it('is not among the open listings on its owner’s device, filtered or not, nor on its structure page', async () => {
		await tables.listings.bulkPut([listing('shown'), hideContent(listing('hidden'), 'Anne', 'Hors sujet')]);
		expect((await first(openListings({}, 50))).rows.map((r) => r.listing.title)).toEqual(['shown']);
		expect((await first(openListings({}, 50))).total).toBe(1);
		const filtered = await first(openListings({ sector: 'mobilite' }, 50));
		expect(filtered.rows.map((r) => r.listing.title)).toEqual(['shown']);
		expect((await first(listingsOf('structure:a', true))).map((l) => l.title)).toEqual(['shown']);
		expect((await first(listingsOf('structure:a', false))).map((l) => l.title).sort()).toEqual([
			'hidden',
			'shown',
		]);
	});
});

describe('favourites', () => {
	it('are the structure’s own, latest first, with their listing or null when it is gone', async () => {
		await tables.listings.bulkPut([listing('velo'), listing('remorque')]);
		await tables.favourites.bulkPut([
			{ ...newFavourite('structure:b', 'listing:velo'), createdAt: '2026-01-02T00:00:00.000Z' },
			{ ...newFavourite('structure:b', 'listing:parti'), createdAt: '2026-01-03T00:00:00.000Z' },
			newFavourite('structure:c', 'listing:remorque'),
		]);
		const rows = await first(favouritesOf('structure:b'));
		expect(rows.map((r) => [r.listingId, r.listing?.title ?? null])).toEqual([
			['listing:parti', null],
			['listing:velo', 'velo'],
		]);
	});
});

describe('the moderation queue', () => {
	it('groups open reports by content; hidden contents come with their reports', async () => {
		await tables.listings.bulkPut([
			listing('velo'),
			hideContent(listing('cache'), 'Anne', 'Spam', 'report:3'),
		]);
		await tables.reports.bulkPut([
			report('1', 'listing:velo'),
			report('2', 'listing:velo', { owner: 'structure:c', updatedAt: '2026-01-05T00:00:00.000Z' }),
			report('3', 'listing:cache', { status: 'closed' }),
		]);
		const queue = await first(moderationQueue());
		expect(queue.map((m) => [m.target, m.reports.map((r) => r._id)])).toEqual([
			['listing:velo', ['report:2', 'report:1']],
		]);
		expect(queue[0].listing?.title).toBe('velo');
		const hidden = await first(hiddenContents());
		expect(hidden.map((m) => [m.target, m.reports.map((r) => r._id)])).toEqual([
			['listing:cache', ['report:3']],
		]);
	});
});
