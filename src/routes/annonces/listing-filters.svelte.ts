// The listings page's current filters and page size, kept for the session (back from a listing
// page finds the list as it was left).
import type { ListingFilters as Query } from '$lib/listings/queries';

export const PAGE_SIZE = 50;

class ListingFilters {
	kind = $state('');
	nature = $state('');
	sector = $state('');
	department = $state('');
	limit = $state(PAGE_SIZE);

	get query(): Query {
		return { kind: this.kind, nature: this.nature, sector: this.sector, department: this.department };
	}

	get active(): boolean {
		return !!(this.kind || this.nature || this.sector || this.department);
	}

	changed() {
		this.limit = PAGE_SIZE;
	}

	more() {
		this.limit += PAGE_SIZE;
	}

	clear() {
		this.kind = this.nature = this.sector = this.department = '';
		this.limit = PAGE_SIZE;
	}
}

export const listingFilters = new ListingFilters();
