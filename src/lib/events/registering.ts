// Registering and cancelling from the device: a structure's registrations are saved in the replica
// at once (they sync later; the id is per event and person, so a retry never doubles them);
// guests go through the server. Places left come from the server when it can be reached.
import type { ElbEvent, Person, Registration, Standing } from '../domain';
import { keyOf, mergeRegistrations, newRegistration } from '../domain';
import { m } from '../i18n';
import { conflictsOf, getDoc, resolveConflict, saveDoc } from '../sync/docs';

/** Registers the person (again, at the back of the list, if they had cancelled). */
export async function register(event: ElbEvent, person: Person): Promise<Registration> {
	const fresh = newRegistration({ event, person: { ...person, structure: person.structure } });
	const existing = await getDoc<Registration>(fresh._id);
	if (existing?.status === 'registered') return existing;
	return saveDoc(existing ? { ...fresh, _rev: existing._rev, createdAt: existing.createdAt } : fresh);
}

export async function cancel(registration: Registration): Promise<Registration> {
	const now = new Date().toISOString();
	return saveDoc({ ...registration, status: 'cancelled', cancelledAt: now });
}

/** Two devices edited one registration offline: keep the later edit, everywhere the same. */
export async function mergeConflicts(id: string): Promise<void> {
	const conflict = await conflictsOf<Registration>(id);
	if (!conflict || conflict.others.length === 0) return;
	const merged = conflict.others.reduce(mergeRegistrations, conflict.current);
	await resolveConflict(id, { ...merged, _rev: conflict.current._rev });
}

export interface PlacesAnswer {
	capacity: number | null;
	confirmed: number;
	waiting: number;
	free: number | null;
	mine: { id: string; name: string; status: string; standing: Standing | null }[];
}

/** Places left and the caller's standing, or null offline. */
export async function fetchPlaces(eventId: string): Promise<PlacesAnswer | null> {
	try {
		const res = await fetch(`/api/events/${encodeURIComponent(keyOf(eventId))}/places`, {
			headers: { accept: 'application/json' },
		});
		return res.ok ? ((await res.json()) as PlacesAnswer) : null;
	} catch {
		return null;
	}
}

export interface GuestAnswer {
	id: string;
	standing: Standing;
	cancelToken: string;
}

async function post<T>(path: string, body: unknown): Promise<T> {
	let res: Response;
	try {
		res = await fetch(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body),
		});
	} catch {
		throw new Error(m.events_guest_offline());
	}
	const answer = (await res.json().catch(() => null)) as (T & { reason?: string }) | null;
	if (!res.ok || !answer) throw new Error(answer?.reason ?? m.events_http_error({ status: res.status }));
	return answer;
}

export function registerGuest(
	eventId: string,
	guest: { name: string; structureName: string; email: string },
): Promise<GuestAnswer> {
	return post(`/api/events/${encodeURIComponent(keyOf(eventId))}/guests`, guest);
}

export function cancelGuest(token: string): Promise<{ ok: true }> {
	return post('/api/events/guests/cancel', { token });
}

export const icsUrl = (eventId: string) => `/api/events/${encodeURIComponent(keyOf(eventId))}.ics`;
