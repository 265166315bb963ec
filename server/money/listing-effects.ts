// A paid listing order publishes the non-member's listing; a paid featured order features it.
/// <reference types="pouchdb-core" />
import type { Order } from '../../src/lib/domain';
import type { EffectContext } from './effects';

export async function applyListingEffect(_ctx: EffectContext, _order: Order): Promise<void> {
	// Filled in by the paid-listings work.
}
