// What a structure does with its own proposal once sent: withdraw it (on the device, pushed later).
import type { Proposal } from '../domain';
import { saveDoc } from '../sync/docs';

export function withdrawProposal(proposal: Proposal): Promise<Proposal> {
	return saveDoc({ ...proposal, status: 'withdrawn' });
}
