// Member cards verified offline, and check-ins that count once: signatures, deterministic ids,
// and a merge every phone computes the same way.
import * as ed from '@noble/ed25519';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	bytesToHex,
	type CardPayload,
	type Checkin,
	checkinId,
	doorCounts,
	guestCheckinId,
	guestRegistrationId,
	mergeCheckins,
	newCheckin,
	newRegistration,
	notArrived,
	type Registration,
	signCard,
	validateDoc,
	verifyCard,
	walkinId,
} from '../../src/lib/domain';

const payload: CardPayload = {
	v: 1,
	person: 'person:lea',
	structure: 'structure:la-pioche',
	issued: '2026-11-02',
};
let secretKey: Uint8Array;
let publicKey: string;
let code: string;

beforeAll(async () => {
	const keys = await ed.keygenAsync();
	secretKey = keys.secretKey;
	publicKey = bytesToHex(keys.publicKey);
	code = await signCard(payload, secretKey);
});

const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('member card', () => {
	it('a genuine card is accepted offline with the network’s public key', async () => {
		expect(code).toMatch(/^EB1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
		expect(await verifyCard(code, publicKey)).toEqual({ ok: true, payload });
	});

	it('a card whose payload was changed is refused', async () => {
		const [prefix, , signature] = code.split('.');
		const forged = `${prefix}.${b64url(JSON.stringify({ ...payload, person: 'person:marc' }))}.${signature}`;
		const check = await verifyCard(forged, publicKey);
		expect(check).toEqual({ ok: false, reason: expect.stringMatching(/signature invalide/) });
	});

	it('a card signed by another key is refused', async () => {
		const other = await ed.keygenAsync();
		const foreign = await signCard(payload, other.secretKey);
		expect((await verifyCard(foreign, publicKey)).ok).toBe(false);
		expect((await verifyCard(code, bytesToHex(other.publicKey))).ok).toBe(false);
	});

	it('a code that is not a card, or of another version, is refused with a French reason', async () => {
		expect(await verifyCard('https://example.org', publicKey)).toEqual({
			ok: false,
			reason: 'Ce code n’est pas une carte de membre elBasar.',
		});
		const v2 = code.replace(/^EB1/, 'EB2');
		expect(await verifyCard(v2, publicKey)).toMatchObject({ ok: false, reason: /Version de carte/ });
		expect(await verifyCard(`${code.slice(0, -4)}`, publicKey)).toMatchObject({ ok: false });
	});
});

const event = { _id: 'event:apero-lille', host: 'structure:la-pioche' };
const lea = { _id: 'person:lea', structure: 'structure:la-pioche', name: 'Léa Martin' };

const at = (minute: number) => `2026-12-03T18:${String(minute).padStart(2, '0')}:00.000Z`;
const phone = (device: string, minute: number, over: Partial<Checkin> = {}): Checkin => ({
	...newCheckin({ event, method: 'qr', person: lea, device, at: at(minute) }),
	...over,
});

describe('check-in ids', () => {
	it('the same person at the same event gets the same id on every phone', () => {
		expect(phone('tel-a', 1)._id).toBe('checkin:apero-lille~lea');
		expect(phone('tel-b', 7)._id).toBe(checkinId('event:apero-lille', 'person:lea'));
		expect(checkinId('event:autre', 'person:lea')).not.toBe(phone('tel-a', 1)._id);
	});

	it('a walk-in typed on two phones gets one id: by e-mail, else by name and structure', () => {
		const a = walkinId(event._id, { name: 'Paul Durand', email: 'Paul@example.org ' });
		const b = walkinId(event._id, {
			name: 'Paul  Durand',
			structureName: 'Autre',
			email: 'paul@example.org',
		});
		expect(a).toBe(b);
		expect(a).toMatch(/^checkin:apero-lille~walkin-paul-durand-[0-9a-z]+$/);
		expect(walkinId(event._id, { name: 'Paul Durand', structureName: 'Le Relais' })).toBe(
			walkinId(event._id, { name: ' paul durand', structureName: 'le relais' }),
		);
		expect(walkinId(event._id, { name: 'Paul Durand', structureName: 'Le Relais' })).not.toBe(
			walkinId(event._id, { name: 'Paul Durand', structureName: 'La Pioche' }),
		);
	});

	it('check-ins are valid documents owned by the host, and a walk-in without a name is refused', () => {
		const doc = phone('tel-a', 1);
		expect(validateDoc(doc)).toMatchObject({ ok: true });
		expect(doc).toMatchObject({ owner: 'structure:la-pioche', audience: 'participants' });
		const walkin = newCheckin({ event, method: 'walkin', device: 'tel-a', walkin: { name: 'Paul' } });
		expect(validateDoc(walkin)).toMatchObject({ ok: true });
		const nameless = newCheckin({ event, method: 'walkin', device: 'tel-a', walkin: { name: '  ' } });
		expect(validateDoc(nameless)).toMatchObject({ ok: false, reason: /name/ });
		expect(validateDoc({ ...doc, _id: 'checkin:apero-lille~marc' })).toMatchObject({ ok: false });
	});
});

describe('merging duplicate check-ins', () => {
	const a = phone('tel-b', 5);
	const b = phone('tel-a', 9, { method: 'search', unconfirmed: true });
	const c = phone('tel-c', 5, { unconfirmed: true });

	it('keeps the earliest arrival and every device', () => {
		const merged = mergeCheckins(a, b);
		expect(merged.at).toBe(at(5));
		expect(merged.method).toBe('qr');
		expect(merged.devices).toEqual(['tel-a', 'tel-b']);
		expect(merged.unconfirmed).toBeUndefined();
		expect(validateDoc(merged)).toMatchObject({ ok: true });
	});

	it('is commutative, associative and idempotent, whatever the revisions carry', () => {
		expect(mergeCheckins(a, b)).toEqual(mergeCheckins(b, a));
		expect(mergeCheckins(a, c)).toEqual(mergeCheckins(c, a));
		expect(mergeCheckins(mergeCheckins(a, b), c)).toEqual(mergeCheckins(a, mergeCheckins(b, c)));
		const m = mergeCheckins(a, b);
		expect(mergeCheckins(m, m)).toEqual(m);
		expect(mergeCheckins(m, a)).toEqual(m);
		expect(mergeCheckins({ ...a, _rev: '2-x' }, { ...b, _rev: '2-y' })).toEqual(m);
	});

	it('stays unconfirmed only when no phone knew the person, and then takes the known name', () => {
		expect(mergeCheckins(b, c).unconfirmed).toBe(true);
		expect(mergeCheckins(a, c).unconfirmed).toBeUndefined();
		const early = phone('tel-z', 1, { unconfirmed: true, name: 'Membre de La Pioche (à confirmer)' });
		const merged = mergeCheckins(early, phone('tel-y', 8));
		expect(merged).toMatchObject({ at: at(1), name: 'Léa Martin', devices: ['tel-y', 'tel-z'] });
		expect(merged.unconfirmed).toBeUndefined();
		expect(mergeCheckins(phone('tel-y', 8), early)).toEqual(merged);
	});

	it('counts a person once however many revisions arrive', () => {
		const walkin = newCheckin({ event, method: 'walkin', device: 'tel-a', walkin: { name: 'Paul' } });
		expect(doorCounts([a, b, c, walkin, walkin], [])).toEqual({ checkedIn: 2, registered: 0, walkins: 2 });
	});
});

describe('counts at the door', () => {
	const marc = { _id: 'person:marc', structure: 'structure:le-relais', name: 'Marc Petit' };
	const member = newRegistration({ event, person: marc, at: at(0) });
	const guestId = guestRegistrationId(event._id, 'sacha@exemple.fr');
	const guest = {
		...member,
		_id: guestId,
		person: undefined,
		structure: undefined,
		guest: true,
		owner: 'network',
		participants: [event.host],
		name: 'Sacha Invité',
		structureName: 'Collectif des Possibles',
		email: 'sacha@exemple.fr',
		registeredAt: at(1),
	} as Registration;
	const lateMember = newRegistration({ event, person: lea, at: at(2) });
	const registrations = [member, guest, lateMember];
	const guestIn = newCheckin({
		event,
		method: 'search',
		device: 'tel-a',
		guest: {
			_id: guestId,
			name: 'Sacha Invité',
			structureName: 'Collectif des Possibles',
			email: 'sacha@exemple.fr',
		},
	});
	const memberIn = newCheckin({ event, method: 'qr', device: 'tel-a', person: marc });
	const walkin = newCheckin({ event, method: 'walkin', device: 'tel-a', walkin: { name: 'Inès Lambert' } });

	it('a guest found by name is checked in under their registration, with a deterministic id', () => {
		expect(guestIn._id).toBe(guestCheckinId(event._id, guestId));
		expect(guestIn._id).toMatch(/^checkin:apero-lille~guest-[0-9a-z]+$/);
		expect(guestIn).toMatchObject({ registration: guestId, method: 'search', name: 'Sacha Invité' });
		expect(guestIn.person).toBeUndefined();
		expect(validateDoc(guestIn)).toMatchObject({ ok: true });
		expect(validateDoc({ ...guestIn, _id: 'checkin:apero-lille~guest-autre' })).toMatchObject({ ok: false });
		expect(validateDoc({ ...guestIn, person: 'person:marc' })).toMatchObject({ ok: false });
		const twice = { ...guestIn, at: at(9), devices: ['tel-b'] };
		expect(mergeCheckins(guestIn, twice)).toEqual(mergeCheckins(twice, guestIn));
		expect(mergeCheckins(guestIn, twice)).toMatchObject({
			registration: guestId,
			devices: ['tel-a', 'tel-b'],
		});
	});

	it('a guest, a registered member and a walk-in: 3 checked in, 2 registered, 1 without registration', () => {
		expect(doorCounts([guestIn, memberIn, walkin], registrations)).toEqual({
			checkedIn: 3,
			registered: 2,
			walkins: 1,
		});
	});

	it('a guest recorded as a walk-in with their e-mail (before the fix) still counts as registered', () => {
		const old = newCheckin({
			event,
			method: 'walkin',
			device: 'tel-a',
			walkin: { name: 'Sacha Invité', email: 'Sacha@exemple.fr' },
		});
		expect(doorCounts([old, memberIn], registrations)).toMatchObject({ registered: 2, walkins: 0 });
	});

	it('a cancelled registration no longer counts: that person came without one', () => {
		const cancelled = { ...member, status: 'cancelled' as const };
		expect(doorCounts([memberIn], [cancelled])).toMatchObject({ registered: 0, walkins: 1 });
	});

	it('lists the registered people not yet arrived, members and guests, places first', () => {
		expect(notArrived([], registrations, 2).map((r) => r._id)).toEqual([member._id, guestId, lateMember._id]);
		expect(notArrived([guestIn, memberIn, walkin], registrations).map((r) => r.name)).toEqual(['Léa Martin']);
	});
});

describe('the card as a QR code', () => {
	it('the QR code drawn for a card reads back, as the door’s camera does, into a code that verifies', async () => {
		const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
		const scale = 4;
		const margin = 4;
		const side = (qr.modules.size + 2 * margin) * scale;
		const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
		for (let y = 0; y < side; y++)
			for (let x = 0; x < side; x++) {
				const row = Math.floor(y / scale) - margin;
				const col = Math.floor(x / scale) - margin;
				const inside = row >= 0 && col >= 0 && row < qr.modules.size && col < qr.modules.size;
				if (inside && qr.modules.get(row, col)) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
			}
		const read = jsQR(pixels, side, side);
		expect(read?.data).toBe(code);
		expect(await verifyCard(read?.data ?? '', publicKey)).toMatchObject({ ok: true });
	});
});
