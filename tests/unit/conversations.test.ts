// Conversation documents: ids that make one conversation per listing and answering structure,
// message limits, and the rules that need the conversation to decide.
import { describe, expect, it } from 'vitest';
import {
	canWrite,
	conversationId,
	type Message,
	messageId,
	parseConversationId,
	type Scoped,
	validateDoc,
} from '../../src/lib/domain';

const at = '2026-11-28T10:00:00.000Z';
const CONVERSATION = conversationId('listing:abc123', 'structure:le-relais');
const conversationEntry: Scoped = {
	_id: CONVERSATION,
	type: 'conversation',
	owner: 'structure:la-pioche',
	audience: 'participants',
	participants: ['structure:la-pioche', 'structure:le-relais'],
};
const relais = { role: 'member' as const, accountId: 'marc', structureId: 'structure:le-relais' };

function message(text: string): Message {
	return {
		_id: messageId(CONVERSATION, new Date(at), 'r4nd0m'),
		type: 'message',
		schema: 1,
		owner: 'structure:le-relais',
		audience: 'participants',
		participants: ['structure:la-pioche', 'structure:le-relais'],
		conversation: CONVERSATION,
		author: 'structure:le-relais',
		authorName: 'Marc',
		text,
		createdAt: at,
		updatedAt: at,
	};
}

describe('conversation ids', () => {
	it('the same structure answering the same listing always gets the same conversation', () => {
		expect(CONVERSATION).toBe('conversation:abc123~le-relais');
		expect(conversationId('listing:abc123', 'structure:le-relais')).toBe(CONVERSATION);
		expect(parseConversationId(CONVERSATION)).toEqual({
			listing: 'listing:abc123',
			answerer: 'structure:le-relais',
		});
		expect(parseConversationId('conversation:abc123')).toBeNull();
	});

	it('message ids sort by time and never repeat for two messages of the same millisecond', () => {
		const early = messageId(CONVERSATION, new Date(at), 'a');
		const later = messageId(CONVERSATION, new Date('2026-11-28T10:00:01.000Z'), 'a');
		expect(early < later).toBe(true);
		expect(messageId(CONVERSATION, new Date(at), 'b')).not.toBe(early);
		expect(early.startsWith('message:abc123~le-relais~')).toBe(true);
	});
});

describe('messages', () => {
	it('keep HTML as plain text and refuse more than 2000 characters or an empty text', () => {
		const html = validateDoc(message('<script>alert(1)</script>'));
		expect(html.ok && (html.doc as Message).text).toBe('<script>alert(1)</script>');
		expect(validateDoc(message('x'.repeat(2001)))).toMatchObject({ ok: false, reason: /text/ });
		expect(validateDoc(message('   '))).toMatchObject({ ok: false, reason: /text/ });
	});

	it('are refused when the rules cannot see their conversation', () => {
		expect(canWrite(relais, null, message('Bonjour'))).toMatchObject({ ok: false });
		expect(canWrite(relais, null, message('Bonjour'), () => undefined)).toMatchObject({
			ok: false,
			reason: 'conversation inconnue',
		});
		expect(canWrite(relais, null, message('Bonjour'), () => conversationEntry)).toEqual({ ok: true });
	});

	it('cannot be deleted by a participant', () => {
		const doc = message('Bonjour');
		expect(canWrite(relais, doc, { _id: doc._id, _deleted: true }, () => conversationEntry)).toMatchObject({
			ok: false,
		});
	});
});
