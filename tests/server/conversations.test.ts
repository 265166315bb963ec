// Conversations between two structures over real HTTP and real PouchDB replicas: they reach the two
// structures and the network's staff only, and nobody writes into them but their participants.
import { describe, expect, it } from 'vitest';
import { conversationId, type Message, readmarkId } from '../../src/lib/domain';
import {
	ALL_FIXTURE_DOCS,
	call,
	conversation,
	device,
	localIds,
	membership,
	message,
	PEOPLE,
	PIOCHE,
	postJson,
	RELAIS,
	readmark,
	remote,
	structure,
	useTestServer,
	type Who,
} from './helpers';

/** A third member structure, with nothing to do with the conversation. */
const PAUL: Who = {
	email: 'paul@la-ressourcerie.test',
	name: 'Paul',
	structureId: 'structure:la-ressourcerie',
};
const LISTING = 'listing:pioche-velo';
const CONVERSATION = conversationId(LISTING, RELAIS);

const server = useTestServer({
	docs: [
		...ALL_FIXTURE_DOCS,
		structure('la-ressourcerie', 'La Ressourcerie'),
		membership('la-ressourcerie', 'active'),
	],
	people: [...Object.values(PEOPLE), PAUL],
});

/** Written now, so that messages sort in the order they are written. */
const now = () => ({ createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
const opened = (answerer = RELAIS, owner = PIOCHE) => conversation(LISTING, owner, answerer, now());
const say = (author: string, text: string, over: Partial<Message> = {}) =>
	message(opened(), author, text, { ...now(), ...over });

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
		await marc.bulkDocs([opened(), say(RELAIS, 'Bonjour, la remorque est-elle libre samedi ?')]);
		// The conversation and its first message go up in one batch: the message finds its conversation.
		await marc.replicate.to(remote(server, PEOPLE.marc));
		expect(await onServer(CONVERSATION)).toBe(true);

		const lea = await pull(PEOPLE.lea);
		const leaIds = await localIds(lea);
		expect(leaIds).toContain(CONVERSATION);
		expect(leaIds.filter((id) => id.startsWith('message:'))).toHaveLength(1);

		await lea.put(say(PIOCHE, 'Oui, passez la prendre à 10 h.'));
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
				say(PAUL.structureId as string, 'Je m’invite', { participants: [PIOCHE, RELAIS] }),
				say(PAUL.structureId as string, 'Je m’invite autrement', {
					participants: [PAUL.structureId as string, RELAIS],
				}),
				say(RELAIS, 'Au nom du Relais'),
				opened(),
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
		const asPioche = say(PIOCHE, 'Marché conclu (signé La Pioche)');
		const widened = say(RELAIS, 'Et Paul aussi', { participants: [PIOCHE, PAUL.structureId as string] });
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
		const lea = await bulk([opened(PIOCHE)], PEOPLE.lea);
		expect(lea.body[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/propre annonce/),
		});
		const wrongOwner = await bulk([opened(PAUL.structureId, RELAIS)], PAUL);
		expect(wrongOwner.body[0]).toMatchObject({ error: 'forbidden' });
		const nina = await bulk([opened('structure:les-jardins')], PEOPLE.nina);
		expect(nina.body[0]).toMatchObject({ ok: true });
	});

	it('a structure keeps only its own read marks, which nobody else receives', async () => {
		const mark = (structureId: string) =>
			readmark(CONVERSATION, structureId, { ...now(), lastRead: now().createdAt });
		const { body } = await bulk([mark(PIOCHE), mark(RELAIS)], PEOPLE.marc);
		expect(body[0]).toMatchObject({ error: 'forbidden' });
		expect(body[1]).toMatchObject({ ok: true });
		expect(await localIds(await pull(PEOPLE.lea))).not.toContain(readmarkId(CONVERSATION, RELAIS));
	});

	it('the same structure answering on two phones offline makes one conversation with both messages', async () => {
		const id = conversationId('listing:relais-local', PIOCHE);
		const answer = () => conversation('listing:relais-local', RELAIS, PIOCHE, now());
		const note = (text: string) => message(answer(), PIOCHE, text, now());
		const phone1 = device();
		const phone2 = device();
		await phone1.bulkDocs([answer(), note('Depuis le téléphone 1')]);
		await phone2.bulkDocs([answer(), note('Depuis le téléphone 2')]);
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
