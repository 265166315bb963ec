// Live queries of conversations: a structure's conversations with their unread counts, one thread,
// the structures that answered a listing. Read from the query tables like every page.
import { Dexie, liveQuery, type Observable } from 'dexie';
import { nameOf, type StructureChoice } from '../directory/queries';
import { type Conversation, keyOf, type Message, parseConversationId, readmarkId } from '../domain';
import { type Row, tables } from '../local/db';

export interface ConversationSummary {
	conversation: Row<Conversation>;
	listingTitle: string | null;
	/** The structure on the other side, seen from the viewer's structure. */
	otherName: string | null;
	last: Message | null;
	unread: number;
}

export interface Thread {
	conversation: Row<Conversation>;
	listingTitle: string | null;
	names: Record<string, string>;
	messages: Row<Message>[];
}

function messagesOf(conversation: string) {
	return tables.messages
		.where('[conversation+createdAt]')
		.between([conversation, Dexie.minKey], [conversation, Dexie.maxKey]);
}

async function unreadIn(conversation: string, structureId: string): Promise<number> {
	const mark = await tables.readmarks.get(readmarkId(conversation, structureId));
	const since = mark?.lastRead ?? '';
	return tables.messages
		.where('[conversation+createdAt]')
		.between([conversation, since], [conversation, Dexie.maxKey], false, true)
		.filter((m) => m.author !== structureId)
		.count();
}

async function summaries(structureId: string): Promise<ConversationSummary[]> {
	const conversations = await tables.conversations.where('participants').equals(structureId).toArray();
	const rows = await Promise.all(
		conversations.map(async (conversation) => ({
			conversation,
			listingTitle: (await tables.listings.get(conversation.listing))?.title ?? null,
			otherName: await nameOf(conversation.participants.find((p) => p !== structureId)),
			last: (await messagesOf(conversation._id).last()) ?? null,
			unread: await unreadIn(conversation._id, structureId),
		})),
	);
	const activity = (s: ConversationSummary) => s.last?.createdAt ?? s.conversation.createdAt;
	return rows.sort((a, b) => activity(b).localeCompare(activity(a)));
}

/** The structure's conversations, latest activity first. */
export function conversationsOf(structureId: string): Observable<ConversationSummary[]> {
	return liveQuery(() => (structureId ? summaries(structureId) : Promise.resolve([])));
}

/** Messages of the other structures the viewer's structure has not read yet, all conversations. */
export function unreadTotal(structureId: string): Observable<number> {
	return liveQuery(async () => {
		if (!structureId) return 0;
		const ids = await tables.conversations.where('participants').equals(structureId).primaryKeys();
		const counts = await Promise.all(ids.map((id) => unreadIn(id, structureId)));
		return counts.reduce((a, b) => a + b, 0);
	});
}

export function thread(id: string): Observable<Thread | undefined> {
	return liveQuery(async () => {
		const conversation = await tables.conversations.get(id);
		if (!conversation) return undefined;
		const structures = await tables.structures.bulkGet(conversation.participants);
		const names: Record<string, string> = {};
		for (const s of structures) if (s) names[s._id] = s.name;
		return {
			conversation,
			listingTitle: (await tables.listings.get(conversation.listing))?.title ?? null,
			names,
			messages: await messagesOf(id).toArray(),
		};
	});
}

/** The structures that answered a listing (those its owner may have concluded with). */
export function answerersOf(listingId: string): Observable<StructureChoice[]> {
	return liveQuery(async () => {
		const conversations = await tables.conversations.where('listing').equals(listingId).toArray();
		const answerers = conversations.map((c) => parseConversationId(c._id)?.answerer ?? c.answerer);
		const found = await tables.structures.bulkGet(answerers);
		return answerers.map((id, i) => ({ id, name: found[i]?.name ?? keyOf(id) }));
	});
}
