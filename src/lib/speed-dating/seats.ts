// Who sits at the tables: one seat per structure present (from the event's check-ins), a walk-in
// seat for someone with no directory entry, and what the pairing knows of each (their directory
// page and open listings), read from the device's tables.
import { type Checkin, isOpen, slugify } from '../domain';
import type { Participant } from '../domain/pairing';
import { tables } from '../local/db';
import { today } from '../ui/format';

export interface Seat {
	id: string;
	name: string;
}

/** A walk-in's seat id: their structure's name (or their own), so two people of one structure share it. */
export function walkinSeatId(name: string, taken: Iterable<string> = []): string {
	const used = new Set(taken);
	const base = `walkin:${slugify(name) || 'anonyme'}`;
	let id = base;
	for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
	return id;
}

/** The seats of the people checked in: each structure once, walk-ins by their structure's name. */
export async function seatsFromCheckins(checkins: Checkin[]): Promise<Seat[]> {
	const structureIds = [...new Set(checkins.flatMap((c) => (c.structure ? [c.structure] : [])))];
	const found = await tables.structures.bulkGet(structureIds);
	const names = new Map(found.flatMap((s) => (s ? [[s._id, s.name] as const] : [])));
	const seats = new Map<string, Seat>();
	for (const c of [...checkins].sort((a, b) => a.at.localeCompare(b.at))) {
		const seat = c.structure
			? { id: c.structure, name: names.get(c.structure) ?? c.structureName ?? c.name }
			: { id: walkinSeatId(c.structureName || c.name), name: c.structureName || c.name };
		if (!seats.has(seat.id)) seats.set(seat.id, seat);
	}
	return [...seats.values()];
}

/** The pairing's view of each seat: directory texts, sectors, commune and open listings. */
export async function participantsOf(seats: Seat[]): Promise<Participant[]> {
	const ids = seats.filter((s) => s.id.startsWith('structure:')).map((s) => s.id);
	const [structures, listings] = await Promise.all([
		tables.structures.bulkGet(ids),
		tables.listings.where('owner').anyOf(ids).toArray(),
	]);
	const byId = new Map(structures.flatMap((s) => (s ? [[s._id, s] as const] : [])));
	const on = today();
	return seats.map((seat) => {
		const s = byId.get(seat.id);
		if (!s) return { id: seat.id, name: seat.name, profile: {} };
		const open = listings.filter((l) => l.owner === s._id && isOpen(l, on));
		return {
			id: seat.id,
			name: seat.name,
			profile: {
				sectors: s.sectors,
				commune: s.commune,
				offers: s.offers,
				needs: s.needs,
				listings: open.map((l) => ({ kind: l.kind, title: l.title, text: l.text })),
			},
		};
	});
}

/** Structures of the directory whose name contains the text (for a walk-in that has a page). */
export async function structuresNamed(text: string, limit = 5): Promise<Seat[]> {
	const q = slugify(text);
	if (q.length < 2) return [];
	const rows = await tables.structures
		.orderBy('name')
		.filter((s) => slugify(s.name).includes(q))
		.limit(limit)
		.toArray();
	return rows.map((s) => ({ id: s._id, name: s.name }));
}
