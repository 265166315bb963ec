// A paid membership order extends the structure's membership by one period.
/// <reference types="pouchdb-core" />
import type { Order } from '../../src/lib/domain';
import type { EffectContext } from './effects';

export async function applyMembershipEffect(_ctx: EffectContext, _order: Order): Promise<void> {
	// Filled in by the memberships work.
}
