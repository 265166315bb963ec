// Demo structures with their membership, people and members-only contact details.
// The first NETWORK_CORE structures are the network's members (most active); beyond them,
// as in the region, most ESS structures are not members.
import {
	type Commune,
	type Contact,
	docId,
	type EmployeeBand,
	type LegalForm,
	type Membership,
	type Person,
	SCHEMA_VERSION,
	type SectorId,
	type Structure,
	slugify,
} from '../../src/lib/domain';
import { addDays, isoDay, laterTimestamp, pastTimestamp } from './dates';
import { personName, roleOf } from './names';
import { phoneNumber, pickCommune, streetAddress } from './places';
import type { Random } from './random';
import type { NameBook } from './structure-names';
import { profileTexts } from './structure-texts';

/** About the size of the real network (PRODUCT.md: ~140 members). */
export const NETWORK_CORE = 140;

export type MembershipStatus = Membership['status'];

/** A structure and what listings and events need to know about it. */
export interface DemoStructure {
	doc: Structure;
	commune: Commune;
	status: MembershipStatus;
	/** Its own documents apart from the structure: membership, people, contacts. */
	related: (Membership | Person | Contact)[];
}

const LEGAL_FORMS: Record<Exclude<LegalForm, 'individual'>, number> = {
	association: 64,
	scop: 8,
	scic: 6,
	cooperative: 3,
	ues: 1,
	sarl: 9,
	sas: 7,
	fondation: 1,
	mutuelle: 1,
};
const SECTOR_WEIGHTS: Record<SectorId, number> = {
	alimentation: 6,
	agriculture: 5,
	restauration: 4,
	commerce: 3,
	reemploi: 6,
	environnement: 4,
	mobilite: 3,
	habitat: 4,
	culture: 7,
	education: 6,
	insertion: 8,
	social: 7,
	enfance: 5,
	aines: 4,
	sport: 4,
	tourisme: 3,
	numerique: 3,
	communication: 3,
	gestion: 2,
	finance: 1,
	textile: 3,
	accompagnement: 3,
};

function pickSectors(random: Random): SectorId[] {
	const count = Number(random.weighted({ 1: 45, 2: 35, 3: 20 }));
	const sectors = new Set<SectorId>();
	while (sectors.size < count) sectors.add(random.weighted(SECTOR_WEIGHTS));
	return [...sectors];
}

function pickBand(random: Random, form: LegalForm): EmployeeBand {
	if (form === 'association') return random.weighted({ '0-1': 35, '2-10': 40, '11-50': 19, '51+': 6 });
	if (form === 'sarl' || form === 'sas')
		return random.weighted({ '0-1': 25, '2-10': 50, '11-50': 20, '51+': 5 });
	return random.weighted({ '0-1': 10, '2-10': 50, '11-50': 30, '51+': 10 });
}

/** The domain of a structure's demo addresses: under example.org, so no mail reaches anyone. */
export function mailDomain(key: string): string {
	return `${key.replace(/^(les|l)-/, '')}.example.org`;
}

export function membershipDoc(
	structure: Structure,
	status: MembershipStatus,
	dates: { since?: string; paidUntil?: string },
	createdAt: string,
): Membership {
	return {
		_id: docId('membership', structure._id.slice('structure:'.length)),
		type: 'membership',
		schema: SCHEMA_VERSION,
		owner: structure._id,
		audience: 'public',
		createdAt,
		updatedAt: createdAt,
		structure: structure._id,
		status,
		...dates,
	};
}

