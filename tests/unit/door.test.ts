// The door on the device, with no network: cards verified with the replicated key, unknown but
// genuine cards accepted to be confirmed, forged ones refused and logged, duplicates merged.
import * as ed from '@noble/ed25519';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
	checkInCode,
	checkInWalkin,
	confirm,
	confirmable,
	mergeDuplicates,
	refusedCodes,
} from '../../src/lib/checkin/door';
import {
	bytesToHex,
	CARD_KEY_ID,
	type CardKey,
	type Checkin,
	newCheckin,
	type Person,
	signCard,
} from '../../src/lib/domain';
import { tables } from '../../src/lib/local/db';
import { getDoc, writeAs } from '../../src/lib/sync/docs';
import { replica, resetReplica } from '../../src/lib/sync/replica';

const event = { _id: 'event:apero', host: 'structure:la-pioche' };
const at = '2026-11-01T10:00:00.000Z';
let secretKey: Uint8Array;
let publicKey: string;

/** localStorage as a browser has it: the device id and the log of refused codes live there. */
function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		getItem: (k) => items.get(k) ?? null,
		setItem: (k, v) => void items.set(k, v),
		removeItem: (k) => void items.delete(k),
		clear: () => items.clear(),
		key: (i) => [...items.keys()][i] ?? null,
		get length() {
			return items.size;
		},
	};
}

beforeAll(() => {
	(globalThis as { localStorage?: Storage }).localStorage ??= memoryStorage();
});

async function withKey(): Promise<void> {
	const keys = await ed.keygenAsync();
	secretKey = keys.secretKey;
	publicKey = bytesToHex(keys.publicKey);
	const doc: CardKey = {
		_id: CARD_KEY_ID,
		type: 'cardkey',
		schema: 1,
		owner: 'network',
		audience: 'public',
		createdAt: at,
		updatedAt: at,
		algorithm: 'Ed25519',
		publicKey,
		since: at,
	};
	await replica().put(doc);
}

const marcPerson: Person = {
	_id: 'person:marc',
	type: 'person',
	schema: 1,
	owner: 'structure:le-relais',
	audience: 'public',
	createdAt: at,
	updatedAt: at,
	structure: 'structure:le-relais',
	name: 'Marc Dubois',
	role: '',
};

const cardOf = (person: string) =>
	signCard({ v: 1, person, structure: 'structure:le-relais', issued: '2026-11-01' }, secretKey);

/** The device is the host's phone: La Pioche's member, holding the event it hosts. */
beforeEach(async () => {
	writeAs(() => ({ role: 'member', accountId: 'account:lea@la-pioche.test', structureId: event.host }));
	await replica().put({ ...event, type: 'event', owner: 'network', audience: 'public' });
});

afterEach(async () => {
	await resetReplica();
	await tables.people.clear();
	await tables.checkins.clear();
});

describe('checking in at the door, offline', () => {
	test('before the key reached the device, a card cannot be checked and the host is told why', async () => {
		const outcome = await checkInCode(event, 'EB1.abc.def');
		expect(outcome).toMatchObject({ kind: 'refused', reason: /synchronisez/ });
	});

	test('a genuine card of someone this device does not know is checked in, to be confirmed', async () => {
		await withKey();
		const code = await cardOf('person:inconnu');
		expect(await checkInCode(event, code)).toMatchObject({ kind: 'checked-in', unconfirmed: true });
		const saved = await getDoc<Checkin>('checkin:apero~inconnu');
		expect(saved).toMatchObject({ unconfirmed: true, method: 'qr', owner: 'structure:la-pioche' });
		expect(await checkInCode(event, code)).toMatchObject({ kind: 'already' });

		// The directory brings the person at the next sync: the check-in is confirmed under their name.
		await tables.checkins.put(saved as Checkin);
		await tables.people.put({ ...marcPerson, _id: 'person:inconnu', name: 'Nadia Roussel' });
		const pending = await confirmable(event._id);
		expect(pending).toHaveLength(1);
		await confirm(pending[0]);
		const confirmed = await getDoc<Checkin>('checkin:apero~inconnu');
		expect(confirmed).toMatchObject({ name: 'Nadia Roussel', structure: 'structure:le-relais' });
		expect(confirmed?.unconfirmed).toBeUndefined();
	});

	test('a known person is checked in under their name; a forged card is refused and logged', async () => {
		await withKey();
		const marc = marcPerson;
		await tables.people.put(marc);
		expect(await checkInCode(event, await cardOf('person:marc'))).toEqual({
			kind: 'checked-in',
			name: 'Marc Dubois',
		});
		const forged = (await cardOf('person:marc')).replace(/\.[^.]+\./, '.eyJ2IjoxfQ.');
		const before = refusedCodes(event._id).length;
		expect(await checkInCode(event, forged)).toMatchObject({ kind: 'refused', reason: /signature invalide/ });
		expect(refusedCodes(event._id)).toHaveLength(before + 1);
		expect(await checkInWalkin(event, { name: ' ' })).toMatchObject({ kind: 'refused', reason: /nom/ });
	});

	test('two phones’ revisions of one check-in become one document with both devices', async () => {
		const person = { _id: 'person:lea', structure: 'structure:la-pioche', name: 'Léa' };
		const a = newCheckin({ event, method: 'qr', person, device: 'tel-a', at: '2026-12-03T18:05:00.000Z' });
		const b = newCheckin({
			event,
			method: 'search',
			person,
			device: 'tel-b',
			at: '2026-12-03T18:01:00.000Z',
		});
		await replica().bulkDocs(
			[
				{ ...a, _rev: '1-aaa' },
				{ ...b, _rev: '1-bbb' },
			] as PouchDB.Core.PutDocument<object>[],
			{ new_edits: false },
		);
		expect((await getDoc(a._id))?._conflicts).toHaveLength(1);
		await mergeDuplicates(a._id);
		const merged = await getDoc<Checkin>(a._id);
		expect(merged?._conflicts).toBeUndefined();
		expect(merged).toMatchObject({ at: b.at, method: 'search', devices: ['tel-a', 'tel-b'] });
	});
});
