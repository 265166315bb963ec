// RGPD erasure on a 390 px phone: the animator erases, on request, a directory entry made for this
// test while a member's phone that holds it is offline; back online, that phone syncs and its
// IndexedDB (the replica and the query tables) keeps none of the entry's documents.
import { expect, type Page, test } from '@playwright/test';
import { ANIMATOR, api, basic, deviceOf, MEMBER_A, SYNC_TIMEOUT } from './helpers';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Whether the device's IndexedDB holds `id` or any revision with `text` in it, in the replica or the tables. */
function heldOnDevice(page: Page, id: string, text: string): Promise<boolean> {
	return page.evaluate(
		async ({ id, text }) => {
			const request = <T>(r: IDBRequest<T>) =>
				new Promise<T>((resolve, reject) => {
					r.onsuccess = () => resolve(r.result);
					r.onerror = () => reject(r.error);
				});
			const names = (await indexedDB.databases()).map((d) => d.name ?? '');
			for (const name of names.filter((n) => n.startsWith('_pouch_elbasar') || n === 'elbasar-tables')) {
				const db = await request(indexedDB.open(name));
				try {
					for (const store of Array.from(db.objectStoreNames)) {
						const rows = await request(db.transaction(store).objectStore(store).getAll());
						for (const row of rows as Record<string, unknown>[]) {
							if (store === 'document-store' && row.id === id && row.deletedOrLocal !== '1') return true;
							if (store !== 'document-store' && JSON.stringify(row).includes(text)) return true;
						}
					}
				} finally {
					db.close();
				}
			}
			return false;
		},
		{ id, text },
	);
}

test('an erasure reaches a phone that was offline during it, which then holds nothing of the person', async ({
	browser,
	request,
}) => {
	const session = await request.get('/api/session', { headers: { Authorization: basic(MEMBER_A) } });
	const structure = (await session.json()).user.structureId as string;
	const key = `e2e-rgpd-${Date.now()}`;
	const name = `Camille Effacée ${key.slice(-6)}`;
	const phone = `03 20 ${key.slice(-2)} 11 22`;
	const at = new Date().toISOString();
	const common = { schema: 1, owner: structure, audience: 'members', createdAt: at, updatedAt: at };
	await api.put(
		request,
		{ _id: `person:${key}`, type: 'person', structure, name, role: 'Bénévole', ...common },
		ANIMATOR,
	);
	await api.put(
		request,
		{
			_id: `contact:${key}`,
			type: 'contact',
			person: `person:${key}`,
			email: `${key}@exemple.test`,
			phone,
			...common,
		},
		ANIMATOR,
	);

	// The member's phone holds the entry and its contact, then loses the network.
	const member = await deviceOf(browser, MEMBER_A, PHONE);
	await expect
		.poll(() => heldOnDevice(member, `contact:${key}`, phone), { timeout: SYNC_TIMEOUT })
		.toBe(true);
	expect(await heldOnDevice(member, `person:${key}`, name)).toBe(true);
	await member.context().setOffline(true);

	// The animator erases the entry from the screen, with the reason of the request.
	const staff = await deviceOf(browser, ANIMATOR, PHONE);
	await staff.goto('/animation');
	await staff.getByRole('link', { name: 'Effacement de données (RGPD)' }).click();
	await expect(
		staff.getByRole('heading', { level: 1, name: 'Effacer les données d’une personne' }),
	).toBeVisible();
	const choice = staff.getByLabel('Personne');
	await expect(choice.locator('option', { hasText: name })).toHaveCount(1);
	await choice.selectOption({ label: `${name} (fiche de l’annuaire)` });
	await staff.getByLabel('Motif de la demande').fill('demande écrite de la personne');
	await staff.getByRole('button', { name: 'Effacer ses données' }).click();
	await expect(staff.getByRole('status').filter({ hasText: 'Données effacées.' })).toBeVisible();
	await expect(staff.getByText('demande écrite de la personne')).toBeVisible();
	expect(await api.get(request, `person:${key}`, ANIMATOR)).toBeNull();

	// Back online, the phone syncs: nothing of the person is left on it.
	await member.context().setOffline(false);
	await expect
		.poll(
			async () =>
				(await heldOnDevice(member, `person:${key}`, name)) ||
				(await heldOnDevice(member, `contact:${key}`, phone)),
			{ timeout: SYNC_TIMEOUT },
		)
		.toBe(false);
	await member.context().close();
	await staff.context().close();
});
