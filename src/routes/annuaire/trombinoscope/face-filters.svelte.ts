// The trombinoscope's filters (sector, department, intercommunality, name) and page size, kept for
// the session; intercommunalities offered are those of the chosen department.

import type { FaceFilters as Query } from '$lib/directory/trombinoscope';
import { COMMUNES, EPCIS } from '$lib/domain';

export const PAGE_SIZE = 60;

interface EpciOption {
	value: string;
	label: string;
	department: string;
}

const departmentOf = new Map(COMMUNES.map((c) => [c.epci, c.department]));
const ALL_EPCIS: EpciOption[] = [...EPCIS]
	.map(([value, label]) => ({ value, label, department: departmentOf.get(value) ?? '' }))
	.filter((o) => o.department)
	.sort((a, b) => a.label.localeCompare(b.label, 'fr'));

class FaceFilters {
	name = $state('');
	sector = $state('');
	department = $state('');
	epci = $state('');
	limit = $state(PAGE_SIZE);

	get query(): Query {
		return { name: this.name, sector: this.sector, department: this.department, epci: this.epci };
	}

	get epciOptions(): EpciOption[] {
		return this.department ? ALL_EPCIS.filter((o) => o.department === this.department) : ALL_EPCIS;
	}

	get active(): boolean {
		return !!(this.name || this.sector || this.department || this.epci);
	}

	/** A new filter starts again from the first page; an intercommunality outside the department goes. */
	changed() {
		if (this.epci && !this.epciOptions.some((o) => o.value === this.epci)) this.epci = '';
		this.limit = PAGE_SIZE;
	}

	more() {
		this.limit += PAGE_SIZE;
	}

	clear() {
		this.name = this.sector = this.department = this.epci = '';
		this.limit = PAGE_SIZE;
	}
}

export const faceFilters = new FaceFilters();
