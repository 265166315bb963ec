// The state of the form of a proposal to host an apéro: its field values and the document they
// make; the save flow (field errors, the domain's gate, saving, failures) is the forms' one.
import { newKey, type Proposal, ProposalSchema, type Structure } from '../domain';
import { FormDraft } from '../forms/draft.svelte';
import type { Unstamped } from '../forms/unstamped';
import { m } from '../i18n';
import { today } from '../ui/format';
import type { FieldErrors } from '../ui/validation';

export class ProposalDraft extends FormDraft<Proposal> {
	dates = $state(['']);
	hours = $state(m.events_proposal_default_hours());
	capacity = $state(30);
	address = $state('');
	commune = $state('');
	accessibility = $state('');
	parking = $state('');
	transport = $state('');
	description = $state('');

	readonly id = `proposal:${newKey()}`;
	protected readonly schema = ProposalSchema;
	protected readonly rootField = 'dates';
	// Each error shows next to its field; the form adds no summary.
	protected readonly notSaved = null;

	/** The form starts from the structure's own address; later edits of the structure do not reset it. */
	constructor(readonly host: Structure) {
		super(null);
		this.address = host.address;
		this.commune = host.commune;
	}

	protected build(): Unstamped<Proposal> {
		return {
			_id: this.id,
			type: 'proposal',
			owner: this.host._id,
			audience: 'owner',
			structure: this.host._id,
			dates: [...new Set(this.dates.filter(Boolean))].sort(),
			hours: this.hours,
			capacity: Number(this.capacity),
			address: this.address,
			commune: this.commune,
			accessibility: this.accessibility,
			parking: this.parking,
			transport: this.transport,
			description: this.description,
			status: 'pending',
		};
	}

	protected check(_doc: Unstamped<Proposal>, errors: FieldErrors): void {
		if (this.dates.some((d) => d && d < today())) errors.dates ??= m.events_proposal_dates_future();
	}
}
