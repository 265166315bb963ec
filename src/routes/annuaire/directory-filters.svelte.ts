// The directory's current filters and how many rows are shown; kept for the session so that
// coming back from a structure page finds the list as it was left.
import type { StructureFilters } from '$lib/directory/queries';

export const PAGE_SIZE = 50;

class DirectoryFilters {
	name = $state('');
	sector = $state('');
	legalForm = $state('');
	department = $state('');
	limit = $state(PAGE_SIZE);

	get query(): StructureFilters {
		return { name: this.name, sector: this.sector, legalForm: this.legalForm, department: this.department };
	}

	get active(): boolean {
		return !!(this.name || this.sector || this.legalForm || this.department);
	}

	/** A new filter starts again from the first page. */
	changed() {
		this.limit = PAGE_SIZE;
	}

	more() {
		this.limit += PAGE_SIZE;
	}

	clear() {
		this.name = this.sector = this.legalForm = this.department = '';
		this.limit = PAGE_SIZE;
	}
}

export const directoryFilters = new DirectoryFilters();
