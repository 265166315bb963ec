// Photos, logos and faces stored as attachments of their document: the names they take, the
// ordered list a listing keeps, and the rules the server enforces on every write.
import * as v from 'valibot';
import { type Decision, deny } from './access-types';
import { text } from './fields';

/** Image types a document may carry; everything is re-encoded on the device to one of them. */
export const IMAGE_TYPES = ['image/webp', 'image/jpeg', 'image/png'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const EXTENSION_OF: Record<ImageType, string> = {
	'image/webp': 'webp',
	'image/jpeg': 'jpg',
	'image/png': 'png',
};

export const MAX_LISTING_PHOTOS = 5;
/** Largest attachment the server keeps: the device aims at 200 kB for a photo, 30 kB for a thumbnail. */
export const MAX_ATTACHMENT_BYTES = 400 * 1024;
export const MAX_THUMB_BYTES = 64 * 1024;

const EXT = '(webp|jpg|png)';
/** Attachment names each type may carry: 5 photos and their thumbnails, a logo, a face. */
const NAMES: Record<string, RegExp> = {
	listing: new RegExp(`^(photo|thumb)-[1-${MAX_LISTING_PHOTOS}]\\.${EXT}$`),
	structure: new RegExp(`^logo\\.${EXT}$`),
	person: new RegExp(`^photo\\.${EXT}$`),
};
const NAME_HINT: Record<string, string> = {
	listing: `photo-1 à photo-${MAX_LISTING_PHOTOS} et leurs vignettes`,
	structure: 'un logo',
	person: 'une photo',
};

export const photoName = (slot: number, type: ImageType) => `photo-${slot}.${EXTENSION_OF[type]}`;
export const thumbName = (slot: number, type: ImageType) => `thumb-${slot}.${EXTENSION_OF[type]}`;
export const logoName = (type: ImageType) => `logo.${EXTENSION_OF[type]}`;
export const facePhotoName = (type: ImageType) => `photo.${EXTENSION_OF[type]}`;
/** The slot number of `photo-3.webp` or `thumb-3.webp`. */
export const slotOf = (name: string) => Number(/-(\d)\./.exec(name)?.[1] ?? 0);

/** One photo of a listing, in display order: its attachment, its thumbnail's, its text alternative. */
export const ListingPhotoSchema = v.object({
	name: v.pipe(v.string(), v.regex(/^photo-[1-5]\.(webp|jpg|png)$/, 'nom de photo invalide')),
	thumb: v.pipe(v.string(), v.regex(/^thumb-[1-5]\.(webp|jpg|png)$/, 'nom de vignette invalide')),
	alt: text(200),
});
export const ListingPhotosSchema = v.pipe(
	v.array(ListingPhotoSchema),
	v.maxLength(MAX_LISTING_PHOTOS, `${MAX_LISTING_PHOTOS} photos au plus`),
);
export type ListingPhoto = v.InferOutput<typeof ListingPhotoSchema>;

type WithAttachments = { _attachments?: Record<string, unknown>; photos?: unknown };

/** The attachment P2's Open Graph tags and the listing cards show first, if the listing has photos. */
export function firstPhotoName(doc: WithAttachments): string | undefined {
	const photos = Array.isArray(doc.photos) ? (doc.photos as ListingPhoto[]) : [];
	return photos.find((p) => doc._attachments && p.name in doc._attachments)?.name;
}

/** The first attachment whose name matches, e.g. the logo of a structure or the face of a person. */
function attachmentLike(doc: WithAttachments, pattern: RegExp): string | undefined {
	return Object.keys(doc._attachments ?? {}).find((name) => pattern.test(name));
}
export const structureLogo = (doc: WithAttachments) => attachmentLike(doc, NAMES.structure);
export const personPhoto = (doc: WithAttachments) => attachmentLike(doc, NAMES.person);

/** Bytes of base64 data, without decoding it. */
export function base64Bytes(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return (data.length / 4) * 3 - padding;
}

/** The first bytes of an image say what it is, whatever its content_type claims. */
export function sniffImage(head: Uint8Array): ImageType | undefined {
	const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
	if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'image/png';
	if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
	return undefined;
}

function headOf(data: string): Uint8Array {
	const raw = atob(data.slice(0, 16));
	return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** Base64 on the wire; on the device a Blob (its `size`), or a stub with its `length`. */
function byteSize(att: Record<string, unknown>): number {
	if (typeof att.data === 'string') return base64Bytes(att.data);
	const size = (att.data as { size?: unknown } | undefined)?.size;
	return typeof size === 'number' ? size : Number(att.length ?? 0);
}

function checkOne(name: string, att: Record<string, unknown>): Decision {
	const type = att.content_type;
	if (typeof type !== 'string' || !(IMAGE_TYPES as readonly string[]).includes(type))
		return deny(`pièce jointe ${name} : seules les images WebP, JPEG ou PNG sont acceptées`);
	const bytes = byteSize(att);
	const limit = name.startsWith('thumb-') ? MAX_THUMB_BYTES : MAX_ATTACHMENT_BYTES;
	if (bytes > limit)
		return deny(`image ${name} trop lourde (${Math.ceil(bytes / 1024)} ko, ${limit / 1024} ko au plus)`);
	if (typeof att.data === 'string' && sniffImage(headOf(att.data)) !== type)
		return deny(`pièce jointe ${name} : le contenu n’est pas une image ${type.slice(6).toUpperCase()}`);
	return { ok: true };
}

/**
 * The server's rules on a document's attachments: images only, of bounded size, under the names
 * its type allows (which also bounds their number), and a listing's photo list pointing at them.
 */
export function checkMedia(doc: { _id?: unknown; type?: unknown } & WithAttachments): Decision {
	const attachments = doc._attachments ?? {};
	const names = Object.keys(attachments);
	const type = String(doc.type);
	if (names.length > 0 && !NAMES[type]) return deny('ce type de document ne porte pas d’images');
	for (const name of names) {
		if (!NAMES[type].test(name))
			return deny(`nom d’image non accepté : ${name.slice(0, 60)} (attendu : ${NAME_HINT[type]})`);
		const decision = checkOne(name, attachments[name] as Record<string, unknown>);
		if (!decision.ok) return decision;
	}
	if (type === 'listing' && Array.isArray(doc.photos))
		for (const photo of doc.photos as ListingPhoto[])
			if (!(photo.name in attachments) || !(photo.thumb in attachments))
				return deny(`la photo ${photo.name} est annoncée mais absente du document`);
	return { ok: true };
}
