// Demo listings: offers and requests of every nature, mostly in their owner's sectors and commune,
// valid around "now" (some already expired), a few for members only or featured.
import { docId, type Listing, NATURES, type Nature, SCHEMA_VERSION, SECTOR_IDS } from '../../src/lib/domain';
import { addDays, isoDay, laterTimestamp, pastTimestamp } from './dates';
import { type ListingTexts, listingTexts } from './listing-texts';
import { nearbyCommune } from './places';
import { type Random, WeightedTable } from './random';
import type { DemoStructure } from './structures';

const NATURE_WEIGHTS: Record<Nature, number> = {
	sale: 20,
	free: 10,
	barter: 10,
	loan: 15,
	gift: 12,
	pooling: 13,
	skills: 12,
	tender: 8,
};
const RADII = [5, 10, 15, 20, 30, 50, 80];

export type ListingContent = ListingTexts &
	Pick<Listing, 'kind' | 'nature' | 'sector' | 'commune'> &
	Partial<Pick<Listing, 'radiusKm' | 'audience' | 'featured' | 'status'>>;

/** Validity and timestamps of a listing: expired ones ended up to two months ago. */
function schedule(random: Random, now: Date, expired: boolean) {
	let validFrom: Date;
	let validUntil: Date;
	if (expired) {
		validUntil = addDays(now, -random.int(1, 60));
		validFrom = addDays(validUntil, -random.int(14, 180));
	} else {
		validFrom = addDays(now, random.chance(0.05) ? random.int(1, 14) : -random.int(0, 90));
		validUntil = addDays(validFrom > now ? validFrom : now, random.int(14, 180));
	}
	const createdAt = pastTimestamp(random, validFrom > now ? now : validFrom, 0, 10);
	return { createdAt, updatedAt: laterTimestamp(random, createdAt, now), validFrom, validUntil };
}

/** A listing document of `owner`; the showcase structures call this with hand-written content. */
export function makeListing(
	random: Random,
	owner: DemoStructure,
	content: ListingContent,
	now: Date,
	expired = false,
): Listing {
	const { createdAt, updatedAt, validFrom, validUntil } = schedule(random, now, expired);
	const { kind, nature, sector, title, text, price, commune, radiusKm, audience, featured, status } = content;
	return {
		_id: docId('listing', random.key()),
		type: 'listing',
		schema: SCHEMA_VERSION,
		owner: owner.doc._id,
		audience: audience ?? 'public',
		createdAt,
		updatedAt,
		kind,
		nature,
		sector,
		title,
		text,
		...(price === undefined ? {} : { price }),
		commune,
		...(radiusKm === undefined ? {} : { radiusKm }),
		validFrom: isoDay(validFrom),
		validUntil: isoDay(validUntil),
		status: status ?? 'open',
		...(featured ? { featured } : {}),
	};
}

function pickStatus(random: Random, expired: boolean): Listing['status'] {
	if (expired) return random.weighted({ open: 4, concluded: 4, withdrawn: 2 });
	return random.weighted({ open: 80, discussion: 10, concluded: 6, withdrawn: 4 });
}

export function generateListings(
	random: Random,
	structures: DemoStructure[],
	count: number,
	now: Date,
): Listing[] {
	const owners = new WeightedTable(structures, (s) => (s.status === 'active' ? 4 : 1));
	const listings: Listing[] = [];
	for (let i = 0; i < count; i++) {
		const owner = owners.pick(random);
		const kind = random.chance(0.6) ? 'offer' : 'request';
		// Every nature appears even in a small network: the first listings go through them in turn.
		const nature = i < 8 ? (Object.keys(NATURES)[i] as Nature) : random.weighted(NATURE_WEIGHTS);
		const sector = random.chance(0.85) ? random.pick(owner.doc.sectors) : random.pick(SECTOR_IDS);
		const commune = random.chance(0.8) ? owner.commune : nearbyCommune(random, owner.commune);
		const radiusKm = random.chance(0.4) ? random.pick(RADII) : undefined;
		const texts = listingTexts(random, { kind, nature, sector, commune, radiusKm });
		const expired = random.chance(0.12);
		const status = pickStatus(random, expired);
		const content: ListingContent = {
			kind,
			nature,
			sector,
			...texts,
			commune: commune.insee,
			...(radiusKm === undefined ? {} : { radiusKm }),
			audience: random.chance(0.15) ? 'members' : 'public',
			...(status === 'open' && !expired && random.chance(0.04) ? { featured: true } : {}),
			status,
		};
		listings.push(makeListing(random, owner, content, now, expired));
	}
	return listings;
}
