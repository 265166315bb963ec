// Conversations between two structures about a listing: the conversation, its messages (one
// document each, so concurrent replies never conflict) and each structure's read mark.
import * as v from 'valibot';
import type { Decision, Lookup, Scoped, Viewer } from './access-types';
import { base, isoTimestamp, required, structureId, text } from './fields';
import { keyOf } from './ids';
import { HiddenSchema, hiddenKeepsToOwner } from './moderation';

/**
 * `conversation:<listingKey>~<answeringStructureKey>`: the id follows from the listing and the
 * structure answering it, so the same structure answering twice (two phones, offline) writes the
 * same document, and its messages land in one thread.
 */
export const ConversationSchema = v.looseObject({
	...base,
	type: v.literal('conversation'),
	listing: v.pipe(v.string(), v.startsWith('listing:')),
	/** The structure that answered the listing (the listing's owner is `owner`). */
	answerer: structureId,
	participants: v.pipe(v.array(structureId), v.length(2)),
});

/** `message:<conversationKey>~<time>~<random>`: a new id per message, never an edit of a shared document. */
export const MessageSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('message'),
		conversation: v.pipe(v.string(), v.startsWith('conversation:')),
		author: structureId,
		authorName: text(120),
		text: required(2000),
		participants: v.pipe(v.array(structureId), v.length(2)),
		/** Set by staff while the message is hidden: only its author's structure still reads it. */
		hidden: v.optional(HiddenSchema),
	}),
	v.check((doc) => hiddenKeepsToOwner(doc), 'un message masqué reste réservé à sa structure'),
);

/** `readmark:<conversationKey>~<structureKey>`: up to when a structure has read a conversation. */
export const ReadmarkSchema = v.looseObject({
	...base,
	type: v.literal('readmark'),
	conversation: v.pipe(v.string(), v.startsWith('conversation:')),
	lastRead: isoTimestamp,
});

export type Conversation = v.InferOutput<typeof ConversationSchema>;
export type Message = v.InferOutput<typeof MessageSchema>;
export type Readmark = v.InferOutput<typeof ReadmarkSchema>;

const SEP = '~';

export function conversationId(listingId: string, answerer: string): string {
	return `conversation:${keyOf(listingId)}${SEP}${keyOf(answerer)}`;
}

/** The listing and answering structure a conversation id names, or null if it names none. */
export function parseConversationId(id: string): { listing: string; answerer: string } | null {
	if (!id.startsWith('conversation:')) return null;
	const parts = keyOf(id).split(SEP);
	if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
	return { listing: `listing:${parts[0]}`, answerer: `structure:${parts[1]}` };
}

/** Ids sort by time (13-digit milliseconds), then a random part for two messages in the same ms. */
export function messageId(conversation: string, at: Date, random: string): string {
	return `message:${keyOf(conversation)}${SEP}${String(at.getTime()).padStart(13, '0')}${SEP}${random}`;
}

export function readmarkId(conversation: string, structure: string): string {
	return `readmark:${keyOf(conversation)}${SEP}${keyOf(structure)}`;
}

type Incoming = Scoped & { _deleted?: boolean } & Record<string, unknown>;
const allow: Decision = { ok: true };
const deny = (reason: string): Decision => ({ ok: false, reason });
const sameParticipants = (a: unknown, b: string[] | undefined) =>
	Array.isArray(a) && !!b && a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * Write rules of the three types for a structure's account (staff are allowed before this).
 * `lookup` gives the listing or conversation a document refers to: without it nothing is allowed.
 */
export function canWriteConversationDoc(
	viewer: Viewer & { structureId: string },
	before: Scoped | null,
	written: Scoped & { _deleted?: boolean },
	lookup: Lookup | undefined,
): Decision {
	const after = written as Incoming;
	if (after._deleted)
		return deny('les conversations et leurs messages ne s’effacent pas : seule l’équipe du réseau le peut');
	if (!lookup) return deny('vérification impossible sans la conversation');
	if (after.type === 'conversation') return conversationRule(viewer, before, after, lookup);
	if (after.type === 'message') return messageRule(viewer, before, after, lookup);
	return readmarkRule(viewer, after, lookup);
}

function conversationRule(
	viewer: Viewer & { structureId: string },
	before: Scoped | null,
	after: Incoming,
	lookup: Lookup,
): Decision {
	const named = parseConversationId(after._id);
	if (!named || after.listing !== named.listing || after.answerer !== named.answerer)
		return deny('identifiant de conversation invalide');
	if (!sameParticipants(after.participants, [after.owner ?? '', named.answerer]))
		return deny('la conversation réunit la structure de l’annonce et celle qui répond');
	if (after.audience !== 'participants') return deny('une conversation reste entre ses participants');
	if (before) {
		// The same structure answering from two devices: the same conversation, nothing else may change.
		if (!before.participants?.includes(viewer.structureId))
			return deny('cette conversation n’est pas la vôtre');
		if (!sameParticipants(after.participants, before.participants) || before.owner !== after.owner)
			return deny('les participants d’une conversation ne changent pas');
		return allow;
	}
	if (viewer.structureId !== named.answerer)
		return deny('vous ne pouvez répondre qu’au nom de votre structure');
	const listing = lookup(named.listing);
	if (listing?.type !== 'listing') return deny('annonce inconnue');
	if (listing.owner !== after.owner) return deny('la conversation appartient à la structure de l’annonce');
	if (listing.owner === viewer.structureId) return deny('vous ne pouvez pas répondre à votre propre annonce');
	return allow;
}

function messageRule(
	viewer: Viewer & { structureId: string },
	before: Scoped | null,
	after: Incoming,
	lookup: Lookup,
): Decision {
	const conversation = typeof after.conversation === 'string' ? after.conversation : '';
	if (!after._id.startsWith(`message:${keyOf(conversation)}${SEP}`))
		return deny('le message ne correspond pas à sa conversation');
	const found = lookup(conversation);
	if (found?.type !== 'conversation') return deny('conversation inconnue');
	if (!found.participants?.includes(viewer.structureId)) return deny('cette conversation n’est pas la vôtre');
	if (after.author !== viewer.structureId || after.owner !== viewer.structureId)
		return deny('vous ne pouvez écrire qu’au nom de votre structure');
	if (before && before.owner !== viewer.structureId)
		return deny('ce message appartient à une autre structure');
	if (after.audience !== 'participants' || !sameParticipants(after.participants, found.participants))
		return deny('un message reste entre les participants de sa conversation');
	return allow;
}

function readmarkRule(viewer: Viewer & { structureId: string }, after: Incoming, lookup: Lookup): Decision {
	const conversation = typeof after.conversation === 'string' ? after.conversation : '';
	if (after._id !== readmarkId(conversation, viewer.structureId) || after.owner !== viewer.structureId)
		return deny('vous ne tenez que les marques de lecture de votre structure');
	if (!lookup(conversation)?.participants?.includes(viewer.structureId))
		return deny('cette conversation n’est pas la vôtre');
	if (after.audience !== 'owner') return deny('une marque de lecture reste à sa structure');
	return allow;
}
