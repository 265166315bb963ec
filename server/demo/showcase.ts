// The three structures the demo accounts belong to, written by hand so a demo tells a story:
// La Pioche (member, Lille), Les Paniers de la Mer (member, Boulogne-sur-Mer) and
// L'Atelier du Ternois (a SCOP that is not a member yet, Saint-Pol-sur-Ternoise).
import { communeByCode, type Listing, type Structure } from '../../src/lib/domain';
import { addDays, isoDay, laterTimestamp, pastTimestamp } from './dates';
import { type ListingContent, makeListing } from './listings';
import { phoneNumber } from './places';
import type { Random } from './random';
import { SHOWCASE } from './showcase-data';
import type { NameBook } from './structure-names';
import { type DemoStructure, mailDomain, membershipDoc, personDocs, structureHeader } from './structures';

export interface Showcase {
	structures: DemoStructure[];
	listings: Listing[];
	/** The e-mail and name of the person behind each demo account, by structure id. */
	accounts: { structureId: string; email: string; name: string }[];
}

/** One of the people written by hand, who joined after the structure's creation. */
function person(random: Random, s: Structure, who: { name: string; role: string; email: string }) {
	const key = random.key();
	const createdAt = laterTimestamp(random, s.createdAt, new Date(s.updatedAt));
	return personDocs(s, key, createdAt, who, { email: who.email, phone: phoneNumber(random) });
}

export function showcase(random: Random, names: NameBook, now: Date): Showcase {
	const result: Showcase = { structures: [], listings: [], accounts: [] };
	for (const entry of SHOWCASE) {
		const key = names.reserve(entry.profile.name);
		const createdAt = pastTimestamp(random, now, 400, 900);
		const doc: Structure = {
			...structureHeader(key, createdAt, pastTimestamp(random, now, 2, 30)),
			...entry.profile,
			website: `https://${mailDomain(key)}`,
		};
		const commune = communeByCode(doc.commune);
		if (!commune) throw new Error(`commune inconnue : ${doc.commune}`);
		const dates =
			entry.status === 'active'
				? { since: isoDay(addDays(now, -entry.memberForDays)), paidUntil: `${now.getUTCFullYear()}-12-31` }
				: {};
		const people = entry.people.map((p) => ({ ...p, email: `${p.email}@${mailDomain(key)}` }));
		const structure: DemoStructure = {
			doc,
			commune,
			status: entry.status,
			related: [
				membershipDoc(doc, entry.status, dates, createdAt),
				...people.flatMap((p) => person(random, doc, p)),
			],
		};
		result.structures.push(structure);
		result.accounts.push({ structureId: doc._id, email: people[0].email, name: people[0].name });
		for (const listing of entry.listings) {
			const content: ListingContent = { ...listing, commune: doc.commune };
			result.listings.push(makeListing(random, structure, content, now));
		}
	}
	return result;
}
