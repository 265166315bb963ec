// The state of a structure's edit form: its fields, errors, and saving through the replica with
// the domain's schema and access rules.
import { canWrite, type Structure, StructureSchema, type Viewer, validateDoc } from '../domain';
import { SingleImage } from '../media/single-image.svelte';
import { saveDoc } from '../sync/docs';
import { saveFailure } from '../ui/errors';
import { type FieldErrors, fieldErrors } from '../ui/validation';

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

export class StructureDraft {
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

	errors: FieldErrors = $state({});
	failure: string | null = $state(null);
	saving = $state(false);
	readonly logo: SingleImage;

	constructor(readonly base: Structure) {
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

	toDoc(): Structure {
		const { _conflicts, ...stored } = this.base as Structure & { _conflicts?: string[] };
		const doc = {
			...stored,
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
			updatedAt: new Date().toISOString(),
		} as Structure;
		if (this.website.trim()) doc.website = this.website.trim();
		else delete doc.website;
		const attachments = this.logo.attachments();
		if (attachments) Object.assign(doc, { _attachments: attachments });
		else delete (doc as { _attachments?: unknown })._attachments;
		return doc;
	}

	async save(viewer: Viewer): Promise<Structure | null> {
		if (this.saving) return null;
		this.failure = null;
		if (this.logo.busy) {
			this.failure = 'Patientez : le logo est en cours de réduction.';
			return null;
		}
		const doc = this.toDoc();
		this.errors = fieldErrors(StructureSchema, doc, 'name');
		if (this.errors.sectors && this.sectors.length > 5) this.errors.sectors = '5 secteurs au plus';
		if (!validateDoc(doc).ok || Object.keys(this.errors).length > 0) {
			const count = Math.max(1, Object.keys(this.errors).length);
			this.failure = `La fiche n’est pas enregistrée : ${count > 1 ? `${count} champs sont` : 'un champ est'} à corriger.`;
			return null;
		}
		const allowed = canWrite(viewer, this.base, doc);
		if (!allowed.ok) {
			this.failure = `Enregistrement refusé : ${allowed.reason}.`;
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
