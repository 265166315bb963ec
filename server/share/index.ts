// The page of a shared listing (/annonces/<key>): the app's index.html with the listing's title,
// description and image as meta tags (Open Graph, Twitter), so a link pasted on a social network
// shows a preview; the page itself still starts the app. Anything a visitor may not read (members
// only, hidden, unknown) gets the generic tags, so a preview never leaks it.
/// <reference types="pouchdb-core" />
import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';
import { canRead, firstPhotoName, type Listing, VISITOR } from '../../src/lib/domain';
import { escapeHtml } from '../mail/compose';
import { describeListing, type PageTags, siteTags } from './tags';

export interface ShareOptions {
	db: PouchDB.Database;
	/** The built index.html. */
	index: string;
	publicUrl?: string;
}

async function publicListing(db: PouchDB.Database, id: string): Promise<Listing | null> {
	try {
		const doc = (await db.get(id)) as unknown as Listing;
		return doc.type === 'listing' && canRead(VISITOR, doc) ? doc : null;
	} catch {
		return null;
	}
}

/** index.html with its title and description replaced and the preview tags added to its head. */
export function withTags(html: string, tags: PageTags): string {
	const meta = (attr: 'name' | 'property', key: string, value: string) =>
		`<meta ${attr}="${key}" content="${escapeHtml(value)}" />`;
	const lines = [
		meta('property', 'og:site_name', 'elBasar'),
		meta('property', 'og:locale', 'fr_FR'),
		meta('property', 'og:type', tags.type),
		meta('property', 'og:title', tags.title),
		meta('property', 'og:description', tags.description),
		meta('property', 'og:url', tags.url),
		meta('property', 'og:image', tags.image),
		...(tags.imageAlt ? [meta('property', 'og:image:alt', tags.imageAlt)] : []),
		meta('name', 'twitter:card', tags.card),
		meta('name', 'twitter:title', tags.title),
		meta('name', 'twitter:description', tags.description),
		meta('name', 'twitter:image', tags.image),
	].join('\n\t\t');
	const title = `<title>${escapeHtml(tags.pageTitle)}</title>`;
	let page = /<title>[^<]*<\/title>/.test(html) ? html.replace(/<title>[^<]*<\/title>/, () => title) : html;
	page = page.replace(/<meta name="description"[^>]*>/, () => meta('name', 'description', tags.description));
	const at = page.indexOf('</head>');
	return at >= 0 ? `${page.slice(0, at)}\t${lines}\n\t${page.slice(at)}` : `${lines}\n${page}`;
}

export function sharedListingPage({ db, index, publicUrl }: ShareOptions) {
	return async (c: Context) => {
		const origin = publicUrl ?? new URL(c.req.url).origin;
		const key = c.req.param('id') ?? '';
		const url = `${origin}/annonces/${encodeURIComponent(key)}`;
		const listing = key ? await publicListing(db, `listing:${key}`) : null;
		const photo = listing ? firstPhotoName(listing) : undefined;
		const tags = listing
			? describeListing(listing, {
					url,
					image: photo ? `${origin}/media/${encodeURIComponent(listing._id)}/${photo}` : undefined,
					origin,
				})
			: siteTags(origin, url);
		const html = await readFile(index, 'utf8');
		c.header('Cache-Control', 'no-cache');
		return c.html(withTags(html, tags));
	};
}
