// The state of the listing form (new or edit): its field values and the document they make; the
// save flow (field errors, the domain's gate, saving, failures) is the forms' one.
import { type Listing, ListingSchema, newKey, SCHEMA_VERSION, type Viewer } from '../domain';
import { FormDraft } from '../forms/draft.svelte';
import type { Unstamped } from '../forms/unstamped';
import { m } from '../i18n';
import { PhotoSet } from '../media/photo-set.svelte';
import { addMonths, today } from '../ui/format';
import { type FieldErrors, fieldErrors } from '../ui/validation';
import { LISTING_FIELDS } from './listing-steps';

export { LISTING_FIELDS };

/** Statuses a member may set by hand ("expired" follows from the end date). */
export const EDITABLE_STATUSES = ['open', 'discussion', 'concluded', 'withdrawn'] as const;

/** The fields a draft kept on the device holds: what is typed, not the photos. */
const KEPT_FIELDS = [
	'kind',
	'nature',
	'sector',
	'title',
	'text',
	'commune',
	'radiusKm',
	'price',
	'validFrom',
	'validUntil',
	'audience',
] as const;

export class ListingDraft extends FormDraft<Listing> {
	kind = $state('offer');
	nature = $state('');
	sector = $state('');
	title = $state('');
	text = $state('');
	commune = $state('');
	radiusKm = $state('');
	price = $state('');
	validFrom = $state(today());
	validUntil = $state(addMonths(today(), 3));
	audience = $state('public');
	status = $state('open');
	/** With whom a concluded listing was concluded (asked when the status becomes « Conclue »). */
	concludedWith = $state('');

	readonly id: string;
	readonly photos: PhotoSet;
	protected readonly schema = ListingSchema;
	protected readonly rootField = 'validUntil';
	protected readonly notSaved = m.posting_not_saved();

	constructor(base: Listing | null) {
		super(base);
		this.id = base?._id ?? `listing:${newKey()}`;
		this.photos = new PhotoSet(base);
		if (!base) return;
		this.kind = base.kind;
		this.nature = base.nature;
		this.sector = base.sector;
		this.title = base.title;
		this.text = base.text;
		this.commune = base.commune;
		this.radiusKm = base.radiusKm === undefined ? '' : String(base.radiusKm);
		this.price = base.price ?? '';
		this.validFrom = base.validFrom;
		this.validUntil = base.validUntil;
		this.audience = base.audience;
		this.status = base.status === 'expired' ? 'open' : base.status;
		this.concludedWith = base.concludedWith ?? '';
	}

	/** What is typed, to keep on the device (the photos are not kept). */
	values(): Record<string, string> {
		return Object.fromEntries(KEPT_FIELDS.map((field) => [field, this[field]]));
	}

	/** Puts back what was typed (a kept draft), ignoring anything that is not a field. */
	restore(values: Record<string, unknown>): void {
		for (const field of KEPT_FIELDS)
			if (typeof values[field] === 'string') this[field] = values[field] as string;
	}

	/** True when nothing has been typed yet (a kept draft of it is not worth showing). */
	isBlank(): boolean {
		return !this.nature && !this.sector && !this.title.trim() && !this.text.trim() && !this.price.trim();
	}

	/**
	 * Every field's error as saving would find it, without saving: the steps show theirs before
	 * « Suivant ». The schema decides, as in FormDraft.save (stamped the same way).
	 */
	validate(viewer: Viewer): FieldErrors {
		const doc = this.build(viewer);
		if (typeof doc === 'string') return {};
		const stamped = { schema: SCHEMA_VERSION, createdAt: NOW, updatedAt: NOW, ...doc };
		const errors = fieldErrors(this.schema, stamped, this.rootField);
		this.check(doc, errors);
		return errors;
	}

	/** The document this draft would save, on top of the stored one when editing. */
	toDoc(owner: string): Unstamped<Listing> {
		const stored: Partial<Listing> = this.base ?? {};
		const doc = {
			...stored,
			_id: this.id,
			type: 'listing',
			owner: stored.owner ?? owner,
			kind: this.kind,
			nature: this.nature,
			sector: this.sector,
			title: this.title.trim(),
			text: this.text.trim(),
			commune: this.commune,
			validFrom: this.validFrom,
			validUntil: this.validUntil,
			audience: this.audience,
			status: this.status,
		} as Unstamped<Listing>;
		const radius = this.radiusKm.trim();
		if (radius) doc.radiusKm = Number(radius);
		else delete doc.radiusKm;
		if (this.price.trim()) doc.price = this.price.trim();
		else delete doc.price;
		if (this.status === 'concluded' && this.concludedWith) {
			doc.concludedWith = this.concludedWith;
			const now = new Date().toISOString();
			doc.concludedAt = stored.concludedWith === this.concludedWith ? (stored.concludedAt ?? now) : now;
		} else {
			delete doc.concludedWith;
			delete doc.concludedAt;
		}
		const media = this.photos.fields(doc.title);
		if (media.photos.length > 0) Object.assign(doc, media);
		else {
			delete doc.photos;
			delete (doc as { _attachments?: unknown })._attachments;
		}
		return doc;
	}

	protected pending(): string | null {
		return this.photos.busy ? m.posting_photos_busy() : null;
	}

	protected build(viewer: Viewer): Unstamped<Listing> | string {
		const owner = this.base?.owner ?? viewer.structureId;
		if (!owner) return m.posting_no_structure();
		return this.toDoc(owner);
	}

	protected check(doc: Unstamped<Listing>, errors: FieldErrors): void {
		if (doc.status === 'concluded' && !doc.concludedWith)
			errors.concludedWith = m.posting_concluded_with_needed();
	}
}

const NOW = '2000-01-01T00:00:00.000Z';
