// The animator's writes on the agenda, saved on the device at once and synced later: cancelling an
// event, publishing the apéro a structure proposed to host, declining a proposal with its reason.
import { acceptProposal, declineProposal, type ElbEvent, type Proposal, type Schedule } from '../domain';
import { saveDoc } from '../sync/docs';

/** The event stays in the agenda, marked cancelled, so registrants see what became of it. */
export function cancelEvent(event: ElbEvent): Promise<ElbEvent> {
	return saveDoc({ ...event, status: 'cancelled' });
}

/** The event first: a proposal marked accepted always points to an event that exists. */
export async function publishProposal(proposal: Proposal, schedule: Schedule): Promise<void> {
	const { event, proposal: accepted } = acceptProposal(proposal, schedule);
	await saveDoc(event);
	await saveDoc(accepted);
}

export function declineWithReason(proposal: Proposal, reason: string): Promise<Proposal> {
	return saveDoc(declineProposal(proposal, reason));
}
