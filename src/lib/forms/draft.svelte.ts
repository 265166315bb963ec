// The one save flow of the app's forms (listing, structure, proposal): wait for images still being
// reduced, show each field's error, ask the domain's gate, then save through the replica and say
// in French why it failed. A form's draft class only builds its document and adds its own checks.
import type * as v from 'valibot';
import { canWrite, type Doc, SCHEMA_VERSION, type Viewer } from '../domain';
import { m } from '../i18n';
import { saveFailure } from '../ui/errors';
import { type FieldErrors, fieldErrors } from '../ui/validation';
import { save, type Unstamped } from './unstamped';

export abstract class FormDraft<T extends Doc> {
	errors: FieldErrors = $state({});
	failure: string | null = $state(null);
	saving = $state(false);

	/** `base` is the stored document being edited, null for a new one. */
	constructor(readonly base: T | null) {}

	/** The schema the fields are checked with, and the field its cross-field checks report on. */
	protected abstract readonly schema: v.GenericSchema;
	protected abstract readonly rootField: string;
	/** Heads the summary of field errors (« L’annonce n’est pas enregistrée »); null shows none. */
	protected abstract readonly notSaved: string | null;

	/** Why the form must wait before saving (an image still being reduced), or null. */
	protected pending(): string | null {
		return null;
	}

	/** The document to save, or a French reason why there is none to save. */
	protected abstract build(viewer: Viewer): Unstamped<T> | string;

	/** The form's own checks beyond the schema, added to `errors`. */
	protected check(_doc: Unstamped<T>, _errors: FieldErrors): void {}

	/** Validates, asks the gate and saves; returns the saved document, or null with `errors`/`failure` set. */
	async save(viewer: Viewer): Promise<T | null> {
		if (this.saving) return null;
		this.failure = null;
		const wait = this.pending();
		if (wait) return this.fail(wait);
		const doc = this.build(viewer);
		if (typeof doc === 'string') return this.fail(doc);
		// saveDoc stamps the schema version and timestamps: the check supplies them so it sees the fields only.
		const stamped = { schema: SCHEMA_VERSION, createdAt: NOW, updatedAt: NOW, ...doc };
		this.errors = fieldErrors(this.schema, stamped, this.rootField);
		this.check(doc, this.errors);
		const count = Object.keys(this.errors).length;
		if (count > 0)
			return this.fail(this.notSaved && m.common_form_fields_to_fix({ intro: this.notSaved, count }));
		const allowed = canWrite(viewer, this.base, stamped as unknown as T);
		if (!allowed.ok) return this.fail(m.common_form_refused({ reason: allowed.reason }));
		this.saving = true;
		try {
			return await save(doc);
		} catch (err) {
			return this.fail(saveFailure(err));
		} finally {
			this.saving = false;
		}
	}

	private fail(failure: string | null): null {
		this.failure = failure;
		return null;
	}
}

const NOW = '2000-01-01T00:00:00.000Z';
