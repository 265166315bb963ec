// Small, valid documents for domain tests: one structure, one listing, one contact.
import type { Contact, Listing, Structure } from '../../src/lib/domain';

const at = '2026-11-01T10:00:00.000Z';

export function structure(key: string, over: Partial<Structure> = {}): Structure {
	return {
		_id: `structure:${key}`,
		type: 'structure',
		schema: 1,
		owner: `structure:${key}`,
		audience: 'public',
		createdAt: at,
		updatedAt: at,
		name: 'La Pioche',
		legalForm: 'association',
		sectors: ['reemploi'],
		pitch: 'Recyclerie de quartier',
		description: '',
		missions: '',
		offers: '',
		needs: '',
		address: '12 rue des Postes',
		commune: '59350',
		employees: '2-10',
		...over,
	};
}

export function listing(owner: string, over: Partial<Listing> = {}): Listing {
	return {
		_id: 'listing:abc123',
		type: 'listing',
		schema: 1,
		owner,
		audience: 'public',
		createdAt: at,
		updatedAt: at,
		kind: 'offer',
		nature: 'loan',
		sector: 'mobilite',
		title: 'Prêt d’une remorque vélo',
		text: 'Pour vos livraisons en ville.',
		commune: '62041',
		validFrom: '2026-11-01',
		validUntil: '2027-02-01',
		status: 'open',
		...over,
	};
}

export function contact(owner: string, over: Partial<Contact> = {}): Contact {
	return {
		_id: 'contact:p1',
		type: 'contact',
		schema: 1,
		owner,
		audience: 'members',
		createdAt: at,
		updatedAt: at,
		person: 'person:p1',
		email: 'marie@example.org',
		phone: '03 20 00 00 00',
		...over,
	};
}
