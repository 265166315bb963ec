// The shared URL of a listing answers the app's page with the listing's preview tags (Open Graph,
// Twitter), escaped; members-only, hidden or unknown listings get the generic tags only.
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sharedListingPage } from '../../server/share';
import { hideContent } from '../../src/lib/domain';
import { ALL_FIXTURE_DOCS, listing, useTestServer } from './helpers';

const INDEX = `<!doctype html>
<html lang="fr">
	<head>
		<meta charset="utf-8" />
		<meta name="description" content="elBasar, l’outil d’échange du réseau APES." />
		<title>elBasar</title>
		<script type="module" src="/_app/immutable/entry/start.js"></script>
	</head>
	<body><div id="app"></div></body>
</html>`;

const PIOCHE = 'structure:la-pioche';
const WITH_PHOTO = {
	...listing('avec-photo', PIOCHE, { title: 'Vélo cargo', text: 'Un vélo cargo\n\nen  bon état.' }),
	photos: [{ name: 'photo-1.webp', thumb: 'thumb-1.webp', alt: 'Le vélo' }],
	_attachments: {
		'photo-1.webp': { content_type: 'image/webp', data: Buffer.from('RIFF....WEBP').toString('base64') },
		'thumb-1.webp': { content_type: 'image/webp', data: Buffer.from('RIFF..WEBP').toString('base64') },
	},
};
const XSS = listing('piege', PIOCHE, {
	title: '"><img src=x onerror=alert(1)> & <b>',
	text: 'Texte avec <script>alert("x")</script> dedans',
});
const HIDDEN = hideContent(listing('masquee', PIOCHE, { title: 'Annonce masquée' }), 'Anne', 'Hors sujet');

const server = useTestServer({
	docs: [...ALL_FIXTURE_DOCS, WITH_PHOTO, XSS, HIDDEN] as never[],
	people: false,
	build: { 'index.html': INDEX },
});

async function page(path: string) {
	const res = await fetch(server.url + path);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/text\/html/);
	return res.text();
}

/** The value of a meta tag, HTML entities left as they are. */
const tag = (html: string, key: string) =>
	new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)" />`).exec(html)?.[1];

describe('the shared URL of a listing', () => {
	it('carries the title, description, type, URL and image of a public listing, and still starts the app', async () => {
		const html = await page('/annonces/pioche-velo');
		expect(html).toContain('<title>Prêt d’une remorque vélo — elBasar</title>');
		expect(tag(html, 'og:title')).toBe('Prêt d’une remorque vélo');
		expect(tag(html, 'og:description')).toBe('Offre · Prêt · Arras (62) — Pour vos livraisons en ville.');
		expect(tag(html, 'description')).toBe(tag(html, 'og:description'));
		expect(tag(html, 'og:type')).toBe('article');
		expect(tag(html, 'og:url')).toBe(`${server.url}/annonces/pioche-velo`);
		expect(tag(html, 'og:image')).toBe(`${server.url}/icon-512.png`);
		expect(tag(html, 'twitter:card')).toBe('summary');
		expect(html.match(/<meta name="description"/g)).toHaveLength(1);
		expect(html).toContain('<script type="module" src="/_app/immutable/entry/start.js"></script>');
		expect(html).toContain('<div id="app"></div>');
	});

	it('shows the first photo of a listing that has one, as a large card', async () => {
		const html = await page('/annonces/avec-photo');
		expect(tag(html, 'og:image')).toBe(`${server.url}/media/listing%3Aavec-photo/photo-1.webp`);
		expect(tag(html, 'twitter:card')).toBe('summary_large_image');
		expect(tag(html, 'og:description')).toBe('Offre · Prêt · Arras (62) — Un vélo cargo en bon état.');
		const image = await fetch(tag(html, 'og:image') as string);
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/webp');
	});

	it('escapes HTML in the listing’s words', async () => {
		const html = await page('/annonces/piege');
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('<script>alert');
		expect(tag(html, 'og:title')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;');
		expect(html).toContain(
			'<title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt; — elBasar</title>',
		);
	});

	it('gives members-only, hidden and unknown listings the generic tags only', async () => {
		for (const key of ['pioche-membres', 'masquee', 'relais-brouillon', 'inconnue']) {
			const html = await page(`/annonces/${key}`);
			expect(tag(html, 'og:title')).toBe('elBasar');
			expect(tag(html, 'og:type')).toBe('website');
			expect(html).toContain('<title>elBasar</title>');
			for (const secret of ['Outils pour adhérents', 'Annonce masquée', 'Brouillon interne', 'Hors sujet'])
				expect(html).not.toContain(secret);
		}
	});

	it('uses PUBLIC_URL for absolute links when the server is configured with one', async () => {
		const app = new Hono().get(
			'/annonces/:id',
			sharedListingPage({
				db: server.stores.db,
				index: join(server.buildDir as string, 'index.html'),
				publicUrl: 'https://elbasar.apes.test',
			}),
		);
		const html = await (await app.request('/annonces/pioche-velo')).text();
		expect(tag(html, 'og:url')).toBe('https://elbasar.apes.test/annonces/pioche-velo');
		expect(tag(html, 'og:image')).toBe('https://elbasar.apes.test/icon-512.png');
	});
});
