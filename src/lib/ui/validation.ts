// Turns a schema's issues into one message per form field, in the app's language, so forms can
// show each error next to its field. The domain's `validateDoc` stays the gate before saving.
import * as v from 'valibot';
import { m } from '../i18n';
import { capitalise } from './errors';

export type FieldErrors = Record<string, string>;

/**
 * The domain's schemas speak French (the server answers with them too); the reasons a form can
 * meet are read again from the catalogue, so an English reader gets them in English.
 */
const REASONS: [RegExp, (count: string) => string][] = [
	[/^champ obligatoire$/, () => m.common_reason_required()],
	[/^(\d+) caractères au plus$/, (count) => m.common_reason_max_chars({ count })],
	[/^(\d+) caractères au moins$/, (count) => m.common_reason_min_chars({ count })],
	[/^adresse e-mail invalide$/, () => m.common_reason_email()],
	[/^numéro de téléphone invalide$/, () => m.common_reason_phone()],
	[/^commune inconnue du Nord ou du Pas-de-Calais$/, () => m.common_reason_commune()],
	[/^la fin précède le début$/, () => m.common_reason_end_before_start()],
	[/^la fin de validité précède son début$/, () => m.common_reason_valid_until_before_from()],
	[/^(\d+) photos au plus$/, (count) => m.common_reason_max_photos({ count })],
	[/^au moins un secteur$/, () => m.common_reason_one_sector()],
	[/^proposez au moins une date$/, () => m.common_reason_one_date()],
	[/^(\d+) dates au plus$/, (count) => m.common_reason_max_dates({ count })],
	[/^(\d+) personnes au moins$/, (count) => m.common_reason_min_people({ count })],
	[/^(\d+) personnes au plus$/, (count) => m.common_reason_max_people({ count })],
	[/^au moins un tour$/, () => m.common_reason_one_round()],
	[/^(\d+) tours au plus$/, (count) => m.common_reason_max_rounds({ count })],
	[/^une minute au moins$/, () => m.common_reason_one_minute()],
	[/^(\d+) minutes au plus$/, (count) => m.common_reason_max_minutes({ count })],
	[/^choisissez une raison$/, () => m.common_reason_pick_reason()],
	[/^précisez la raison du signalement$/, () => m.common_reason_report_details()],
	[/^l’e-mail de l’invité est obligatoire$/, () => m.common_reason_guest_email()],
];

/** A domain reason in the app's language; one the catalogue does not know stays as the domain wrote it. */
export function localReason(reason: string): string {
	for (const [pattern, message] of REASONS) {
		const match = pattern.exec(reason);
		if (match) return message(match[1] ?? '');
	}
	return reason;
}

function readable(issue: v.BaseIssue<unknown>): string {
	if (!issue.message.toLowerCase().startsWith('invalid')) return localReason(issue.message);
	if (issue.kind === 'schema' && issue.input === undefined) return m.common_field_required();
	if (issue.type === 'picklist') return m.common_field_pick();
	if (issue.type === 'number' || issue.type === 'integer') return m.common_field_integer();
	return m.common_field_invalid();
}

/**
 * Validates `input` with `schema`; issues without a field (cross-field checks) go to `rootField`.
 * Returns an empty object when the input is valid.
 */
export function fieldErrors(schema: v.GenericSchema, input: unknown, rootField: string): FieldErrors {
	const result = v.safeParse(schema, input);
	if (result.success) return {};
	const errors: FieldErrors = {};
	for (const issue of result.issues) {
		const field = v.getDotPath(issue)?.split('.')[0] ?? rootField;
		errors[field] ??= capitalise(readable(issue));
	}
	return errors;
}
