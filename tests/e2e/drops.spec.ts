// A listing made members-only leaves the visitor's device at its next sync: gone from the list of
// listings (the query tables) and from the replica, not only hidden.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ANIMATOR, api, basic, MEMBER_A, NON_MEMBER, SYNC_TIMEOUT, signIn, waitUpToDate } from './helpers';

const today = new Date().toISOString().slice(0, 10);
const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** The owner writes through the API (its session cookie, or `as`), as another device of theirs would. */
async function put(
	request: APIRequestContext,
	doc: Record<string, unknown>,
	as?: { email: string; password: string },
): Promise<string> {
	const response = await request.put(`/db/elbasar/${encodeURIComponent(String(doc._id))}`, {
		data: doc,
		headers: as ? { Authorization: basic(as) } : {},
	});
	expect(response.status(), await response.text()).toBe(201);
	return (await response.json()).rev;
}

/** Whether the visitor's replica (whatever its name after a rebuild) still holds `id` or any of its content. */
async function heldInReplica(page: Page, id: string): Promise<boolean> {
	return page.evaluate(async (docId) => {
		const request = <T>(r: IDBRequest<T>) =>
			new Promise<T>((resolve, reject) => {
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
		const names = (await indexedDB.databases()).map((d) => d.name ?? '');
		for (const name of names.filter((n) => n.startsWith('_pouch_elbasar'))) {
			const db = await request(indexedDB.open(name));
			try {
				if (!db.objectStoreNames.contains('document-store')) continue;
				const tx = db.transaction(['document-store', 'by-sequence']);
				const row = await request<{ deletedOrLocal?: string } | undefined>(
					tx.objectStore('document-store').get(docId),
				);
				if (row && row.deletedOrLocal !== '1') return true;
				const range = IDBKeyRange.bound(`${docId}::`, `${docId}::\uffff`);
				const revisions = await request(tx.objectStore('by-sequence').index('_doc_id_rev').getAll(range));
				if (revisions.some((revision: { title?: string }) => revision.title !== undefined)) return true;
			} finally {
				db.close();
			}
		}
		return false;
	}, id);
}

function newListing(owner: string, title: string, audience: string): Record<string, unknown> {
	return {
		_id: `listing:e2e-${Date.now()}`,
		type: 'listing',
		schema: 1,
		owner,
		audience,
		createdAt: new Date().toISOString(),
		updatedAt: new Date().toISOString(),
		kind: 'offer',
		nature: 'loan',
		sector: 'reemploi',
		title,
		text: 'Un diable pliant, à reprendre à la recyclerie.',
		commune: '62041',
		validFrom: today,
		validUntil: inAMonth,
		status: 'open',
	};
}

test('a listing made members-only disappears from a visitor’s device at the next sync', async ({
	page,
	request,
}) => {
	test.setTimeout(300_000);
	const login = await request.post('/api/session', { data: MEMBER_A });
	expect(login.ok()).toBe(true);
	const owner = (await login.json()).user.structureId as string;
	const title = `Prêt d’un diable de manutention ${Date.now()}`;
	const listing = newListing(owner, title, 'public');
	listing._rev = await put(request, listing);

	await page.goto('/annonces');
	await waitUpToDate(page);
	await expect(page.getByRole('link', { name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });
	expect(await heldInReplica(page, String(listing._id))).toBe(true);

	await put(request, { ...listing, audience: 'members', updatedAt: new Date().toISOString() });
	// The next sync: the app opened again.
	await page.reload();
	await waitUpToDate(page);
	await expect(page.getByRole('link', { name: title })).toHaveCount(0, { timeout: SYNC_TIMEOUT });
	await expect.poll(() => heldInReplica(page, String(listing._id)), { timeout: SYNC_TIMEOUT }).toBe(false);
});

// The non-member structure's own membership is the one changed: no other test signs it in, and it is
// put back as it was whatever happens, so tests running meanwhile (or after) see the demo unchanged.
test('a lapsed membership drops others’ members-only listings; active again, they come back', async ({
	page,
	request,
}) => {
	test.setTimeout(300_000);
	const owner = await api.structureOf(request, MEMBER_A);
	const title = `Outils réservés aux adhérents ${Date.now()}`;
	await put(request, newListing(owner, title, 'members'), MEMBER_A);

	const structure = await api.structureOf(request, NON_MEMBER);
	const membershipId = `membership:${structure.slice('structure:'.length)}`;
	const original = await api.get<Record<string, unknown>>(request, membershipId, ANIMATOR);
	expect(original, 'the demo gives the non-member structure a membership document').not.toBeNull();
	const setStatus = async (status: string) => {
		const doc = await api.get<Record<string, unknown>>(request, membershipId, ANIMATOR);
		await api.put(request, { ...doc, status, updatedAt: new Date().toISOString() }, ANIMATOR);
	};
	try {
		await setStatus('active');
		await signIn(page, NON_MEMBER);
		await page.goto('/annonces');
		await expect(page.getByRole('link', { name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });

		await setStatus('lapsed');
		await page.reload();
		await waitUpToDate(page);
		await expect(page.getByRole('link', { name: title })).toHaveCount(0, { timeout: SYNC_TIMEOUT });

		await setStatus('active');
		await page.reload();
		await expect(page.getByRole('link', { name: title })).toBeVisible({ timeout: SYNC_TIMEOUT });
	} finally {
		const current = await api.get<{ _rev: string }>(request, membershipId, ANIMATOR);
		await api.put(request, { ...original, _rev: current?._rev }, ANIMATOR);
	}
});
