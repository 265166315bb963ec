// The pages' live queries over real Dexie tables (fake-indexeddb): filters, counts, order,
// what counts as open, and contact details joined to people.
import type { Observable } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { directory, peopleOf } from '../../src/lib/directory/queries';
import type { Contact, Listing, Membership, Person, Structure } from '../../src/lib/domain';
import { listingsOf, openListings } from '../../src/lib/listings/queries';
import { tables } from '../../src/lib/local/db';
import { addMonths, today } from '../../src/lib/ui/format';

const at = '2026-01-01T10:00:00.000Z';
const base = { schema: 1, audience: 'public', createdAt: at, updatedAt: at } as const;

function structure(key: string, over: Partial<Structure> = {}): Structure {
	return {
		...base,
		_id: `structure:${key}`,
		type: 'structure',
		owner: `structure:${key}`,
		name: key,
		legalForm: 'association',
		sectors: ['reemploi'],
		pitch: '',
		description: '',
		missions: '',
		offers: '',
		needs: '',
		address: '',
		commune: '62041',
		employees: '0-1',
		...over,
	};
}

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
	await Promise.all([tables.structures.clear(), tables.listings.clear(), tables.memberships.clear()]);
	await Promise.all([tables.people.clear(), tables.contacts.clear()]);
});

describe('directory', () => {
	beforeEach(async () => {
		await tables.structures.bulkPut([
			structure('pioche', { name: 'La Pioche', sectors: ['reemploi', 'insertion'], commune: '62041' }),
			structure('paniers', { name: 'Les Paniers de la Mer', legalForm: 'scic', commune: '62160' }),
			structure('etoile', { name: 'Étoile du Nord', sectors: ['culture'], commune: '59350' }),
		]);
		const membership: Membership = {
			...base,
			_id: 'membership:pioche',
			type: 'membership',
			owner: 'network',
			structure: 'structure:pioche',
			status: 'active',
		};
		await tables.memberships.put(membership);
	});

	it('lists structures by name with their membership and the total', async () => {
		const page = await first(directory({}, 2));
		expect(page.total).toBe(3);
		expect(page.rows.map((r) => r.structure.name)).toEqual(['La Pioche', 'Les Paniers de la Mer']);
		expect(page.rows[0].membership).toBe('active');
		expect(page.rows[1].membership).toBeNull();
	});

	it('combines sector, legal form and department filters', async () => {
		expect((await first(directory({ sector: 'reemploi' }, 50))).total).toBe(2);
		expect((await first(directory({ sector: 'reemploi', legalForm: 'scic' }, 50))).total).toBe(1);
		const nord = await first(directory({ department: '59' }, 50));
		expect(nord.rows.map((r) => r.structure.name)).toEqual(['Étoile du Nord']);
	});

	it('filters names without minding accents or case', async () => {
		const page = await first(directory({ name: 'etoile' }, 50));
		expect(page.rows.map((r) => r.structure.name)).toEqual(['Étoile du Nord']);
	});
});

describe('open listings', () => {
	it('keeps listings open and running, latest first', async () => {
		await tables.listings.bulkPut([
			listing('old', { updatedAt: '2026-01-01T00:00:00.000Z' }),
			listing('new', { updatedAt: '2026-02-01T00:00:00.000Z' }),
			listing('past', { validFrom: '2000-01-01', validUntil: '2000-01-02' }),
			listing('expired', { status: 'expired' }),
			listing('withdrawn', { status: 'withdrawn' }),
		]);
		const page = await first(openListings({}, 50));
		expect(page.rows.map((r) => r.listing.title)).toEqual(['new', 'old']);
		expect(page.total).toBe(2);
	});

	it('filters by kind, nature, sector and department and names the owner', async () => {
		await tables.structures.put(structure('a', { name: 'La Pioche' }));
		await tables.listings.bulkPut([
			listing('offer'),
			listing('request', { kind: 'request', nature: 'gift', sector: 'culture', commune: '62041' }),
		]);
		const requests = await first(openListings({ kind: 'request' }, 50));
		expect(requests.rows.map((r) => r.listing.title)).toEqual(['request']);
		expect(requests.rows[0].ownerName).toBe('La Pioche');
		expect(
			(await first(openListings({ nature: 'gift', sector: 'culture', department: '62' }, 50))).total,
		).toBe(1);
		expect((await first(openListings({ department: '59' }, 50))).total).toBe(1);
	});

	it('gives the same answer when a filter keeps more listings than are read whole', async () => {
		const many = Array.from({ length: 2_100 }, (_, i) =>
			listing(`l${String(i).padStart(4, '0')}`, {
				updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
				...(i % 10 === 0 ? { status: 'concluded' as const } : {}),
			}),
		);
		await tables.listings.bulkPut([...many, listing('request', { kind: 'request' })]);
		const offers = await first(openListings({ kind: 'offer' }, 3));
		expect(offers.total).toBe(1_890);
		expect(offers.rows.map((r) => r.listing.title)).toEqual(['l2099', 'l2098', 'l2097']);
	});

	it('lists all of a structure’s listings, or only the running ones', async () => {
		await tables.listings.bulkPut([listing('running'), listing('done', { status: 'concluded' })]);
		expect((await first(listingsOf('structure:a', false))).length).toBe(2);
		expect((await first(listingsOf('structure:a', true))).map((l) => l.title)).toEqual(['running']);
	});
});

describe('people', () => {
	it('joins each person to its contact details when the device holds them', async () => {
		const person = (key: string, name: string): Person => ({
			...base,
			_id: `person:${key}`,
			type: 'person',
			owner: 'structure:a',
			structure: 'structure:a',
			name,
			role: 'Coordinatrice',
		});
		const contact: Contact = {
			...base,
			audience: 'members',
			_id: 'contact:p1',
			type: 'contact',
			owner: 'structure:a',
			person: 'person:p1',
			email: 'anne@example.org',
		};
		await tables.people.bulkPut([person('p1', 'Anne'), person('p2', 'Bruno')]);
		await tables.contacts.put(contact);
		const people = await first(peopleOf('structure:a'));
		expect(people.map((p) => [p.person.name, p.contact?.email ?? null])).toEqual([
			['Anne', 'anne@example.org'],
			['Bruno', null],
		]);
	});
});
