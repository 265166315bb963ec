// The write gate on a real phone: offline, an edit of another structure's listing is refused by the
// device itself, with the server's French reason, and nothing waits to be synced. The pages never
// offer that edit, so the test calls the app's own write action through its debugging handle.
import { type APIRequestContext, expect, test } from '@playwright/test';
import { MEMBER_A, signIn, waitUpToDate } from './helpers';

type Account = { email: string; password: string };
type Listing = { _id: string; _rev: string; owner: string; audience: string; title: string };
/** What the app exposes as `globalThis.elbasar` (src/lib/app.ts). */
type Handle = { getDoc(id: string): Promise<Listing | null>; saveDoc(doc: Listing): Promise<Listing> };

const basic = (account: Account) =>
	`Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;

async function serverCopy(request: APIRequestContext, id: string): Promise<Listing> {
	const response = await request.get(`/db/elbasar/${encodeURIComponent(id)}`, {
		headers: { Authorization: basic(MEMBER_A) },
	});
	expect(response.ok()).toBe(true);
	return response.json();
}

/** A public listing of a structure other than member A's, as the server gives it to member A. */
async function listingOfAnotherStructure(request: APIRequestContext): Promise<Listing> {
	const session = await request.get('/api/session', { headers: { Authorization: basic(MEMBER_A) } });
	const ownStructure = (await session.json()).user.structureId;
	const range = `startkey=${encodeURIComponent('"listing:"')}&endkey=${encodeURIComponent('"listing:\uffff"')}`;
	const response = await request.get(`/db/elbasar/_all_docs?include_docs=true&${range}`, {
		headers: { Authorization: basic(MEMBER_A) },
	});
	const rows = (await response.json()).rows as { doc: Listing }[];
	const theirs = rows.find((r) => r.doc.owner !== ownStructure && r.doc.audience === 'public');
	expect(theirs, 'the demo data has listings of other structures').toBeDefined();
	return theirs!.doc;
}

test('a member, offline, cannot save an edit of another structure’s listing: the device refuses it at once and queues nothing', async ({
	page,
	context,
	request,
}) => {
	test.setTimeout(300_000);
	const theirs = await listingOfAnotherStructure(request);

	await signIn(page, MEMBER_A);
	await page.waitForFunction(() => 'elbasar' in globalThis);
	const device = (id: string) =>
		page.evaluate((docId) => (globalThis as unknown as { elbasar: Handle }).elbasar.getDoc(docId), id);
	const held = await device(theirs._id);
	expect(held).toMatchObject({ _id: theirs._id, owner: theirs.owner, title: theirs.title });

	await context.setOffline(true);
	await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
	const outcome = await page.evaluate(async (doc) => {
		try {
			await (globalThis as unknown as { elbasar: Handle }).elbasar.saveDoc({
				...doc,
				title: 'Repris par La Pioche',
			});
			return { saved: true };
		} catch (err) {
			return { name: (err as Error).name, reason: (err as { reason?: string }).reason };
		}
	}, held!);

	expect(outcome).toEqual({ name: 'DocError', reason: expect.stringMatching(/autre structure/) });
	await expect(page.getByRole('status').filter({ hasText: 'en attente' })).toHaveCount(0);
	expect(await device(theirs._id)).toMatchObject({ _rev: held!._rev, title: theirs.title });

	await context.setOffline(false);
	await waitUpToDate(page);
	await expect(page.getByRole('status').filter({ hasText: 'en attente' })).toHaveCount(0);
	expect(await serverCopy(request, theirs._id)).toMatchObject({ _rev: theirs._rev, title: theirs.title });
});
