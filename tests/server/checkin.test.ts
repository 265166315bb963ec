// Member cards and door check-ins against the real server: cards signed with the key every device
// replicates, two phones checking in the same person offline count once, and only the host
// structure (and the network's staff) checks people in for its event.
import { describe, expect, it } from 'vitest';
import {
	CARD_KEY_ID,
	type CardKey,
	type Checkin,
	mergeCheckins,
	newCheckin,
	verifyCard,
} from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	call,
	contact,
	device,
	event,
	PEOPLE,
	person,
	postJson,
	remote,
	useTestServer,
} from './helpers';

const hosted = event('apero-pioche', { host: 'structure:la-pioche' });
const marcPerson = person('marc', 'structure:le-relais', { name: 'Marc Dubois' });

const server = useTestServer({
	docs: [
		...ALL_FIXTURE_DOCS,
		hosted,
		marcPerson,
		contact('marc', 'structure:le-relais', { email: 'autre@x.test' }),
	],
});

const card = (as?: (typeof PEOPLE)[keyof typeof PEOPLE], query = '') =>
	call(server, `/api/card${query}`, { as });

/** The public key as a device gets it: through replication, then read from its own replica. */
async function replicatedKey(): Promise<string> {
	const phone = device();
	await phone.replicate.from(remote(server));
	return ((await phone.get(CARD_KEY_ID)) as unknown as CardKey).publicKey;
}

describe('member cards', () => {
	it('a member gets a card that a phone verifies with the key it replicated', async () => {
		const { status, body } = await card(PEOPLE.lea);
		expect(status).toBe(200);
		const check = await verifyCard(body.code as string, await replicatedKey());
		expect(check).toMatchObject({
			ok: true,
			payload: { v: 1, person: 'person:lea', structure: 'structure:la-pioche' },
		});
	});

	it('the key stays the same: cards issued earlier still verify', async () => {
		const first = (await card(PEOPLE.lea)).body.publicKey;
		expect((await card(PEOPLE.animator, '?person=person:lea')).body.publicKey).toBe(first);
		expect(await replicatedKey()).toBe(first);
	});

	it('cards are for signed-in members; the animator may fetch anyone’s, a member only their structure’s', async () => {
		expect((await card()).status).toBe(401);
		expect((await card(PEOPLE.nina)).status).toBe(403);
		const notInDirectory = await card(PEOPLE.marc);
		expect(notInDirectory.status).toBe(404);
		expect(notInDirectory.body.reason).toMatch(/ajoutez-vous/);
		expect((await card(PEOPLE.marc, '?person=person:lea')).status).toBe(403);
		const forMarc = await card(PEOPLE.animator, '?person=person:marc');
		expect(forMarc.status).toBe(200);
		expect(forMarc.body.payload).toMatchObject({ person: 'person:marc', structure: 'structure:le-relais' });
	});
});

const checkinOf = (deviceName: string, minute: number) =>
	newCheckin({
		event: hosted,
		method: 'qr',
		device: deviceName,
		at: `2026-12-03T18:0${minute}:00.000Z`,
		person: { _id: 'person:marc', structure: 'structure:le-relais', name: 'Marc Dubois' },
	});

async function serverCheckins(eventKey: string): Promise<string[]> {
	const rows = await server.stores.db.allDocs({
		startkey: `checkin:${eventKey}~`,
		endkey: `checkin:${eventKey}~\ufff0`,
	});
	return rows.rows.map((r) => r.id);
}

describe('check-ins', () => {
	it('a check-in made offline on two phones counts once, and the merge ends the conflict', async () => {
		const host = device();
		const staff = device();
		await host.put(checkinOf('tel-accueil', 5));
		await staff.put(checkinOf('tel-animatrice', 2));
		await host.replicate.to(remote(server, PEOPLE.lea));
		await staff.replicate.to(remote(server, PEOPLE.animator));

		expect(await serverCheckins('apero-pioche')).toEqual(['checkin:apero-pioche~marc']);
		const stored = await server.stores.db.get('checkin:apero-pioche~marc', { conflicts: true });
		expect(stored._conflicts).toHaveLength(1);

		// The host's phone pulls, sees the conflict and writes the merge as every phone would.
		await host.replicate.from(remote(server, PEOPLE.lea));
		const mine = await host.get<Checkin>('checkin:apero-pioche~marc', { conflicts: true });
		const other = await host.get<Checkin>(mine._id, { rev: mine._conflicts?.[0] });
		const merged = mergeCheckins(mine, other);
		await host.bulkDocs([
			{ ...merged, _rev: mine._rev },
			{ _id: mine._id, _rev: other._rev, _deleted: true },
		]);
		await host.replicate.to(remote(server, PEOPLE.lea));

		const resolved = await server.stores.db.get<Checkin>('checkin:apero-pioche~marc', { conflicts: true });
		expect(resolved._conflicts).toBeUndefined();
		expect(resolved).toMatchObject({
			at: '2026-12-03T18:02:00.000Z',
			devices: ['tel-accueil', 'tel-animatrice'],
		});
		expect(await serverCheckins('apero-pioche')).toHaveLength(1);
	});

	it('a member of another structure cannot check people in for an event it does not host', async () => {
		const asOwner = { ...checkinOf('tel-relais', 1), _id: 'checkin:apero-pioche~lea', person: 'person:lea' };
		const asRelais = {
			...asOwner,
			owner: 'structure:le-relais',
			participants: ['structure:le-relais'],
		};
		const { status, body } = await call(
			server,
			'/db/elbasar/_bulk_docs',
			postJson({ docs: [asOwner, asRelais] }, PEOPLE.marc),
		);
		expect(status).toBe(201);
		expect(body[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/autre structure|votre structure/),
		});
		expect(body[1]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/accueille/) });
		const staffElsewhere = { ...asRelais, _id: 'checkin:apero-pioche~lea' };
		const byStaff = await call(
			server,
			'/db/elbasar/_bulk_docs',
			postJson({ docs: [staffElsewhere] }, PEOPLE.animator),
		);
		expect(byStaff.body[0]).toMatchObject({ error: 'forbidden' });
		expect(await serverCheckins('apero-pioche')).toEqual(['checkin:apero-pioche~marc']);
	});

	it('the host’s accounts read the event’s check-ins; other structures do not receive them', async () => {
		const lea = device();
		const marc = device();
		await lea.replicate.from(remote(server, PEOPLE.lea));
		await marc.replicate.from(remote(server, PEOPLE.marc));
		await expect(lea.get('checkin:apero-pioche~marc')).resolves.toMatchObject({ person: 'person:marc' });
		await expect(marc.get('checkin:apero-pioche~marc')).rejects.toMatchObject({ status: 404 });
	});

	it('a check-in for an event unknown to the server is refused', async () => {
		const ghost = newCheckin({
			event: { _id: 'event:inconnu', host: 'structure:la-pioche' },
			method: 'walkin',
			device: 'tel',
			walkin: { name: 'Paul' },
		});
		const { body } = await call(server, '/db/elbasar/_bulk_docs', postJson({ docs: [ghost] }, PEOPLE.lea));
		expect(body[0]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/inconnu/) });
	});
});
