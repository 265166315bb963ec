// Conversations between two structures over real HTTP and real PouchDB replicas: they reach the two
// structures and the network's staff only, and nobody writes into them but their participants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth';
import {
	type Conversation,
	conversationId,
	type Message,
	messageId,
	newKey,
	type Readmark,
	readmarkId,
} from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	call,
	device,
	localIds,
	membership,
	PASSWORD,
	PEOPLE,
	postJson,
	remote,
	startTestServer,
	structure,
	type TestServer,
	type Who,
} from './helpers';

/** A third member structure, with nothing to do with the conversation. */
const PAUL: Who = {
	email: 'paul@la-ressourcerie.test',
	name: 'Paul',
	structureId: 'structure:la-ressourcerie',
};
const LISTING = 'listing:pioche-velo';
const PIOCHE = 'structure:la-pioche';
const RELAIS = 'structure:le-relais';
const CONVERSATION = conversationId(LISTING, RELAIS);

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({
		docs: [
			...ALL_FIXTURE_DOCS,
			structure('la-ressourcerie', 'La Ressourcerie'),
			membership('la-ressourcerie', 'active'),
		],
	});
	await createAccount(server.stores.accounts, { ...PAUL, password: PASSWORD });
});
afterAll(async () => {
	await server?.close();
});

const now = () => new Date().toISOString();

function conversation(answerer = RELAIS, owner = PIOCHE): Conversation {
	return {
		_id: conversationId(LISTING, answerer),
		type: 'conversation',
		schema: 1,
		owner,
		audience: 'participants',
		participants: [owner, answerer],
		listing: LISTING,
		answerer,
		createdAt: now(),
		updatedAt: now(),
	};
}

function message(author: string, text: string, over: Partial<Message> = {}): Message {
	return {
		_id: messageId(CONVERSATION, new Date(), newKey()),
		type: 'message',
		schema: 1,
		owner: author,
		audience: 'participants',
		participants: [PIOCHE, RELAIS],
		conversation: CONVERSATION,
		author,
		authorName: 'Quelqu’un',
		text,
		createdAt: now(),
		updatedAt: now(),
		...over,
	};
}

const bulk = (docs: unknown[], as: Who) => call(server, '/db/elbasar/_bulk_docs', postJson({ docs }, as));
const onServer = (id: string) =>
	server.stores.db.get(id).then(
		() => true,
		() => false,
	);

async function pull(who: Who): Promise<PouchDB.Database> {
	const db = device();
	await db.replicate.from(remote(server, who));
	return db;
}

