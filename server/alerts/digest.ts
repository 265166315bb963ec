// The e-mail digest of a structure's saved searches: for one account, the new listings each search
// found, as plain text and simple HTML, in the account's language. Pure: building a message sends nothing.
import { communeName, type Listing } from '../../src/lib/domain';
import type { SavedSearchMatches } from '../../src/lib/domain/saved-search-matches';
import { m } from '../i18n/messages.js';
import type { MailMessage } from '../mail';
import { escapeHtml } from '../mail/compose';
import { describeSearchIn, kindWord, type MailLocale, natureWord } from '../mail/words';

export interface DigestInput {
	to: string;
	/** The account holder's name, for the greeting. */
	name: string;
	/** The account's language (French when it chose none). */
	locale: MailLocale;
	matches: readonly SavedSearchMatches[];
	/** The listings the matches name. */
	listings: ReadonlyMap<string, Listing>;
	/** The app's public address, for links; without it the e-mail carries none. */
	publicUrl?: string;
}

function listingLine(listing: Listing, locale: MailLocale): string {
	return m.mail_digest_listing(
		{
			kind: kindWord(listing.kind, locale),
			nature: natureWord(listing.nature, locale),
			title: listing.title,
			commune: communeName(listing.commune),
		},
		{ locale },
	);
}

const listingUrl = (base: string, id: string) => `${base}/annonces/${id.slice('listing:'.length)}`;

/** The digest for one account, or null when its searches found nothing new. */
export function digestMessage(input: DigestInput): MailMessage | null {
	const found = input.matches.filter((m) => m.hits.some((h) => input.listings.has(h.id)));
	if (found.length === 0) return null;
	const options = { locale: input.locale };
	const base = input.publicUrl?.replace(/\/$/, '');
	const count = new Set(found.flatMap((m) => m.hits.map((h) => h.id))).size;
	const subject = m.mail_digest_subject({ count }, options);
	const greeting = m.mail_digest_greeting({ name: input.name }, options);
	const intro = m.mail_digest_intro({}, options);
	const text: string[] = [greeting, '', intro, ''];
	const html: string[] = [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(intro)}</p>`];
	for (const { search, hits } of found) {
		const criteria = describeSearchIn(search.q, search.criteria, input.locale);
		const heading = m.mail_digest_search({ name: search.name, criteria }, options);
		text.push(heading);
		html.push(`<h2>${escapeHtml(heading)}</h2>`, '<ul>');
		for (const hit of hits) {
			const listing = input.listings.get(hit.id);
			if (!listing) continue;
			const line = listingLine(listing, input.locale);
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
	const searchesUrl = base && `${base}/recherche/enregistrees`;
	text.push(
		searchesUrl ? m.mail_digest_manage_at({ url: searchesUrl }, options) : m.mail_digest_manage({}, options),
	);
	html.push(
		searchesUrl
			? `<p>${withLink(m.mail_digest_manage_html({ link: LINK }, options), searchesUrl, m.mail_digest_manage_link({}, options))}</p>`
			: `<p>${escapeHtml(m.mail_digest_manage({}, options))}</p>`,
	);
	return { to: input.to, subject, text: text.join('\n'), html: html.join('\n') };
}

/** Where a sentence's link goes: the sentence is escaped whole, then the anchor put in its place. */
const LINK = '\u0000';

function withLink(sentence: string, url: string, label: string): string {
	return escapeHtml(sentence).replace(LINK, `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`);
}
