// Turns a picked photo into what is stored: decoded on the device, scaled down, encoded to WebP
// (JPEG where the browser cannot) within a byte budget. Browser APIs only: a phone's 12 MB photo
// leaves as ~150 kB.
import type { ImageType } from '../domain';
import { m } from '../i18n';
import { fitWithin, pickProblem, QUALITIES, SHRINK, type Target } from './rules';

export interface Encoded {
	blob: Blob;
	type: ImageType;
	width: number;
	height: number;
}

/** A refusal the forms show as is (in the reader's language). */
export class ImageError extends Error {}

/** Decodes the picked file, refusing wrong types and sizes with a message for the reader. */
export async function decode(file: File): Promise<ImageBitmap> {
	const problem = pickProblem(file);
	if (problem) throw new ImageError(problem);
	try {
		return await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		throw new ImageError(m.posting_decode_failed({ name: file.name }));
	}
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
	if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return canvas;
}

function toBlob(canvas: Canvas, type: string, quality: number): Promise<Blob | null> {
	if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
	return new Promise((done) => canvas.toBlob(done, type, quality));
}

function draw(bitmap: ImageBitmap, width: number, height: number): Canvas {
	const canvas = canvasOf(width, height);
	const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
	// A transparent PNG logo would turn black in JPEG: paint it on white.
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.imageSmoothingQuality = 'high';
	context.drawImage(bitmap, 0, 0, width, height);
	return canvas;
}

/** WebP if this browser encodes it (it silently answers PNG otherwise), else JPEG. */
async function encodeOnce(canvas: Canvas, quality: number): Promise<{ blob: Blob; type: ImageType } | null> {
	const webp = await toBlob(canvas, 'image/webp', quality);
	if (webp?.type === 'image/webp') return { blob: webp, type: 'image/webp' };
	const jpeg = await toBlob(canvas, 'image/jpeg', quality);
	return jpeg ? { blob: jpeg, type: 'image/jpeg' } : null;
}

/** Scales `bitmap` to the target and encodes it within its budget, lowering quality then size. */
export async function encode(bitmap: ImageBitmap, target: Target): Promise<Encoded> {
	let { width, height } = fitWithin(bitmap.width, bitmap.height, target.maxSide);
	for (let attempt = 0; attempt < 6; attempt++) {
		const canvas = draw(bitmap, width, height);
		for (const quality of QUALITIES) {
			const out = await encodeOnce(canvas, quality);
			if (out && out.blob.size <= target.budget) return { ...out, width, height };
		}
		({ width, height } = fitWithin(width, height, Math.round(Math.max(width, height) * SHRINK)));
	}
	throw new ImageError(m.posting_shrink_failed());
}
