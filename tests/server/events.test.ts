// Events against the real server: who reads registrations and proposals, who may write them, the
// guest registration endpoint (good and bad input, waiting list, cancellation, rate limit).
import { describe, expect, it } from 'vitest';
import {
	acceptProposal,
	newRegistration,
	type Proposal,
	type Registration,
	registrationId,
} from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	call,
	event,
	JARDINS,
	PEOPLE,
	PIOCHE,
	person,
	postJson,
	proposal,
	remote,
	useTestServer,
} from './helpers';

const future = (days: number, hour = 17) => {
	const d = new Date(Date.now() + days * 86_400_000);
	d.setUTCHours(hour, 0, 0, 0);
	return d.toISOString();
};
/** Hosted by Le Relais, two places. */
const atRelais = { host: 'structure:le-relais', capacity: 2, start: future(10), end: future(10, 19) };
const small = event('apero-relais', atRelais);
const membersOnly = event('reserve', { ...atRelais, audience: 'members', capacity: 30 });
const finished = event('fini', { ...atRelais, start: future(-3), end: future(-3, 19) });
const lea = person('lea', PIOCHE);
const marc = person('marc', 'structure:le-relais', { name: 'Marc Dubois' });
const nina = person('nina', 'structure:les-jardins', { name: 'Nina Petit' });

const server = useTestServer({ docs: [...ALL_FIXTURE_DOCS, small, membersOnly, finished, marc, nina] });

const put = (who: (typeof PEOPLE)[keyof typeof PEOPLE], doc: object) =>
	remote(server, who)
		.bulkDocs([doc as PouchDB.Core.PutDocument<object>])
		.then((r) => r[0] as { ok?: boolean; error?: string; reason?: string });
const readable = async (who: (typeof PEOPLE)[keyof typeof PEOPLE] | undefined, id: string) =>
	(await call(server, `/db/elbasar/${encodeURIComponent(id)}`, { as: who })).status === 200;

describe('registrations of a structure', () => {
	it('are read by the registrant’s structure, the host and staff only', async () => {
		const reg = newRegistration({ event: small, person: lea });
		expect(reg._id).toBe(registrationId(small._id, lea._id));
		expect(reg.participants).toEqual(['structure:le-relais']);
		expect(await put(PEOPLE.lea, reg)).toMatchObject({ ok: true });
		expect(await readable(PEOPLE.lea, reg._id)).toBe(true);
		expect(await readable(PEOPLE.marc, reg._id)).toBe(true);
		expect(await readable(PEOPLE.animator, reg._id)).toBe(true);
		expect(await readable(PEOPLE.nina, reg._id)).toBe(false);
		expect(await readable(undefined, reg._id)).toBe(false);
	});

	it('are refused for someone else’s person, a hidden host, a closed or members-only event', async () => {
		const other = await put(PEOPLE.lea, newRegistration({ event: small, person: marc }));
		expect(other).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('votre structure') });
		const hidden = { ...newRegistration({ event: membersOnly, person: lea }), participants: [] };
		expect(await put(PEOPLE.lea, hidden)).toMatchObject({
			error: 'forbidden',
			reason: expect.stringContaining('structure qui accueille'),
		});
		expect(await put(PEOPLE.lea, newRegistration({ event: finished, person: lea }))).toMatchObject({
			error: 'forbidden',
			reason: 'cet événement est terminé',
		});
		expect(await put(PEOPLE.nina, newRegistration({ event: membersOnly, person: nina }))).toMatchObject({
			error: 'forbidden',
			reason: 'cet événement est réservé aux structures adhérentes',
		});
		expect(await put(PEOPLE.nina, newRegistration({ event: small, person: nina }))).toMatchObject({
			ok: true,
		});
	});

	it('keep their rank: cancelling is allowed, moving up the list is not', async () => {
		const db = remote(server, PEOPLE.lea);
		const reg = (await db.get(registrationId(small._id, lea._id))) as Registration;
		const earlier = { ...reg, registeredAt: '2020-01-01T00:00:00.000Z' };
		expect(await put(PEOPLE.lea, earlier)).toMatchObject({
			reason: 'le rang d’une inscription ne change pas',
		});
		const cancelled = { ...reg, status: 'cancelled', cancelledAt: new Date().toISOString() };
		expect(await put(PEOPLE.lea, cancelled)).toMatchObject({ ok: true });
		expect(await put(PEOPLE.marc, { ...cancelled, status: 'registered' })).toMatchObject({
			error: 'forbidden',
		});
	});
});

