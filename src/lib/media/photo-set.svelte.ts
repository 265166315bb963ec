// The photos of a listing being edited: the stored ones (kept as stubs), the new ones resized on
// the device, their order and text alternatives; turned into the document's `photos` and
// `_attachments` when the form saves.
import {
	type ImageType,
	type ListingPhoto,
	MAX_LISTING_PHOTOS,
	photoName,
	slotOf,
	thumbName,
} from '../domain';
import { m } from '../i18n';
import { type Attachments, attachmentsOf, type Stub } from './attachments';
import { decode, type Encoded, encode, ImageError } from './resize';
import { freeSlots, TARGETS } from './rules';

export interface PhotoItem {
	/** Stable key for the list while it is reordered. */
	key: string;
	slot: number;
	alt: string;
	/** A photo already stored on the listing: its attachment names and digest. */
	stored?: { name: string; thumb: string; digest?: string };
	/** A photo picked in this form: its encoded image, thumbnail and a preview URL. */
	fresh?: { full: Encoded; thumb: Encoded; preview: string };
}

let keys = 0;

export class PhotoSet {
	items: PhotoItem[] = $state([]);
	busy = $state(false);
	/** The last refusal or success, announced to screen readers. */
	message = $state('');
	problem = $state(false);
	readonly #base: Record<string, Stub>;

	constructor(base: { photos?: ListingPhoto[] } | null) {
		this.#base = attachmentsOf(base);
		for (const photo of base?.photos ?? []) {
			if (!(photo.name in this.#base) || !(photo.thumb in this.#base)) continue;
			const stored = { name: photo.name, thumb: photo.thumb, digest: this.#base[photo.thumb].digest };
			this.items.push({ key: `p${keys++}`, slot: slotOf(photo.name), alt: photo.alt, stored });
		}
	}

	get room(): number {
		return MAX_LISTING_PHOTOS - this.items.length;
	}

	/** Resizes and adds the picked files, as many as there is room for; says what was refused. */
	async add(files: File[]): Promise<void> {
		if (this.busy || files.length === 0) return;
		this.busy = true;
		this.problem = false;
		this.message = m.posting_photos_reducing();
		const refused: string[] = [];
		const extra = files.length - this.room;
		try {
			for (const file of files.slice(0, Math.max(0, this.room))) {
				try {
					const bitmap = await decode(file);
					const [full, thumb] = [await encode(bitmap, TARGETS.photo), await encode(bitmap, TARGETS.thumb)];
					bitmap.close();
					const [slot] = freeSlots(
						this.items.map((i) => i.slot),
						1,
					);
					const preview = URL.createObjectURL(thumb.blob);
					this.items.push({ key: `p${keys++}`, slot, alt: '', fresh: { full, thumb, preview } });
				} catch (err) {
					refused.push(
						err instanceof ImageError ? err.message : m.posting_photo_unreadable({ name: file.name }),
					);
				}
			}
			if (extra > 0) refused.push(m.posting_photos_too_many({ count: extra, max: MAX_LISTING_PHOTOS }));
			this.problem = refused.length > 0;
			this.message =
				refused.length > 0
					? refused.join(' ')
					: m.posting_photos_ready({ count: this.items.length, max: MAX_LISTING_PHOTOS });
		} finally {
			this.busy = false;
		}
	}

	remove(index: number): void {
		const [gone] = this.items.splice(index, 1);
		if (gone?.fresh) URL.revokeObjectURL(gone.fresh.preview);
		this.problem = false;
		this.message = m.posting_photo_removed({ count: this.items.length, max: MAX_LISTING_PHOTOS });
	}

	move(index: number, by: -1 | 1): void {
		this.moveTo(index, index + by);
	}

	/** Puts the photo at `from` in position `to` (a drag and drop, or the arrows). */
	moveTo(from: number, to: number): void {
		if (from === to || from < 0 || to < 0 || from >= this.items.length || to >= this.items.length) return;
		const [item] = this.items.splice(from, 1);
		this.items.splice(to, 0, item);
		this.problem = false;
		this.message = m.posting_photo_moved({ n: to + 1 });
	}

	/** The document's `photos` and `_attachments`; a photo without text is described by the title. */
	fields(title: string): { photos: ListingPhoto[]; _attachments: Attachments } {
		const attachments: Attachments = {};
		const photos = this.items.map((item) => {
			const alt = item.alt.trim() || title;
			if (item.stored) {
				const { name, thumb } = item.stored;
				attachments[name] = this.#base[name];
				attachments[thumb] = this.#base[thumb];
				return { name, thumb, alt };
			}
			const { full, thumb } = item.fresh as NonNullable<PhotoItem['fresh']>;
			const names = { name: photoName(item.slot, full.type), thumb: thumbName(item.slot, thumb.type) };
			attachments[names.name] = stored(full.blob, full.type);
			attachments[names.thumb] = stored(thumb.blob, thumb.type);
			return { ...names, alt };
		});
		return { photos, _attachments: attachments };
	}

	/** Forgets every photo (the draft is cleared). */
	clear(): void {
		this.dispose();
		this.items = [];
		this.message = '';
		this.problem = false;
	}

	/** Frees the previews (the form is leaving). */
	dispose(): void {
		for (const item of this.items) if (item.fresh) URL.revokeObjectURL(item.fresh.preview);
	}
}

const stored = (blob: Blob, type: ImageType) => ({ content_type: type, data: blob });
