// GET /api/card: the signed member card of the signed-in person (the animator may ask for anyone's,
// to print or hand one over). The code is what the QR shows; phones verify it offline.
import { Hono } from 'hono';
import { type CardPayload, signCard, type Viewer } from '../../src/lib/domain';
import type { ViewerEnv } from '../auth/viewer';
import { HttpError } from '../errors';
import type { Stores } from '../store';
import { CardHolders } from './holders';
import { cardKeys } from './keys';

export { cardKeys } from './keys';

export function cardRoutes(opts: { stores: Stores }): Hono<ViewerEnv> {
	const holders = new CardHolders(opts.stores.db);
	const routes = new Hono<ViewerEnv>();

	routes.get('/card', async (c) => {
		const viewer = c.get('viewer');
		if (viewer.role === 'visitor' || !viewer.accountId)
			throw new HttpError(401, 'unauthorized', 'Connectez-vous pour obtenir votre carte de membre.');
		if (viewer.role === 'non-member')
			throw new HttpError(403, 'forbidden', 'La carte de membre est réservée aux structures adhérentes.');
		const asked = c.req.query('person');
		const person = asked
			? await holders.person(asked)
			: await holders.personOf(viewer.accountId.slice('account:'.length), viewer.structureId);
		if (asked && person && viewer.role !== 'animator' && person.structure !== viewer.structureId)
			throw new HttpError(403, 'forbidden', 'Vous ne pouvez obtenir que les cartes de votre structure.');
		if (!person) throw new HttpError(404, 'not_found', missing(viewer, asked));
		const payload: CardPayload = {
			v: 1,
			person: person._id,
			structure: person.structure,
			issued: new Date().toISOString().slice(0, 10),
		};
		const { secretKey, publicKey } = await cardKeys(opts.stores);
		return c.json({ code: await signCard(payload, secretKey), payload, name: person.name, publicKey });
	});
	return routes;
}

function missing(viewer: Viewer, asked: string | undefined): string {
	if (asked) return 'Personne inconnue de l’annuaire.';
	const email = viewer.accountId?.slice('account:'.length) ?? '';
	return `Aucune personne de votre structure ne porte l’adresse ${email} dans l’annuaire : ajoutez-vous aux personnes de votre structure pour obtenir votre carte.`;
}