describe('a conversation about a listing', () => {
	it('replicates to the two structures and the animator only, never to a third member’s device', async () => {
		const marc = device();
		await marc.bulkDocs([conversation(), message(RELAIS, 'Bonjour, la remorque est-elle libre samedi ?')]);
		// The conversation and its first message go up in one batch: the message finds its conversation.
		await marc.replicate.to(remote(server, PEOPLE.marc));
		expect(await onServer(CONVERSATION)).toBe(true);

		const lea = await pull(PEOPLE.lea);
		const leaIds = await localIds(lea);
		expect(leaIds).toContain(CONVERSATION);
		expect(leaIds.filter((id) => id.startsWith('message:'))).toHaveLength(1);

		await lea.put(message(PIOCHE, 'Oui, passez la prendre à 10 h.'));
		await lea.replicate.to(remote(server, PEOPLE.lea));
		await marc.replicate.from(remote(server, PEOPLE.marc));
		const texts = (
			await marc.allDocs({ include_docs: true, startkey: 'message:', endkey: 'message:\uffff' })
		).rows.map((r) => (r.doc as unknown as Message).text);
		expect(texts).toEqual(['Bonjour, la remorque est-elle libre samedi ?', 'Oui, passez la prendre à 10 h.']);

		const animator = await localIds(await pull(PEOPLE.animator));
		expect(animator.filter((id) => /^(conversation|message):/.test(id))).toHaveLength(3);

		for (const outsider of [PAUL, PEOPLE.nina]) {
			const ids = await localIds(await pull(outsider));
			expect(ids).toContain(LISTING);
			expect(ids.filter((id) => /^(conversation|message|readmark):/.test(id))).toEqual([]);
		}
		const direct = await call(server, `/db/elbasar/${encodeURIComponent(CONVERSATION)}`, { as: PAUL });
		expect(direct.status).toBe(404);
	});

	it('a third structure cannot post into it, nor open it in another’s name', async () => {
		const { body } = await bulk(
			[
				message(PAUL.structureId as string, 'Je m’invite', { participants: [PIOCHE, RELAIS] }),
				message(PAUL.structureId as string, 'Je m’invite autrement', {
					participants: [PAUL.structureId as string, RELAIS],
				}),
				message(RELAIS, 'Au nom du Relais'),
				conversation(),
			],
			PAUL,
		);
		expect(body).toHaveLength(4);
		for (const outcome of body as unknown as { error?: string; reason?: string }[])
			expect(outcome).toMatchObject({ error: 'forbidden', reason: expect.any(String) });
		expect(body[0]).toMatchObject({ reason: expect.stringMatching(/pas la vôtre/) });
		expect(body[3]).toMatchObject({ reason: expect.stringMatching(/pas la vôtre/) });
	});

	it('a participant cannot post as the other structure, nor change who takes part', async () => {
		const asPioche = message(PIOCHE, 'Marché conclu (signé La Pioche)');
		const widened = message(RELAIS, 'Et Paul aussi', { participants: [PIOCHE, PAUL.structureId as string] });
		const { body } = await bulk([asPioche, widened], PEOPLE.marc);
		expect(body[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/au nom de votre structure/),
		});
		expect(body[1]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/participants/) });
		expect(await onServer(asPioche._id)).toBe(false);
		expect(await onServer(widened._id)).toBe(false);
	});

	it('only the answering structure opens a conversation, naming the listing’s real owner', async () => {
		const lea = await bulk([conversation(PIOCHE)], PEOPLE.lea);
		expect(lea.body[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/propre annonce/),
		});
		const wrongOwner = await bulk([conversation(PAUL.structureId, RELAIS)], PAUL);
		expect(wrongOwner.body[0]).toMatchObject({ error: 'forbidden' });
		const nina = await bulk([conversation('structure:les-jardins')], PEOPLE.nina);
		expect(nina.body[0]).toMatchObject({ ok: true });
	});

	it('a structure keeps only its own read marks, which nobody else receives', async () => {
		const mark = (structureId: string): Readmark => ({
			_id: readmarkId(CONVERSATION, structureId),
			type: 'readmark',
			schema: 1,
			owner: structureId,
			audience: 'owner',
			conversation: CONVERSATION,
			lastRead: now(),
			createdAt: now(),
			updatedAt: now(),
		});
		const { body } = await bulk([mark(PIOCHE), mark(RELAIS)], PEOPLE.marc);
		expect(body[0]).toMatchObject({ error: 'forbidden' });
		expect(body[1]).toMatchObject({ ok: true });
		expect(await localIds(await pull(PEOPLE.lea))).not.toContain(readmarkId(CONVERSATION, RELAIS));
	});

	it('the same structure answering on two phones offline makes one conversation with both messages', async () => {
		const listing = 'listing:relais-local';
		const id = conversationId(listing, PIOCHE);
		const opened = (): Conversation => ({
			...conversation(PIOCHE, RELAIS),
			_id: id,
			listing,
			createdAt: now(),
			updatedAt: now(),
		});
		const note = (text: string): Message => ({
			...message(PIOCHE, text, { participants: [RELAIS, PIOCHE] }),
			_id: messageId(id, new Date(), newKey()),
			conversation: id,
		});
		const phone1 = device();
		const phone2 = device();
		await phone1.bulkDocs([opened(), note('Depuis le téléphone 1')]);
		await phone2.bulkDocs([opened(), note('Depuis le téléphone 2')]);
		await phone1.replicate.to(remote(server, PEOPLE.lea));
		await phone2.replicate.to(remote(server, PEOPLE.lea));

		const marc = await pull(PEOPLE.marc);
		const ids = await localIds(marc);
		expect(ids.filter((i) => i.startsWith('conversation:relais-local~'))).toEqual([id]);
		const messages = (
			await marc.allDocs({
				include_docs: true,
				startkey: `message:relais-local~`,
				endkey: 'message:relais-local~\uffff',
			})
		).rows;
		expect(messages.map((r) => (r.doc as unknown as Message).text).sort()).toEqual([
			'Depuis le téléphone 1',
			'Depuis le téléphone 2',
		]);
	});
});
