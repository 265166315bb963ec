// The state of the listing form (new or edit): field values, errors, and saving through the
// replica. Validation is the domain's, so the form refuses exactly what the server would.
import { canWrite, type Listing, ListingSchema, newKey, type Viewer, validateDoc } from '../domain';
import { PhotoSet } from '../media/photo-set.svelte';
import { saveDoc } from '../sync/docs';
import { capitalise, saveFailure } from '../ui/errors';
import { addMonths, today } from '../ui/format';
import { type FieldErrors, fieldErrors } from '../ui/validation';

/** Statuses a member may set by hand ("expired" follows from the end date). */
export const EDITABLE_STATUSES = ['open', 'discussion', 'concluded', 'withdrawn'] as const;

/** Field order in the form: the first invalid one receives the focus. */
export const LISTING_FIELDS = [
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
	'status',
	'concludedWith',
] as const;

export class ListingDraft {
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

	errors: FieldErrors = $state({});
	failure: string | null = $state(null);
	saving = $state(false);

	readonly id: string;
	readonly photos: PhotoSet;

	constructor(readonly base: Listing | null) {
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

	/** The document this draft would save, on top of the stored one when editing. */
	toDoc(owner: string): Listing {
		const now = new Date().toISOString();
		const { _conflicts, ...stored } = (this.base ?? {}) as Partial<Listing> & { _conflicts?: string[] };
		const doc = {
			...stored,
			_id: this.id,
			type: 'listing',
			schema: 1,
			owner: stored.owner ?? owner,
			createdAt: stored.createdAt ?? now,
			updatedAt: now,
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
		} as Listing;
		const radius = this.radiusKm.trim();
		if (radius) doc.radiusKm = Number(radius);
		else delete doc.radiusKm;
		if (this.price.trim()) doc.price = this.price.trim();
		else delete doc.price;
		if (this.status === 'concluded' && this.concludedWith) {
			doc.concludedWith = this.concludedWith;
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

	/** Validates and saves; returns the saved listing, or null with `errors`/`failure` set. */
	async save(viewer: Viewer): Promise<Listing | null> {
		if (this.saving) return null;
		this.failure = null;
		if (this.photos.busy) {
			this.failure = 'Patientez : les photos sont en cours de réduction.';
			return null;
		}
		const owner = this.base?.owner ?? viewer.structureId;
		if (!owner) {
			this.failure = 'Ce compte n’est rattaché à aucune structure : il ne peut pas publier d’annonce.';
			return null;
		}
		const doc = this.toDoc(owner);
		this.errors = fieldErrors(ListingSchema, doc, 'validUntil');
		if (doc.status === 'concluded' && !doc.concludedWith)
			this.errors.concludedWith = 'Choisissez la structure avec laquelle l’échange a été conclu.';
		const valid = validateDoc(doc);
		if (!valid.ok || Object.keys(this.errors).length > 0) {
			const count = Math.max(1, Object.keys(this.errors).length);
			this.failure = `L’annonce n’est pas enregistrée : ${count > 1 ? `${count} champs sont` : 'un champ est'} à corriger.`;
			return null;
		}
		const allowed = canWrite(viewer, this.base, doc);
		if (!allowed.ok) {
			this.failure = `${capitalise(allowed.reason)}.`;
			return null;
		}
		this.saving = true;
		try {
			return await saveDoc(doc);
		} catch (err) {
			this.failure = saveFailure(err);
			return null;
		} finally {
			this.saving = false;
		}
	}
}
