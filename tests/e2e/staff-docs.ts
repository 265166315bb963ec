// Preconditions written through the API as the network's animator (not through a second browser),
// and removed afterwards, so a browser test works on its own documents and leaves the demo as found.
import { type APIRequestContext, expect } from '@playwright/test';

export const ANIMATOR = { email: 'animatrice@elbasar.example.org', password: 'animatrice-demo' };

export const basic = (account: { email: string; password: string }) =>
	`Basic ${Buffer.from(`${account.email}:${account.password}`).toString('base64')}`;

/** Writes the documents in one `_bulk_docs`, in order; every one must be accepted. */
export async function writeAsAnimator(request: APIRequestContext, docs: { _id: string }[]): Promise<void> {
	const response = await request.post('/db/elbasar/_bulk_docs', {
		headers: { authorization: basic(ANIMATOR) },
		data: { docs },
	});
	expect(response.status()).toBe(201);
	const rows = (await response.json()) as { id: string; ok?: boolean; error?: string; reason?: string }[];
	expect(rows.filter((r) => !r.ok)).toEqual([]);
}

/** Ids of the live documents whose id starts with `prefix`, as the animator reads them. */
export async function idsStartingWith(request: APIRequestContext, prefix: string): Promise<string[]> {
	const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
	const response = await request.get(`/db/elbasar/_all_docs?${range}`, {
		headers: { authorization: basic(ANIMATOR) },
	});
	expect(response.ok()).toBe(true);
	return ((await response.json()) as { rows: { id: string }[] }).rows.map((r) => r.id);
}

/** Deletes the documents (those already gone are skipped), as the animator. */
export async function removeAsAnimator(request: APIRequestContext, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const response = await request.post('/db/elbasar/_all_docs', {
		headers: { authorization: basic(ANIMATOR) },
		data: { keys: ids },
	});
	expect(response.ok()).toBe(true);
	const rows = (await response.json()) as {
		rows: { id: string; value?: { rev: string; deleted?: boolean } }[];
	};
	const live = rows.rows.flatMap((r) => (r.value && !r.value.deleted ? [r] : []));
	if (live.length === 0) return;
	await writeAsAnimator(
		request,
		live.map((r) => ({ _id: r.id, _rev: r.value?.rev, _deleted: true })),
	);
}
