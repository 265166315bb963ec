// Valid documents for the client-side sync and indexing tests.
import type { Listing, Structure } from '../../src/lib/domain';

const NOW = '2025-03-01T10:00:00.000Z';

export function structure(key: string, name = `Structure ${key}`): Structure {
	return {
		_id: `structure:${key}`,
		type: 'structure',
		schema: 1,
		owner: `structure:${key}`,
		audience: 'public',
		createdAt: NOW,
		updatedAt: NOW,
		name,
		legalForm: 'association',
		sectors: ['alimentation'],
		pitch: '',
		description: '',
		missions: '',
		offers: '',
		needs: '',
		address: '',
		commune: '62041',
		employees: '2-10',
	};
}

export function listing(key: string, owner = 'structure:la-pioche', title = `Annonce ${key}`): Listing {
	return {
		_id: `listing:${key}`,
		type: 'listing',
		schema: 1,
		owner,
		audience: 'public',
		createdAt: NOW,
		updatedAt: NOW,
		kind: 'offer',
		nature: 'loan',
		sector: 'reemploi',
		title,
		text: '',
		commune: '59350',
		validFrom: '2025-03-01',
		validUntil: '2025-06-01',
		status: 'open',
	};
}

/**
 * Resolves when `check` holds, polling the state it reads; fails after `ms`, which must stay under
 * the test's own timeout (vitest's default is 5 s) so that the failure names this wait.
 */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 4_000): Promise<void> {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
