// The name each step of the listing form shows, in the reader's language.
import { m } from '../../i18n';
import type { StepId } from '../listing-steps';

export function stepName(step: StepId): string {
	const names: Record<StepId, () => string> = {
		what: m.posting_step_what,
		details: m.posting_step_details,
		photos: m.posting_step_photos,
		where: m.posting_step_where,
		preview: m.posting_step_preview,
	};
	return names[step]();
}
