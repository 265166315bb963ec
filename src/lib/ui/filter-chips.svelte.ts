// The active filters of a filter form, as chips: each field of a FilterForm (FilterSelect,
// FilterText) tells the form what it is set to, through context, so every list that uses the form
// gets the « Filtres (n) » count and removable chips without listing its fields twice.
import { getContext, setContext } from 'svelte';

export interface FilterChip {
	/** The field's id: one chip per field. */
	id: string;
	/** What the field is called (« Secteur »), read before the value by screen readers. */
	label: string;
	/** What it is set to (« Culture, arts et spectacle »). */
	value: string;
	/** Empties the field (and lets the list know). */
	remove(): void;
}

export class FilterChips {
	#chips: Record<string, FilterChip> = $state({});
	readonly #changed: () => void;

	constructor(changed: () => void) {
		this.#changed = changed;
	}

	get list(): FilterChip[] {
		return Object.values(this.#chips);
	}

	/** The field `id` is set to `chip`, or to nothing. */
	set(id: string, chip: FilterChip | null) {
		if (chip) this.#chips[id] = chip;
		else delete this.#chips[id];
	}

	/** A field was emptied from its chip (no input event tells the form). */
	changed() {
		this.#changed();
	}
}

const KEY = Symbol('filter-chips');

export const provideFilterChips = (chips: FilterChips) => setContext(KEY, chips);

/** The chips of the enclosing FilterForm, if any (a field used alone has none). */
export const filterChips = () => getContext<FilterChips | undefined>(KEY);
