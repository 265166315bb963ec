// Member cards: a payload naming a person and their structure, signed by the server with Ed25519,
// encoded for a QR code. A host's phone verifies a card offline with the network's public key.
import * as ed from '@noble/ed25519';
import * as v from 'valibot';
import { base, isoDate, isoTimestamp } from './fields';

/** What a card says: who, for which structure, since when. No contact details. */
export interface CardPayload {
	v: 1;
	person: string;
	structure: string;
	issued: string;
}

export type CardCheck = { ok: true; payload: CardPayload } | { ok: false; reason: string };

/** The prefix names the format and its version: `EB1.<payload>.<signature>`. */
export const CARD_PREFIX = 'EB1';

/** The public document that carries the network's card key to every device (it replicates). */
export const CARD_KEY_ID = 'cardkey:network';

export const CardKeySchema = v.looseObject({
	...base,
	type: v.literal('cardkey'),
	algorithm: v.literal('Ed25519'),
	publicKey: v.pipe(
		v.string(),
		v.regex(/^[0-9a-f]{64}$/, 'clé publique Ed25519 attendue (64 caractères hex)'),
	),
	since: isoTimestamp,
});
export type CardKey = v.InferOutput<typeof CardKeySchema>;

const PayloadSchema = v.strictObject({
	v: v.literal(1),
	person: v.pipe(v.string(), v.startsWith('person:'), v.maxLength(120)),
	structure: v.pipe(v.string(), v.startsWith('structure:'), v.maxLength(120)),
	issued: isoDate,
});

const utf8 = new TextEncoder();

function toBase64url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
	try {
		const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
		return Uint8Array.from(binary, (c) => c.charCodeAt(0));
	} catch {
		return null;
	}
}

export const hexToBytes = (hex: string): Uint8Array => ed.etc.hexToBytes(hex);
export const bytesToHex = (bytes: Uint8Array): string => ed.etc.bytesToHex(bytes);

/** Signs a payload; the signature covers the prefix too, so a code cannot change version. */
export async function signCard(payload: CardPayload, secretKey: Uint8Array): Promise<string> {
	const body = `${CARD_PREFIX}.${toBase64url(utf8.encode(JSON.stringify(payload)))}`;
	const signature = await ed.signAsync(utf8.encode(body), secretKey);
	return `${body}.${toBase64url(signature)}`;
}

const refuse = (reason: string): CardCheck => ({ ok: false, reason });

/** Checks a scanned code against the network's public key (hex or bytes). Pure and offline. */
export async function verifyCard(code: string, publicKey: string | Uint8Array): Promise<CardCheck> {
	const parts = code.trim().split('.');
	if (parts.length !== 3 || !/^EB\d+$/.test(parts[0]))
		return refuse('Ce code n’est pas une carte de membre elBasar.');
	if (parts[0] !== CARD_PREFIX)
		return refuse('Version de carte non prise en charge : mettez l’application à jour.');
	const json = fromBase64url(parts[1]);
	const signature = fromBase64url(parts[2]);
	if (!json || !signature || signature.length !== 64)
		return refuse('Carte illisible : code incomplet ou abîmé.');
	let valid = false;
	try {
		const key = typeof publicKey === 'string' ? hexToBytes(publicKey) : publicKey;
		valid = await ed.verifyAsync(signature, utf8.encode(`${parts[0]}.${parts[1]}`), key);
	} catch {
		valid = false;
	}
	if (!valid) return refuse('Carte refusée : signature invalide (carte falsifiée ou d’un autre réseau).');
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder().decode(json));
	} catch {
		return refuse('Carte illisible : contenu invalide.');
	}
	if ((parsed as { v?: unknown })?.v !== 1)
		return refuse('Version de carte non prise en charge : mettez l’application à jour.');
	const result = v.safeParse(PayloadSchema, parsed);
	if (!result.success) return refuse('Carte illisible : contenu invalide.');
	return { ok: true, payload: result.output as CardPayload };
}
