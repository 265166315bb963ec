// Photos for the demo's listings, drawn on the fly: a sky in the colours of the listing's sector,
// a sun and a few flat shapes, as PNG (a type the media rules accept). No download, no library;
// small files (a few kB) so a first sync of the demo stays quick.
import { type Listing, type ListingPhoto, photoName, SECTOR_IDS, thumbName } from '../../src/lib/domain';
import { encodePng } from './png';
import type { Random } from './random';

type Rgb = [number, number, number];
type Shape =
	| { kind: 'disc'; x: number; y: number; r: number; colour: Rgb }
	| { kind: 'block'; x: number; y: number; w: number; h: number; colour: Rgb };

interface Scene {
	top: Rgb;
	bottom: Rgb;
	ground: Rgb;
	horizon: number;
	shapes: Shape[];
}

/** The same size ratio as phones' photos; the thumbnail is the same scene drawn smaller. */
const PHOTO = { width: 400, height: 300 };
const THUMB = { width: 160, height: 120 };

function hsl(h: number, s: number, l: number): Rgb {
	const a = s * Math.min(l, 1 - l);
	const f = (n: number) => {
		const k = (n + h / 30) % 12;
		return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
	};
	return [f(0), f(8), f(4)];
}

/** One hue per sector, spread round the colour wheel, so a sector's photos look alike. */
export function sectorHue(sector: string): number {
	const index = Math.max(0, (SECTOR_IDS as readonly string[]).indexOf(sector));
	return (index * 360) / SECTOR_IDS.length;
}

function scene(random: Random, sector: string): Scene {
	const hue = sectorHue(sector);
	const horizon = 0.55 + random.int(0, 15) / 100;
	const shapes: Shape[] = [
		{
			kind: 'disc',
			x: random.int(15, 85) / 100,
			y: random.int(12, 30) / 100,
			r: random.int(8, 14) / 100,
			colour: hsl((hue + 40) % 360, 0.9, 0.8),
		},
	];
	const blocks = random.int(2, 4);
	for (let i = 0; i < blocks; i++) {
		const w = random.int(12, 26) / 100;
		const h = random.int(15, 40) / 100;
		shapes.push({
			kind: 'block',
			x: (i + 0.2 + random.int(0, 40) / 100) / blocks - w / 2,
			y: horizon - h,
			w,
			h,
			colour: hsl((hue + random.int(-25, 25) + 360) % 360, 0.55, 0.3 + random.int(0, 25) / 100),
		});
	}
	shapes.push({
		kind: 'disc',
		x: random.int(20, 80) / 100,
		y: horizon + 0.12,
		r: random.int(5, 9) / 100,
		colour: hsl((hue + 180) % 360, 0.6, 0.55),
	});
	return {
		top: hsl(hue, 0.7, 0.82),
		bottom: hsl(hue, 0.6, 0.6),
		ground: hsl(hue, 0.45, 0.35),
		horizon,
		shapes,
	};
}

/** The columns a shape covers on the row at height `y` (fractions of the width), if any. */
function span(shape: Shape, y: number, ratio: number): [number, number] | null {
	if (shape.kind === 'block')
		return y >= shape.y && y < shape.y + shape.h ? [shape.x, shape.x + shape.w] : null;
	// Coordinates are fractions of width and height: a disc's radius is in widths, kept round.
	const dy = (y - shape.y) / ratio;
	const half = shape.r * shape.r - dy * dy;
	if (half < 0) return null;
	return [shape.x - Math.sqrt(half), shape.x + Math.sqrt(half)];
}

/** Row by row, as PNG stores them: the sky's gradient (or the ground), then each shape's span over it. */
function draw({ width, height }: { width: number; height: number }, s: Scene): Uint8Array {
	const stride = width * 3 + 1;
	const raw = new Uint8Array(stride * height);
	const ratio = width / height;
	for (let py = 0; py < height; py++) {
		const row = py * stride + 1; // after the row's filter byte, 0
		const paint = (from: number, to: number, colour: Rgb) => {
			const start = row + Math.max(0, from) * 3;
			const end = row + Math.min(width, to) * 3;
			if (end <= start) return;
			raw.set(colour, start);
			// Doubling copies: a few calls per span instead of one write per pixel.
			for (let filled = 3; start + filled < end; filled *= 2)
				raw.copyWithin(start + filled, start, Math.min(start + filled, end - filled));
		};
		const y = py / height;
		const t = Math.min(1, y / s.horizon);
		const sky = [0, 1, 2].map((c) => Math.round(s.top[c] + (s.bottom[c] - s.top[c]) * t)) as Rgb;
		paint(0, width, y >= s.horizon ? s.ground : sky);
		for (const shape of s.shapes) {
			const cover = span(shape, y, ratio);
			if (cover) paint(Math.round(cover[0] * width), Math.round(cover[1] * width), shape.colour);
		}
	}
	return encodePng(width, height, raw);
}

/** The listing with one generated photo and its thumbnail, as attachments (base64, as on the wire). */
export function withPhoto(random: Random, listing: Listing): Listing {
	const s = scene(random, listing.sector);
	const photo: ListingPhoto = {
		name: photoName(1, 'image/png'),
		thumb: thumbName(1, 'image/png'),
		alt: `Illustration aux couleurs du secteur de l’annonce « ${listing.title.slice(0, 120)} »`,
	};
	const attachment = (bytes: Uint8Array) => ({
		content_type: 'image/png',
		data: Buffer.from(bytes).toString('base64'),
	});
	return {
		...listing,
		photos: [photo],
		_attachments: { [photo.name]: attachment(draw(PHOTO, s)), [photo.thumb]: attachment(draw(THUMB, s)) },
	} as Listing;
}

/** About a third of the listings get a photo, always the showcase's first ones (the story's). */
export function addPhotos(random: Random, listings: Listing[], showcased: number): Listing[] {
	return listings.map((l, i) =>
		i < Math.min(showcased, 4) || random.chance(0.32) ? withPhoto(random, l) : l,
	);
}
