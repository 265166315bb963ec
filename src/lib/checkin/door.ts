// The door's work, without rendering: verify a scanned card with the key the device replicated,
// write one check-in per person (the same id on every phone), merge duplicates seen as conflicts,
// and keep a local log of refused codes. Everything here works with no network.
import {
	CARD_KEY_ID,
	type CardKey,
	type Checkin,
	type CheckinMethod,
	type ElbEvent,
	keyOf,
	mergeCheckins,
	newCheckin,
	newKey,
	type Person,
	type Registration,
	verifyCard,
	type WalkIn,
} from '../domain';
import { m } from '../i18n';
import { tables } from '../local/db';
import { conflictsOf, getDoc, resolveConflict, saveDoc } from '../sync/docs';

const DEVICE_KEY = 'elbasar:device';
const REFUSED_KEY = 'elbasar:door-refused';
const REFUSED_KEPT = 200;

/** This device's name in check-ins: random, made once, kept. */
export function deviceId(): string {
	const store = globalThis.localStorage;
	let id = store?.getItem(DEVICE_KEY);
	if (!id) {
		id = `appareil-${newKey().slice(0, 10)}`;
		store?.setItem(DEVICE_KEY, id);
	}
	return id;
}

export type Outcome =
	| { kind: 'checked-in'; name: string; unconfirmed?: boolean }
	| { kind: 'already'; name: string; at: string }
	| { kind: 'refused'; reason: string };

export interface RefusedCode {
	at: string;
	event: string;
	reason: string;
	/** The start of the code only: enough to recognise it, not to reuse it. */
	sample: string;
}

export function refusedCodes(eventId: string): RefusedCode[] {
	try {
		const all = JSON.parse(globalThis.localStorage?.getItem(REFUSED_KEY) ?? '[]') as RefusedCode[];
		return all.filter((r) => r.event === eventId);
	} catch {
		return [];
	}
}

function logRefused(eventId: string, code: string, reason: string): void {
	const store = globalThis.localStorage;
	if (!store) return;
	let all: RefusedCode[] = [];
	try {
		all = JSON.parse(store.getItem(REFUSED_KEY) ?? '[]') as RefusedCode[];
	} catch {
		all = [];
	}
	all.push({ at: new Date().toISOString(), event: eventId, reason, sample: code.trim().slice(0, 24) });
	store.setItem(REFUSED_KEY, JSON.stringify(all.slice(-REFUSED_KEPT)));
}

/** The network's card key as this device replicated it, or null before the first sync. */
export async function cardKey(): Promise<string | null> {
	return (await getDoc<CardKey>(CARD_KEY_ID))?.publicKey ?? null;
}

type EventRef = Pick<ElbEvent, '_id' | 'host'>;

/** Writes the check-in unless this device already holds one under the same id. */
async function record(doc: Checkin): Promise<Outcome> {
	const existing = await getDoc<Checkin>(doc._id);
	if (existing) return { kind: 'already', name: existing.name, at: existing.at };
	const saved = await saveDoc(doc);
	return { kind: 'checked-in', name: saved.name, ...(saved.unconfirmed ? { unconfirmed: true } : {}) };
}

export async function checkInPerson(
	event: EventRef,
	person: Person,
	method: CheckinMethod,
): Promise<Outcome> {
	return record(newCheckin({ event, method, device: deviceId(), person }));
}

/** A scanned or pasted card: refused on the spot when forged; accepted unconfirmed when unknown here. */
export async function checkInCode(event: EventRef, code: string): Promise<Outcome> {
	const key = await cardKey();
	if (!key)
		return {
			kind: 'refused',
			reason: m.door_no_card_key(),
		};
	const check = await verifyCard(code, key);
	if (!check.ok) {
		logRefused(event._id, code, check.reason);
		return { kind: 'refused', reason: check.reason };
	}
	const { person: personId, structure } = check.payload;
	const known = await tables.people.get(personId);
	if (known) return checkInPerson(event, known, 'qr');
	const structureName = (await tables.structures.get(structure))?.name ?? keyOf(structure);
	return record(
		newCheckin({
			event,
			method: 'qr',
			device: deviceId(),
			person: { _id: personId, structure, name: m.door_unconfirmed_name({ structure: structureName }) },
			unconfirmed: true,
		}),
	);
}

export async function checkInWalkin(event: EventRef, who: WalkIn): Promise<Outcome> {
	if (!who.name.trim()) return { kind: 'refused', reason: m.door_walkin_name_required() };
	return record(newCheckin({ event, method: 'walkin', device: deviceId(), walkin: who }));
}

/** A guest registered without an account, found by name: checked in under their registration. */
export async function checkInGuest(event: EventRef, registration: Registration): Promise<Outcome> {
	const { _id, name, structureName, email } = registration;
	return record(
		newCheckin({ event, method: 'search', device: deviceId(), guest: { _id, name, structureName, email } }),
	);
}

/** Unconfirmed check-ins of this event whose person has since reached the device's directory. */
export async function confirmable(eventId: string): Promise<{ checkin: Checkin; person: Person }[]> {
	const pending = (await tables.checkins.where('event').equals(eventId).toArray()).filter(
		(c) => c.unconfirmed && c.person && !c._conflicts?.length,
	);
	const people = await tables.people.bulkGet(pending.map((c) => c.person ?? ''));
	return pending.flatMap((checkin, i) => {
		const person = people[i];
		return person ? [{ checkin, person }] : [];
	});
}

/** The card was genuine and the person is now known here: the check-in takes their name. */
export async function confirm({ checkin, person }: { checkin: Checkin; person: Person }): Promise<void> {
	const { unconfirmed, ...rest } = checkin;
	await saveDoc({ ...rest, name: person.name, structure: person.structure });
}

/** Ends a conflict between phones with the merge every phone computes alike. */
export async function mergeDuplicates(id: string): Promise<void> {
	const conflict = await conflictsOf<Checkin>(id);
	if (!conflict) return;
	const merged = conflict.others.reduce(mergeCheckins, conflict.current);
	await resolveConflict(id, { ...merged, _rev: conflict.current._rev });
}
