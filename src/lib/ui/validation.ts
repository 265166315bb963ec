// Turns a schema's issues into one French message per form field, so forms can show each
// error next to its field. The domain's `validateDoc` stays the gate before saving.
import * as v from 'valibot';
import { m } from '../i18n';
import { capitalise } from './errors';

export type FieldErrors = Record<string, string>;

function french(issue: v.BaseIssue<unknown>): string {
	if (!issue.message.toLowerCase().startsWith('invalid')) return issue.message;
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
		errors[field] ??= capitalise(french(issue));
	}
	return errors;
}