function membershipOf(
	random: Random,
	structure: Structure,
	index: number,
	founded: number,
	now: Date,
): Membership {
	const status: MembershipStatus =
		index < NETWORK_CORE
			? random.weighted({ active: 80, lapsed: 10, none: 10 })
			: random.weighted({ active: 2, lapsed: 2, none: 96 });
	if (status === 'none') return membershipDoc(structure, status, {}, structure.createdAt);
	const age = Math.max(1, now.getUTCFullYear() - founded) * 365;
	const since = addDays(now, -random.int(Math.min(60, age), Math.min(14 * 365, age)));
	const year = now.getUTCFullYear();
	const paidYear = status === 'active' ? year + (random.chance(0.2) ? 1 : 0) : year - random.int(1, 2);
	const dates = { since: isoDay(since), paidUntil: `${paidYear}-12-31` };
	return membershipDoc(structure, status, dates, laterTimestamp(random, structure.createdAt, now));
}

/** The fields a structure document starts with: it owns itself and is public. */
export function structureHeader(key: string, createdAt: string, updatedAt: string) {
	const id = docId('structure', key);
	return {
		_id: id,
		type: 'structure',
		schema: SCHEMA_VERSION,
		owner: id,
		audience: 'public',
		createdAt,
		updatedAt,
	} as const;
}

/** A person of a structure (public) and, apart, their e-mail and phone (members only). */
export function personDocs(
	structure: Structure,
	key: string,
	createdAt: string,
	who: { name: string; role: string },
	reach: { email: string; phone?: string },
): [Person, Contact] {
	const base = { schema: SCHEMA_VERSION, owner: structure._id, createdAt, updatedAt: createdAt } as const;
	return [
		{
			_id: docId('person', key),
			type: 'person',
			...base,
			audience: 'public',
			structure: structure._id,
			name: who.name,
			role: who.role,
		},
		{
			_id: docId('contact', key),
			type: 'contact',
			...base,
			audience: 'members',
			person: docId('person', key),
			...reach,
		},
	];
}

/** The people of a generated structure, with their contact details. */
export function peopleOf(
	random: Random,
	structure: Structure,
	count: number,
	now: Date,
	domain: string,
): (Person | Contact)[] {
	const docs: (Person | Contact)[] = [];
	for (let i = 0; i < count; i++) {
		const { first, last, woman } = personName(random);
		const key = random.key();
		const createdAt = laterTimestamp(random, structure.createdAt, now);
		const name = `${first} ${last}`;
		const role = roleOf(random, structure.legalForm, i, woman);
		const local = `${slugify(first)}.${slugify(last)}`;
		const email = random.chance(0.85) ? `${local}@${domain}` : `${local}@courriel.example.org`;
		const phone = random.chance(0.9) ? { phone: phoneNumber(random) } : {};
		docs.push(...personDocs(structure, key, createdAt, { name, role }, { email, ...phone }));
	}
	return docs;
}

/** One generated structure; `index` is its rank in the network (the first ones are members). */
export function generateStructure(random: Random, names: NameBook, index: number, now: Date): DemoStructure {
	const legalForm = random.weighted(LEGAL_FORMS);
	const sectors = pickSectors(random);
	// A mutual insurer is about health or money, whatever else it does.
	if (legalForm === 'mutuelle' && !sectors.includes('social')) sectors[0] = 'social';
	const commune = pickCommune(random);
	const { name, key } = names.compose(random, { form: legalForm, sectors, commune });
	const employees = pickBand(random, legalForm);
	const founded = now.getUTCFullYear() - 1 - Math.floor(random.next() ** 1.6 * 40);
	const texts = profileTexts(random, { name, form: legalForm, sectors, commune, employees, founded });
	const createdAt = pastTimestamp(random, now, 20, 1200);
	const domain = mailDomain(key);
	const doc: Structure = {
		...structureHeader(key, createdAt, laterTimestamp(random, createdAt, now)),
		name,
		legalForm,
		sectors,
		...texts,
		address: streetAddress(random),
		commune: commune.insee,
		...(random.chance(0.55) ? { website: `https://${domain}` } : {}),
		employees,
	};
	const membership = membershipOf(random, doc, index, founded, now);
	const people = peopleOf(random, doc, Number(random.weighted({ 1: 30, 2: 35, 3: 22, 4: 13 })), now, domain);
	return { doc, commune, status: membership.status, related: [membership, ...people] };
}
