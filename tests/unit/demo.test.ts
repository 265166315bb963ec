// The demo network: valid documents at demo and region scale, deterministic, varied, and the demo
// accounts wired to the structures the README promises.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCALE, generateDemo, REGION_SCALE } from '../../server/demo/generate';
import {
	type Contact,
	canRead,
	checkMedia,
	communeByCode,
	type Doc,
	type ElbEvent,
	type Listing,
	type Membership,
	NATURES,
	type Person,
	type Structure,
	VISITOR,
	validateDoc,
} from '../../src/lib/domain';

const NOW = new Date('2026-03-15T09:30:00Z');
const LONG = 120_000;

type Demo = ReturnType<typeof generateDemo>;

function ofType<T extends Doc['type']>(docs: Doc[], type: T): Extract<Doc, { type: T }>[] {
	return docs.filter((d): d is Extract<Doc, { type: T }> => d.type === type);
}

function invalid(docs: Doc[]): string[] {
	const reasons: string[] = [];
	for (const doc of docs) {
		const check = validateDoc(doc);
		if (!check.ok) reasons.push(`${doc._id}: ${check.reason}`);
	}
	return reasons;
}

function membershipOf(docs: Doc[], structureId: string): Membership | undefined {
	return ofType(docs, 'membership').find((m) => m.structure === structureId);
}

let demo: Demo;
let region: Demo;

beforeAll(() => {
	demo = generateDemo({ now: NOW });
	region = generateDemo({ ...REGION_SCALE, now: NOW });
}, LONG);

describe('the demo network at its default size', () => {
	it('has only documents the server would accept', () => {
		expect(invalid(demo.docs)).toEqual([]);
	});

	it('has about the size of the real network', () => {
		const { docs } = demo;
		expect(ofType(docs, 'structure')).toHaveLength(DEMO_SCALE.structures);
		expect(ofType(docs, 'membership')).toHaveLength(DEMO_SCALE.structures);
		expect(ofType(docs, 'listing')).toHaveLength(DEMO_SCALE.listings);
		expect(ofType(docs, 'event')).toHaveLength(DEMO_SCALE.events);
		const people = ofType(docs, 'person').length;
		expect(people).toBeGreaterThanOrEqual(DEMO_SCALE.structures);
		expect(people).toBeLessThanOrEqual(4 * DEMO_SCALE.structures);
		const active = ofType(docs, 'membership').filter((m) => m.status === 'active').length;
		expect(active).toBeGreaterThan(DEMO_SCALE.structures / 2);
	});

	it('mixes legal forms as the network does: mostly associations, then cooperatives and companies', () => {
		const structures = ofType(demo.docs, 'structure');
		const share = (forms: string[]) =>
			structures.filter((s) => forms.includes(s.legalForm)).length / structures.length;
		expect(share(['association'])).toBeGreaterThan(0.5);
		expect(share(['association'])).toBeLessThan(0.8);
		expect(share(['scop', 'scic', 'cooperative', 'ues'])).toBeGreaterThan(0.08);
		expect(share(['sarl', 'sas'])).toBeGreaterThan(0.08);
	});

	it('offers and requests listings of every nature, mostly open and valid today', () => {
		const listings = ofType(demo.docs, 'listing');
		expect(new Set(listings.map((l) => l.nature))).toEqual(new Set(Object.keys(NATURES)));
		const offers = listings.filter((l) => l.kind === 'offer').length / listings.length;
		expect(offers).toBeGreaterThan(0.5);
		expect(offers).toBeLessThan(0.7);
		const today = NOW.toISOString().slice(0, 10);
		const current = listings.filter((l) => l.validFrom <= today && today <= l.validUntil).length;
		expect(current / listings.length).toBeGreaterThan(0.7);
		expect(listings.some((l) => l.validUntil < today)).toBe(true);
		expect(listings.filter((l) => l.status === 'open').length / listings.length).toBeGreaterThan(0.6);
		expect(listings.some((l) => l.featured)).toBe(true);
	});

	it('spreads structures over Nord and Pas-de-Calais, cities and villages alike', () => {
		const communes = ofType(demo.docs, 'structure').map((s) => communeByCode(s.commune)!);
		expect(communes.some((c) => c.department === '59')).toBe(true);
		expect(communes.some((c) => c.department === '62')).toBe(true);
		expect(communes.some((c) => c.name === 'Lille')).toBe(true);
		expect(communes.some((c) => c.population < 2_000)).toBe(true);
		expect(new Set(communes.map((c) => c.epci)).size).toBeGreaterThan(10);
	});

	it('holds its events at member structures across the territory, mostly in the coming months', () => {
		const events = ofType(demo.docs, 'event');
		const hosts = new Set(events.map((e) => e.host));
		for (const host of hosts) expect(membershipOf(demo.docs, host!)?.status).toBe('active');
		expect(new Set(events.map((e) => e.commune)).size).toBeGreaterThan(5);
		expect(events.filter((e) => e.commune !== '59350').length).toBeGreaterThan(events.length / 2);
		const upcoming = events.filter((e) => e.start > NOW.toISOString()).length;
		expect(upcoming / events.length).toBeGreaterThan(0.6);
		expect(upcoming).toBeLessThan(events.length);
		expect(events.every((e: ElbEvent) => e.owner === 'network')).toBe(true);
	});

	it(
		'has La Pioche host one upcoming public apéro, at its premises in Lille, on French evening time',
		() => {
			const pioche = ofType(demo.docs, 'structure').find((s) => s.name === 'La Pioche')!;
			const hosted = ofType(demo.docs, 'event').filter((e) => e.host === pioche._id && e.kind === 'apero');
			const upcoming = hosted.filter((e) => e.start > NOW.toISOString());
			expect(upcoming.length).toBeGreaterThanOrEqual(1);
			const apero = upcoming.find((e) => e.title.includes('La Pioche'))!;
			expect(apero).toMatchObject({ audience: 'public', commune: pioche.commune, address: pioche.address });
			const parisTime = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });
			expect(parisTime.format(new Date(apero.start))).toBe('18:00');
			expect(apero.end > apero.start).toBe(true);
			expect(generateDemo({ now: NOW }).docs.filter((d) => d._id === apero._id)).toEqual([apero]);
		},
		LONG,
	);

	it('dates every document before now', () => {
		const now = NOW.toISOString();
		for (const doc of demo.docs) {
			expect(doc.createdAt < now, doc._id).toBe(true);
			expect(doc.updatedAt >= doc.createdAt && doc.updatedAt < now, doc._id).toBe(true);
		}
	});
});

