// One image of a document being edited (a structure's logo): the stored one, a new one resized on
// the device, or none; merged into the document's attachments when its form saves.
import { type ImageType, logoName, structureLogo } from '../domain';
import { m } from '../i18n';
import { type Attachments, attachmentsOf, type Stub } from './attachments';
import { decode, type Encoded, encode, ImageError } from './resize';
import { TARGETS } from './rules';

export class SingleImage {
	fresh: Encoded | null = $state(null);
	preview: string | null = $state(null);
	removed = $state(false);
	busy = $state(false);
	message = $state('');
	problem = $state(false);
	readonly #base: Record<string, Stub>;
	readonly stored: string | undefined;

	constructor(base: object | null) {
		this.#base = attachmentsOf(base);
		this.stored = structureLogo({ _attachments: this.#base });
	}

	/** What the form shows: the new image, else the stored one unless removed. */
	get shows(): 'fresh' | 'stored' | 'none' {
		if (this.fresh) return 'fresh';
		return this.stored && !this.removed ? 'stored' : 'none';
	}

	get digest(): string | undefined {
		return this.stored ? this.#base[this.stored]?.digest : undefined;
	}

	async pick(file: File | undefined): Promise<void> {
		if (!file || this.busy) return;
		this.busy = true;
		this.problem = false;
		this.message = m.posting_logo_reducing();
		try {
			const bitmap = await decode(file);
			const encoded = await encode(bitmap, TARGETS.logo);
			bitmap.close();
			this.#setPreview(URL.createObjectURL(encoded.blob));
			this.fresh = encoded;
			this.message = m.posting_logo_ready();
		} catch (err) {
			this.problem = true;
			this.message =
				err instanceof ImageError ? err.message : m.posting_photo_unreadable({ name: file.name });
		} finally {
			this.busy = false;
		}
	}

	remove(): void {
		this.fresh = null;
		this.#setPreview(null);
		this.removed = true;
		this.problem = false;
		this.message = m.posting_logo_removed();
	}

	/** The document's attachments after this edit, or undefined when it carries none. */
	attachments(): Attachments | undefined {
		const kept: Attachments = { ...this.#base };
		if (this.stored && (this.removed || this.fresh)) delete kept[this.stored];
		if (this.fresh)
			kept[logoName(this.fresh.type as ImageType)] = { content_type: this.fresh.type, data: this.fresh.blob };
		return Object.keys(kept).length > 0 ? kept : undefined;
	}

	#setPreview(url: string | null): void {
		if (this.preview) URL.revokeObjectURL(this.preview);
		this.preview = url;
	}

	dispose(): void {
		this.#setPreview(null);
	}
}
