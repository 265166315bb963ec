// What a preview says: for a public listing its title, a short description (kind, nature, place,
// then the start of its text) and its first photo; for anything else, the network's own words.
import { communeByCode, LISTING_KINDS, type Listing, NATURES } from '../../src/lib/domain';

export interface PageTags {
	pageTitle: string;
	title: string;
	description: string;
	type: 'website' | 'article';
	url: string;
	image: string;
	imageAlt?: string;
	card: 'summary' | 'summary_large_image';
}

export const SITE_DESCRIPTION =
	'elBasar, l’outil d’échange du réseau APES : annuaire des structures de l’économie sociale et solidaire, annonces et agenda en Nord–Pas-de-Calais.';
/** A static image of the app (static/), used when a listing has no photo. */
const DEFAULT_IMAGE = '/icon-512.png';
const DESCRIPTION_MAX = 200;

export function siteTags(origin: string, url: string): PageTags {
	return {
		pageTitle: 'elBasar',
		title: 'elBasar',
		description: SITE_DESCRIPTION,
		type: 'website',
		url,
		image: origin + DEFAULT_IMAGE,
		card: 'summary',
	};
}

/** Cuts on a word, with an ellipsis, after collapsing line breaks. */
function excerpt(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

export function describeListing(
	listing: Listing,
	at: { url: string; origin: string; image?: string },
): PageTags {
	const commune = communeByCode(listing.commune);
	const where = commune ? `${commune.name} (${commune.department})` : '';
	const what = [LISTING_KINDS[listing.kind], NATURES[listing.nature], where].filter(Boolean).join(' · ');
	const text = excerpt(listing.text, DESCRIPTION_MAX - what.length - 3);
	return {
		pageTitle: `${listing.title} — elBasar`,
		title: listing.title,
		description: text ? `${what} — ${text}` : what,
		type: 'article',
		url: at.url,
		image: at.image ?? at.origin + DEFAULT_IMAGE,
		...(at.image ? { imageAlt: listing.title } : {}),
		card: at.image ? 'summary_large_image' : 'summary',
	};
}
