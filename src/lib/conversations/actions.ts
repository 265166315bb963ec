// What a structure does in a conversation, on the device: open it by answering a listing, reply,
// mark it read, and conclude the listing with a structure. Saved to the replica at once, pushed later.
import {
	type Conversation,
	conversationId,
	type Listing,
	type Message,
	messageId,
	newKey,
	type Readmark,
	readmarkId,
} from '../domain';
import { save } from '../forms/unstamped';
import { m } from '../i18n';
import type { SessionUser } from '../session.svelte';
import { getDoc, saveDoc } from '../sync/docs';

/** The conversation of `listing` with the user's structure, opened now if it was not yet. */
export async function answerListing(listing: Listing, structureId: string): Promise<string> {
	const id = conversationId(listing._id, structureId);
	if (await getDoc(id)) return id;
	await save<Conversation>({
		_id: id,
		type: 'conversation',
		owner: listing.owner,
		audience: 'participants',
		participants: [listing.owner, structureId],
		listing: listing._id,
		answerer: structureId,
	});
	return id;
}

export function sendMessage(conversation: Conversation, user: SessionUser, text: string): Promise<Message> {
	if (!user.structureId) throw new Error(m.conversations_no_structure());
	const at = new Date();
	return save<Message>({
		_id: messageId(conversation._id, at, newKey()),
		type: 'message',
		owner: user.structureId,
		audience: 'participants',
		participants: conversation.participants,
		conversation: conversation._id,
		author: user.structureId,
		authorName: user.name.slice(0, 120),
		text,
		// The message's own time, the one its id sorts by.
		createdAt: at.toISOString(),
	});
}

/** Moves the structure's read mark up to `lastRead`; never back (another phone may have read further). */
export async function markRead(conversation: string, structureId: string, lastRead: string): Promise<void> {
	const id = readmarkId(conversation, structureId);
	const mark = await getDoc<Readmark>(id);
	if (mark && mark.lastRead >= lastRead) return;
	await save<Readmark>({
		...(mark ?? {
			_id: id,
			type: 'readmark',
			owner: structureId,
			audience: 'owner',
			conversation,
		}),
		lastRead,
	});
}

export function concludeListing(listing: Listing, withStructure: string): Promise<Listing> {
	return saveDoc<Listing>({
		...listing,
		status: 'concluded',
		concludedWith: withStructure,
		concludedAt: new Date().toISOString(),
	});
}