describe('privacy of the demo people', () => {
	it('keeps every contact members-only, owned by the structure of its person', () => {
		const people = new Map(ofType(demo.docs, 'person').map((p: Person) => [p._id, p]));
		const contacts = ofType(demo.docs, 'contact');
		expect(contacts.length).toBe(people.size);
		for (const contact of contacts) {
			expect(contact.audience).toBe('members');
			expect(contact.owner).toBe(people.get(contact.person)?.structure);
			expect(canRead(VISITOR, contact)).toBe(false);
			expect(contact.email).toMatch(/@([a-z0-9-]+\.)*example\.org$/);
		}
	});

	it('has members-only listings a visitor cannot read and a member can', () => {
		const hidden = ofType(demo.docs, 'listing').filter((l) => l.audience === 'members');
		expect(hidden.length).toBeGreaterThan(0);
		expect(canRead(VISITOR, hidden[0])).toBe(false);
		expect(canRead({ role: 'member', structureId: 'structure:la-pioche' }, hidden[0])).toBe(true);
	});
});

describe('the demo accounts', () => {
	const structureOf = (id: string | undefined) => ofType(demo.docs, 'structure').find((s) => s._id === id);
	const account = (email: string) => demo.accounts.find((a) => a.email === email)!;

	it('are the four accounts of the README, with their passwords', () => {
		expect(demo.accounts.map((a) => [a.email, a.password])).toEqual([
			['animatrice@elbasar.example.org', 'animatrice-demo'],
			['membre@la-pioche.example.org', 'membre-demo'],
			['membre@paniers-de-la-mer.example.org', 'membre-demo'],
			['contact@atelier-du-ternois.example.org', 'structure-demo'],
		]);
		const staff = account('animatrice@elbasar.example.org');
		expect(staff).toMatchObject({ staff: true, name: 'Camille Dufour', label: 'Animatrice du réseau' });
		expect(staff.structureId).toBeUndefined();
	});

	it('make La Pioche the first structure: an active member association of Lille in réemploi', () => {
		const pioche = structureOf(account('membre@la-pioche.example.org').structureId)!;
		expect(ofType(demo.docs, 'structure')[0]).toBe(pioche);
		expect(pioche).toMatchObject({ name: 'La Pioche', legalForm: 'association' });
		expect(pioche.sectors).toContain('reemploi');
		expect(['Lille', "Villeneuve-d'Ascq"]).toContain(communeByCode(pioche.commune)?.name);
		expect(membershipOf(demo.docs, pioche._id)?.status).toBe('active');
	});

	it('make Les Paniers de la Mer the second: an active member of Boulogne-sur-Mer', () => {
		const paniers = structureOf(account('membre@paniers-de-la-mer.example.org').structureId)!;
		expect(ofType(demo.docs, 'structure')[1]).toBe(paniers);
		expect(paniers.name).toBe('Les Paniers de la Mer');
		expect(paniers.sectors).toEqual(expect.arrayContaining(['insertion', 'alimentation']));
		expect(communeByCode(paniers.commune)?.name).toBe('Boulogne-sur-Mer');
		expect(membershipOf(demo.docs, paniers._id)?.status).toBe('active');
	});

	it('make L’Atelier du Ternois the third: a SCOP of Saint-Pol-sur-Ternoise that is not a member', () => {
		const atelier = structureOf(account('contact@atelier-du-ternois.example.org').structureId)!;
		expect(ofType(demo.docs, 'structure')[2]).toBe(atelier);
		expect(atelier).toMatchObject({ name: "L'Atelier du Ternois", legalForm: 'scop' });
		expect(communeByCode(atelier.commune)?.name).toBe('Saint-Pol-sur-Ternoise');
		expect(membershipOf(demo.docs, atelier._id)?.status).toBe('none');
	});

	it('each belong to a structure with listings and a person whose contact is the account’s e-mail', () => {
		for (const { email, name, structureId } of demo.accounts.filter((a) => !a.staff)) {
			const listings = ofType(demo.docs, 'listing').filter((l: Listing) => l.owner === structureId);
			expect(listings.length, email).toBeGreaterThanOrEqual(2);
			const contact = ofType(demo.docs, 'contact').find((c: Contact) => c.email === email);
			expect(contact?.owner).toBe(structureId);
			const person = ofType(demo.docs, 'person').find((p) => p._id === contact?.person);
			expect(person?.name).toBe(name);
		}
		const piocheOnly = ofType(demo.docs, 'listing').filter(
			(l) => l.owner === 'structure:la-pioche' && l.audience === 'members',
		);
		expect(piocheOnly.length).toBeGreaterThan(0);
	});
});

