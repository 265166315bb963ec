// What the device accepts from the photo picker and the sizes it makes of it: pure rules,
// shared by the resizer and the forms (and unit-tested without a browser).
import { MAX_LISTING_PHOTOS } from '../domain';
import { formatNumber, m } from '../i18n';

/** A picked file larger than this is refused before decoding: phones' originals are 2–12 MB. */
export const MAX_PICKED_BYTES = 15 * 1024 * 1024;
/** Types the picker accepts; HEIC/HEIF only where the browser can decode them (Safari). */
export const PICKABLE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
export const ACCEPT = PICKABLE_TYPES.join(',');

export interface Target {
	/** Longest side, in pixels. */
	maxSide: number;
	/** Largest encoded size, in bytes. */
	budget: number;
}

/** What each image becomes: a listing photo and its thumbnail, a logo, a face. */
export const TARGETS = {
	photo: { maxSide: 1280, budget: 200 * 1024 },
	thumb: { maxSide: 320, budget: 30 * 1024 },
	logo: { maxSide: 512, budget: 80 * 1024 },
	face: { maxSide: 512, budget: 80 * 1024 },
} satisfies Record<string, Target>;

export interface Picked {
	name: string;
	type: string;
	size: number;
}

/** « 15 Mo », « 16,2 Mo » in the reader's language. */
export const megabytes = (bytes: number) =>
	m.posting_megabytes({ n: formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 }) });

/** Why a picked file is refused, in the reader's language, or null when it may be decoded. */
export function pickProblem(file: Picked): string | null {
	const type = file.type || guessType(file.name);
	if (!PICKABLE_TYPES.includes(type)) return m.posting_pick_wrong_type({ name: file.name });
	if (file.size > MAX_PICKED_BYTES)
		return m.posting_pick_too_big({
			name: file.name,
			size: megabytes(file.size),
			max: megabytes(MAX_PICKED_BYTES),
		});
	if (file.size === 0) return m.posting_pick_empty({ name: file.name });
	return null;
}

/** Some phones give HEIC files no type: the extension tells. */
function guessType(name: string): string {
	const ext = name.toLowerCase().split('.').pop() ?? '';
	return { heic: 'image/heic', heif: 'image/heif', jpg: 'image/jpeg', jpeg: 'image/jpeg' }[ext] ?? '';
}

/** Dimensions scaled down (never up) so the longest side is at most `maxSide`, ratio kept. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Encoding qualities tried in turn until the image fits its budget; then the image shrinks. */
export const QUALITIES = [0.82, 0.7, 0.58, 0.46];
export const SHRINK = 0.8;

/** The lowest photo slots (1–5) not taken, for new photos of a listing. */
export function freeSlots(taken: number[], count: number): number[] {
	const free: number[] = [];
	for (let slot = 1; slot <= MAX_LISTING_PHOTOS && free.length < count; slot++)
		if (!taken.includes(slot)) free.push(slot);
	return free;
}

/** Two letters for a face without photo: « Léa Martin » → « LM ». */
export function initials(name: string): string {
	const words = name
		.trim()
		.split(/[\s'’-]+/)
		.filter(Boolean);
	const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
	return letters.map((w) => w[0].toUpperCase()).join('');
}