const AT = { createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z' };

describe('proposals to host', () => {
	it('are the proposing member’s and staff’s to read; only staff decides', async () => {
		expect(await put(PEOPLE.nina, proposal('jardins', JARDINS, AT))).toMatchObject({
			error: 'forbidden',
			reason: 'seules les structures adhérentes proposent d’accueillir',
		});
		expect(await put(PEOPLE.lea, proposal('pioche-1', PIOCHE, AT))).toMatchObject({ ok: true });
		expect(await readable(PEOPLE.lea, 'proposal:pioche-1')).toBe(true);
		expect(await readable(PEOPLE.animator, 'proposal:pioche-1')).toBe(true);
		expect(await readable(PEOPLE.marc, 'proposal:pioche-1')).toBe(false);
		expect(await readable(undefined, 'proposal:pioche-1')).toBe(false);

		const stored = (await remote(server, PEOPLE.lea).get('proposal:pioche-1')) as Proposal;
		const { event, proposal: accepted } = acceptProposal(stored, {
			start: '2027-01-14T17:30:00.000Z',
			end: '2027-01-14T20:00:00.000Z',
			title: 'Apéro itinérant à La Pioche',
			description: 'Visite de la recyclerie',
			audience: 'public',
			eventKey: 'apero-pioche-janvier',
		});
		expect(await put(PEOPLE.lea, accepted)).toMatchObject({
			error: 'forbidden',
			reason: 'seule l’équipe du réseau accepte ou décline une proposition',
		});
		expect(await put(PEOPLE.lea, event)).toMatchObject({ error: 'forbidden' });
		expect(await put(PEOPLE.animator, event)).toMatchObject({ ok: true });
		expect(await put(PEOPLE.animator, accepted)).toMatchObject({ ok: true });
		const after = (await remote(server, PEOPLE.lea).get('proposal:pioche-1')) as Proposal;
		expect(after).toMatchObject({ status: 'accepted', event: 'event:apero-pioche-janvier' });
		expect(await put(PEOPLE.lea, { ...after, status: 'withdrawn' })).toMatchObject({
			reason: 'cette proposition a déjà reçu une réponse',
		});
		const scheduled = await call(server, '/db/elbasar/event:apero-pioche-janvier');
		expect(scheduled.body).toMatchObject({ host: 'structure:la-pioche', commune: '59350', capacity: 40 });
	});
});

const guest = (email: string, over: object = {}) =>
	postJson({ name: 'Camille Invitée', structureName: 'Collectif Vélo', email, ...over });

describe('guest registration', () => {
	it('refuses bad input with a French reason', async () => {
		const cases: [object, string][] = [
			[{ name: '', structureName: 'X', email: 'a@b.fr' }, 'Nom : champ obligatoire'],
			[{ name: 'A', structureName: 'X', email: 'pas-un-mail' }, 'E-mail : adresse invalide'],
			[{ name: 'A', email: 'a@b.fr' }, 'Structure : champ obligatoire'],
			[{ name: 'A'.repeat(200), structureName: 'X', email: 'a@b.fr' }, 'Nom : 120 caractères au plus'],
		];
		for (const [body, reason] of cases) {
			const res = await call(server, '/api/events/apero-lille/guests', postJson(body));
			expect(res.status).toBe(400);
			expect(res.body).toMatchObject({ error: 'bad_request', reason: expect.stringContaining(reason) });
		}
		const notJson = await call(server, '/api/events/apero-lille/guests', { method: 'POST', body: 'x' });
		expect(notJson.status).toBe(400);
		expect((await call(server, '/api/events/inconnu/guests', guest('a@b.fr'))).status).toBe(404);
		const reserved = await call(server, '/api/events/reserve/guests', guest('a@b.fr'));
		expect(reserved.status).toBe(401);
		const over = await call(server, '/api/events/fini/guests', guest('a@b.fr'));
		expect(over).toMatchObject({ status: 409, body: { reason: 'Cet événement est terminé.' } });
	});

	it('fills the places, then the waiting list, and moves it up when someone cancels', async () => {
		// Léa cancelled above; Nina holds the first place.
		const first = await call(server, '/api/events/apero-relais/guests', guest('un@exemple.fr'));
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ standing: { status: 'confirmed' } });
		const again = await call(server, '/api/events/apero-relais/guests', guest('UN@exemple.fr '));
		expect(again).toMatchObject({ status: 409 });
		const third = await call(server, '/api/events/apero-relais/guests', guest('deux@exemple.fr'));
		expect(third.body).toMatchObject({ standing: { status: 'waiting', position: 1 } });

		const places = await call(server, '/api/events/apero-relais/places', { as: PEOPLE.marc });
		expect(places.body).toMatchObject({ capacity: 2, confirmed: 2, waiting: 1, free: 0 });
		const hostView = places.body.mine as { name: string; standing: unknown }[];
		expect(hostView.map((r) => r.name).sort()).toEqual([
			'Camille Invitée',
			'Camille Invitée',
			'Léa Martin',
			'Nina Petit',
		]);
		// A visitor learns the counts, never the names.
		const visitor = await call(server, '/api/events/apero-relais/places');
		expect(visitor.body).toMatchObject({ confirmed: 2, waiting: 1, mine: [] });

		const cancel = await call(
			server,
			'/api/events/guests/cancel',
			postJson({ token: first.body.cancelToken }),
		);
		expect(cancel).toMatchObject({ status: 200, body: { ok: true } });
		const bad = await call(
			server,
			'/api/events/guests/cancel',
			postJson({ token: `${first.body.cancelToken}x` }),
		);
		expect(bad.status).toBe(404);
		const after = await call(server, '/api/events/apero-relais/places', { as: PEOPLE.animator });
		expect(after.body).toMatchObject({ confirmed: 2, waiting: 0 });
		const promoted = (after.body.mine as { id: string; standing: unknown }[]).find(
			(r) => r.id === third.body.id,
		);
		expect(promoted?.standing).toEqual({ status: 'confirmed' });
		// The host's phone sees guests too (read through replication).
		expect(await readable(PEOPLE.marc, String(third.body.id))).toBe(true);
		expect(await readable(PEOPLE.lea, String(third.body.id))).toBe(false);
	});

	it('is rate-limited per address', async () => {
		let last = 0;
		for (let i = 0; i < 12; i++) {
			last = (await call(server, '/api/events/apero-lille/guests', guest(`limite${i}@exemple.fr`))).status;
			if (last === 429) break;
		}
		expect(last).toBe(429);
	});
});