describe('determinism', () => {
	it(
		'gives byte-identical documents for the same seed and date, and another network for another seed',
		() => {
			const again = generateDemo({ now: NOW });
			expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
			const other = generateDemo({ now: NOW, seed: 12_345 });
			expect(JSON.stringify(other.docs)).not.toBe(JSON.stringify(demo.docs));
			expect(other.accounts).toEqual(demo.accounts);
		},
		LONG,
	);

	it(
		'moves dates with `now`: listings stay valid around the given day',
		() => {
			const later = new Date('2027-06-01T08:00:00Z');
			const listings = ofType(generateDemo({ now: later }).docs, 'listing');
			const day = later.toISOString().slice(0, 10);
			const current = listings.filter((l) => l.validFrom <= day && day <= l.validUntil).length;
			expect(current / listings.length).toBeGreaterThan(0.7);
		},
		LONG,
	);
});

describe('the demo network at region scale', () => {
	it(
		'has only valid documents with unique ids',
		() => {
			expect(invalid(region.docs)).toEqual([]);
			expect(new Set(region.docs.map((d) => d._id)).size).toBe(region.docs.length);
		},
		LONG,
	);

	it('reaches the region’s size with unique structure names', () => {
		const structures = ofType(region.docs, 'structure');
		expect(structures).toHaveLength(REGION_SCALE.structures);
		expect(ofType(region.docs, 'listing')).toHaveLength(REGION_SCALE.listings);
		expect(ofType(region.docs, 'event')).toHaveLength(REGION_SCALE.events);
		expect(new Set(structures.map((s: Structure) => s.name.toLowerCase())).size).toBe(structures.length);
	});

	it('keeps most of the region’s structures outside the network, as in reality', () => {
		const statuses = ofType(region.docs, 'membership').map((m) => m.status);
		const active = statuses.filter((s) => s === 'active').length;
		expect(active).toBeGreaterThan(100);
		expect(active).toBeLessThan(REGION_SCALE.structures / 10);
	});

	it('owns every listing by a structure of the network', () => {
		const ids = new Set(ofType(region.docs, 'structure').map((s) => s._id));
		expect(ofType(region.docs, 'listing').every((l) => ids.has(l.owner))).toBe(true);
	});
});

