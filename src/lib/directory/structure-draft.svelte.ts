// The state of a structure's edit form: its field values and the document they make; the save
// flow (field errors, the domain's gate, saving, failures) is the forms' one.
import { type Structure, StructureSchema } from '../domain';
import { FormDraft } from '../forms/draft.svelte';
import type { Unstamped } from '../forms/unstamped';
import { m } from '../i18n';
import { SingleImage } from '../media/single-image.svelte';
import type { FieldErrors } from '../ui/validation';

/** Field order in the form: the first invalid one receives the focus. */
export const STRUCTURE_FIELDS = [
	'name',
	'legalForm',
	'sectors',
	'pitch',
	'description',
	'missions',
	'offers',
	'needs',
	'address',
	'commune',
	'website',
	'employees',
] as const;

export class StructureDraft extends FormDraft<Structure> {
	name = $state('');
	legalForm = $state('');
	sectors: string[] = $state([]);
	pitch = $state('');
	description = $state('');
	missions = $state('');
	offers = $state('');
	needs = $state('');
	address = $state('');
	commune = $state('');
	website = $state('');
	employees = $state('');

	readonly logo: SingleImage;
	protected readonly schema = StructureSchema;
	protected readonly rootField = 'name';
	protected readonly notSaved = m.directory_draft_not_saved();

	constructor(readonly base: Structure) {
		super(base);
		this.logo = new SingleImage(base);
		this.name = base.name;
		this.legalForm = base.legalForm;
		this.sectors = [...base.sectors];
		this.pitch = base.pitch;
		this.description = base.description;
		this.missions = base.missions;
		this.offers = base.offers;
		this.needs = base.needs;
		this.address = base.address;
		this.commune = base.commune;
		this.website = base.website ?? '';
		this.employees = base.employees;
	}

	toDoc(): Unstamped<Structure> {
		const doc = {
			...this.base,
			name: this.name.trim(),
			legalForm: this.legalForm,
			sectors: [...this.sectors],
			pitch: this.pitch.trim(),
			description: this.description.trim(),
			missions: this.missions.trim(),
			offers: this.offers.trim(),
			needs: this.needs.trim(),
			address: this.address.trim(),
			commune: this.commune,
			employees: this.employees,
		} as Unstamped<Structure>;
		if (this.website.trim()) doc.website = this.website.trim();
		else delete doc.website;
		const attachments = this.logo.attachments();
		if (attachments) Object.assign(doc, { _attachments: attachments });
		else delete (doc as { _attachments?: unknown })._attachments;
		return doc;
	}

	protected pending(): string | null {
		return this.logo.busy ? m.directory_draft_logo_busy() : null;
	}

	protected build(): Unstamped<Structure> {
		return this.toDoc();
	}

	protected check(_doc: Unstamped<Structure>, errors: FieldErrors): void {
		if (errors.sectors && this.sectors.length > 5) errors.sectors = m.directory_draft_sectors_max();
	}
}
