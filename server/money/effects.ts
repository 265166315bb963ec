// What a paid order changes besides its invoice: a non-member's listing is published, a featured
// listing goes to the top for 30 days, a membership is extended. Run by whoever made the order paid,
// and again by the repair of paid orders (a crash may come between the payment and its effect), so
// every effect is idempotent: it reads the document it changes and does nothing when already done.
/// <reference types="pouchdb-core" />
import type { Order } from '../../src/lib/domain';
import { applyListingEffect } from './listing-effects';
import { applyMembershipEffect } from './membership-effects';

export interface EffectContext {
	db: PouchDB.Database;
	now: () => Date;
}

export async function applyEffects(ctx: EffectContext, order: Order): Promise<void> {
	if (order.state !== 'paid') return;
	switch (order.purpose) {
		case 'listing':
		case 'featured':
			return applyListingEffect(ctx, order);
		case 'membership':
			return applyMembershipEffect(ctx, order);
	}
}
