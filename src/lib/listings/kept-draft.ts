// A listing being written is kept on the device (localStorage, one per structure) so that a
// closed tab, a reload or a dead battery loses nothing; restored when the form opens again,
// cleared once it is published. Its photos are not kept: they are blobs, too big for
// localStorage, and quick to pick again.
import type { StepId } from './listing-steps';

export interface KeptDraft {
	values: Record<string, string>;
	step: StepId;
	/** How many photos the draft had: they must be picked again. */
	photos?: number;
}

const keyOf = (structureId: string) => `elbasar:listing-draft:${structureId}`;

export function readKept(structureId: string): KeptDraft | null {
	try {
		const raw = localStorage.getItem(keyOf(structureId));
		const kept = raw ? (JSON.parse(raw) as KeptDraft) : null;
		return kept && typeof kept.values === 'object' ? kept : null;
	} catch {
		return null;
	}
}

export function keep(structureId: string, draft: KeptDraft): void {
	try {
		localStorage.setItem(keyOf(structureId), JSON.stringify(draft));
	} catch {
		// A full or forbidden storage only loses the convenience, not the form.
	}
}

export function forget(structureId: string): void {
	try {
		localStorage.removeItem(keyOf(structureId));
	} catch {
		// Nothing kept, nothing to clear.
	}
}
