// The steps of the listing form, in order, and the fields each one holds: a field's error is shown
// at its step, and « Suivant » checks only the step's own fields. Pure, so unit-tested.
import type { FieldErrors } from '../ui/validation';

export const STEPS = [
	{ id: 'what', fields: ['kind', 'nature', 'title'] },
	{ id: 'details', fields: ['text', 'sector', 'price'] },
	{ id: 'photos', fields: [] },
	{
		id: 'where',
		fields: ['commune', 'radiusKm', 'validFrom', 'validUntil', 'audience', 'status', 'concludedWith'],
	},
] as const satisfies readonly { id: string; fields: readonly string[] }[];

export type StepId = (typeof STEPS)[number]['id'] | 'preview';

/** The steps in order, then the preview before publishing. */
export const STEP_ORDER: StepId[] = [...STEPS.map((s) => s.id), 'preview'];

/** Field order in the form: the first invalid one receives the focus. */
export const LISTING_FIELDS: readonly string[] = STEPS.flatMap((s) => s.fields);

export function fieldsOf(step: StepId): readonly string[] {
	return STEPS.find((s) => s.id === step)?.fields ?? [];
}

/** The errors that belong to `step`. */
export function errorsAt(step: StepId, errors: FieldErrors): FieldErrors {
	const fields = fieldsOf(step);
	return Object.fromEntries(Object.entries(errors).filter(([field]) => fields.includes(field)));
}

/** The first step holding an invalid field, or null when every field is valid. */
export function firstStepWithError(errors: FieldErrors): StepId | null {
	return STEPS.find((s) => s.fields.some((f) => errors[f]))?.id ?? null;
}

/** The step after or before `step` (stays put at either end). */
export function stepBeside(step: StepId, by: 1 | -1): StepId {
	const i = STEP_ORDER.indexOf(step);
	return STEP_ORDER[Math.min(STEP_ORDER.length - 1, Math.max(0, i + by))];
}
