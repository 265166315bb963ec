// After a refused save, a form moves the focus where the reader must look: the first invalid field
// in the form's order, else the failure alert (ids `<prefix>-<field>` and `<prefix>-failure`).
import { tick } from 'svelte';
import type { FieldErrors } from '../ui/validation';

export async function focusProblem(
	errors: FieldErrors,
	fields: readonly string[],
	prefix: string,
): Promise<void> {
	await tick();
	const first = fields.find((name) => errors[name]);
	document.getElementById(`${prefix}-${first ?? 'failure'}`)?.focus();
}
