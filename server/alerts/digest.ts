// The e-mail digest of a structure's saved searches: for one account, the new listings each search
// found, as plain text and simple HTML. Pure: building a message sends nothing.
import { communeName, LISTING_KINDS, type Listing, NATURES } from '../../src/lib/domain';
import type { SavedSearchMatches } from '../../src/lib/domain/saved-search-matches';
import { describeSearch } from '../../src/lib/domain/search';
import type { MailMessage } from '../mail';

export interface DigestInput {
	to: string;
	/** The account holder's name, for the greeting. */
	name: string;
	matches: readonly SavedSearchMatches[];
	/** The listings the matches name. */
	listings: ReadonlyMap<string, Listing>;
	/** The app's public address, for links; without it the e-mail carries none. */
	publicUrl?: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function listingLine(listing: Listing): string {
	return `${LISTING_KINDS[listing.kind]} · ${NATURES[listing.nature]} — ${listing.title} (${communeName(listing.commune)})`;
}

const listingUrl = (base: string, id: string) => `${base}/annonces/${id.slice('listing:'.length)}`;

/** The digest for one account, or null when its searches found nothing new. */
export function digestMessage(input: DigestInput): MailMessage | null {
	const found = input.matches.filter((m) => m.hits.some((h) => input.listings.has(h.id)));
	if (found.length === 0) return null;
	const base = input.publicUrl?.replace(/\/$/, '');
	const count = new Set(found.flatMap((m) => m.hits.map((h) => h.id))).size;
	const subject =
		count > 1
			? `elBasar : ${count} nouvelles annonces pour vos recherches`
			: 'elBasar : une nouvelle annonce pour vos recherches';
	const intro = `Voici les nouvelles annonces publiées sur elBasar qui répondent aux recherches enregistrées de votre structure.`;
	const text: string[] = [`Bonjour ${input.name},`, '', intro, ''];
	const html: string[] = [`<p>Bonjour ${escapeHtml(input.name)},</p>`, `<p>${escapeHtml(intro)}</p>`];
	for (const { search, hits } of found) {
		const heading = `Recherche « ${search.name} » (${describeSearch(search.q, search.criteria)})`;
		text.push(heading);
		html.push(`<h2>${escapeHtml(heading)}</h2>`, '<ul>');
		for (const hit of hits) {
			const listing = input.listings.get(hit.id);
			if (!listing) continue;
			const line = listingLine(listing);
			text.push(`- ${line}`, ...(base ? [`  ${listingUrl(base, listing._id)}`] : []));
			html.push(
				base
					? `<li><a href="${escapeHtml(listingUrl(base, listing._id))}">${escapeHtml(line)}</a></li>`
					: `<li>${escapeHtml(line)}</li>`,
			);
		}
		text.push('');
		html.push('</ul>');
	}
	const manage =
		'Pour modifier vos recherches ou ne plus les recevoir par e-mail : « Mes recherches » dans elBasar';
	text.push(base ? `${manage}, ${base}/recherche/enregistrees` : `${manage}.`);
	html.push(
		base
			? `<p>${escapeHtml(manage)} : <a href="${escapeHtml(`${base}/recherche/enregistrees`)}">Mes recherches</a>.</p>`
			: `<p>${escapeHtml(manage)}.</p>`,
	);
	return { to: input.to, subject, text: text.join('\n'), html: html.join('\n') };
}