describe('the living demo', () => {
	it('shows photos on about a third of the listings, each passing the server’s media rules', () => {
		const listings = ofType(demo.docs, 'listing');
		const pictured = listings.filter((l) => (l.photos?.length ?? 0) > 0);
		expect(pictured.length / listings.length).toBeGreaterThan(0.25);
		expect(pictured.length / listings.length).toBeLessThan(0.45);
		for (const listing of pictured) {
			expect(checkMedia(listing)).toEqual({ ok: true });
			const photo = listing.photos?.[0];
			const stored = (listing as { _attachments?: Record<string, { content_type: string }> })._attachments;
			expect(stored?.[photo?.name ?? '']?.content_type).toBe('image/png');
			expect(stored?.[photo?.thumb ?? '']?.content_type).toBe('image/png');
		}
		expect(ofType(region.docs, 'listing').some((l) => l.photos)).toBe(false);
	});

	it('has past events with their registered people checked in at the door, and a walk-in or two', () => {
		const past = ofType(demo.docs, 'event').filter((e) => e.end < NOW.toISOString());
		expect(past.length).toBeGreaterThan(0);
		const checkins = ofType(demo.docs, 'checkin');
		for (const event of past) {
			const door = checkins.filter((c) => c.event === event._id);
			expect(door.some((c) => c.method === 'walkin')).toBe(true);
			expect(door.some((c) => c.person)).toBe(true);
			expect(door.every((c) => c.at >= event.start && c.at < NOW.toISOString())).toBe(true);
		}
	});

	it('has members and a guest registered to upcoming events', () => {
		const upcoming = new Set(
			ofType(demo.docs, 'event')
				.filter((e) => e.start > NOW.toISOString())
				.map((e) => e._id),
		);
		const registrations = ofType(demo.docs, 'registration').filter((r) => upcoming.has(r.event));
		expect(registrations.filter((r) => r.person).length).toBeGreaterThan(5);
		expect(registrations.some((r) => r.guest)).toBe(true);
	});

	it('has a proposal waiting for the animator, one accepted with its event and one declined', () => {
		const proposals = ofType(demo.docs, 'proposal');
		expect(proposals.map((p) => p.status).sort()).toEqual(['accepted', 'declined', 'pending']);
		const accepted = proposals.find((p) => p.status === 'accepted');
		const event = ofType(demo.docs, 'event').find((e) => e._id === accepted?.event);
		expect(event?.host).toBe(accepted?.structure);
	});

	it('has conversations with a few messages, read by both structures, none with a demo account', () => {
		const conversations = ofType(demo.docs, 'conversation');
		expect(conversations.length).toBeGreaterThanOrEqual(3);
		const accounts = new Set(demo.accounts.map((a) => a.structureId));
		for (const c of conversations) {
			const messages = ofType(demo.docs, 'message').filter((m) => m.conversation === c._id);
			expect(messages.length).toBeGreaterThanOrEqual(2);
			expect(c.participants.some((s) => accounts.has(s))).toBe(false);
			const last = messages
				.map((m) => m.createdAt)
				.sort()
				.at(-1);
			const marks = ofType(demo.docs, 'readmark').filter((r) => r.conversation === c._id);
			expect(marks.map((r) => r.lastRead)).toEqual([last, last]);
		}
	});
});
