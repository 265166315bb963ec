// Registrations, waiting lists, proposals and attendance: deterministic ids, the order of the
// waiting list and its promotion, the merge of two devices' edits, Paris times, the CSV sheets.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	acceptProposal,
	type Checkin,
	declineProposal,
	type ElbEvent,
	guestRegistrationId,
	mergeRegistrations,
	newCheckin,
	newRegistration,
	type Proposal,
	parisInstant,
	placesOf,
	type Registration,
	registrationId,
	standingLabel,
	validateDoc,
} from '../../src/lib/domain';
import {
	attendanceByEvent,
	attendanceByStructure,
	eventAttendanceCsv,
	structureAttendanceCsv,
} from '../../src/lib/domain/attendance';

const event: ElbEvent = {
	_id: 'event:apero',
	type: 'event',
	schema: 1,
	owner: 'network',
	audience: 'public',
	createdAt: '2026-11-01T10:00:00.000Z',
	updatedAt: '2026-11-01T10:00:00.000Z',
	kind: 'apero',
	title: 'Apéro chez La Pioche',
	description: '',
	start: '2026-12-03T17:00:00.000Z',
	end: '2026-12-03T19:00:00.000Z',
	host: 'structure:la-pioche',
	address: '1 rue de la Gare',
	commune: '59350',
	capacity: 2,
};

const reg = (key: string, minute: number, structure = 'structure:le-relais'): Registration =>
	newRegistration({
		event,
		person: { _id: `person:${key}`, structure, name: key },
		at: `2026-11-10T10:${String(minute).padStart(2, '0')}:00.000Z`,
	});

describe('registration ids', () => {
	it('are the same for the same event and person, on any device', () => {
		expect(registrationId('event:apero', 'person:lea')).toBe('registration:apero~lea');
		expect(reg('lea', 1)._id).toBe(reg('lea', 30)._id);
		expect(guestRegistrationId('event:apero', ' Camille@Exemple.fr ')).toBe(
			guestRegistrationId('event:apero', 'camille@exemple.fr'),
		);
		expect(guestRegistrationId('event:apero', 'a@b.fr')).not.toBe(
			guestRegistrationId('event:apero', 'c@d.fr'),
		);
		expect(guestRegistrationId('event:apero', 'camille@exemple.fr')).not.toContain('camille');
	});

	it('are checked by the schema, with the host as the only other reader', () => {
		expect(validateDoc(reg('lea', 1))).toMatchObject({ ok: true });
		expect(reg('lea', 1).participants).toEqual(['structure:la-pioche']);
		expect(reg('lea', 1, 'structure:la-pioche').participants).toEqual([]);
		expect(validateDoc({ ...reg('lea', 1), _id: 'registration:apero~marc' })).toMatchObject({ ok: false });
		expect(validateDoc({ ...reg('lea', 1), owner: 'structure:autre' })).toMatchObject({ ok: false });
		const guest = { ...reg('x', 1), person: undefined, guest: true, owner: 'network', structure: undefined };
		expect(validateDoc(guest)).toMatchObject({ ok: false, reason: 'l’e-mail de l’invité est obligatoire' });
	});
});

describe('waiting list', () => {
	it('gives the places in registration order, whatever order the documents come in', () => {
		const all = [reg('c', 3), reg('a', 1), reg('d', 4), reg('b', 2)];
		const places = placesOf(all, 2);
		expect(places.confirmed.map((r) => r.name)).toEqual(['a', 'b']);
		expect(places.waiting.map((r) => r.name)).toEqual(['c', 'd']);
		expect(places.standing.get(reg('d', 4)._id)).toEqual({ status: 'waiting', position: 2 });
		expect(places.free).toBe(0);
		expect(placesOf([...all].reverse(), 2).confirmed.map((r) => r.name)).toEqual(['a', 'b']);
		expect(standingLabel(places.standing.get(reg('c', 3)._id))).toBe('En liste d’attente (n° 1)');
	});

	it('breaks ties of the same instant by id, and has no list without a limit', () => {
		const same = [reg('b', 5), reg('a', 5), reg('c', 5)];
		expect(placesOf(same, 1).confirmed[0].name).toBe('a');
		const open = placesOf(same, undefined);
		expect(open.waiting).toEqual([]);
		expect(open.free).toBeNull();
	});

	it('moves the next one up when someone cancels, and puts a returning one at the back', () => {
		const a = reg('a', 1);
		const list = [a, reg('b', 2), reg('c', 3)];
		const cancelled = { ...a, status: 'cancelled' as const };
		const after = placesOf([cancelled, ...list.slice(1)], 2);
		expect(after.confirmed.map((r) => r.name)).toEqual(['b', 'c']);
		expect(after.standing.has(a._id)).toBe(false);
		const back = newRegistration({
			event,
			person: { _id: 'person:a', structure: 'structure:le-relais', name: 'a' },
			at: '2026-11-11T00:00:00.000Z',
		});
		expect(placesOf([back, ...list.slice(1)], 2).waiting.map((r) => r.name)).toEqual(['a']);
	});

	it('merges two devices’ edits of one registration the same way in both orders', () => {
		const a = { ...reg('a', 1), _rev: '2-x' };
		const b = { ...a, _rev: '2-y', status: 'cancelled' as const, updatedAt: '2026-11-12T00:00:00.000Z' };
		expect(mergeRegistrations(a, b)).toEqual(mergeRegistrations(b, a));
		expect(mergeRegistrations(a, b).status).toBe('cancelled');
		expect(mergeRegistrations(a, b)).not.toHaveProperty('_rev');
	});
});

const proposal: Proposal = {
	_id: 'proposal:p1',
	type: 'proposal',
	schema: 1,
	owner: 'structure:la-pioche',
	audience: 'owner',
	createdAt: '2026-11-01T10:00:00.000Z',
	updatedAt: '2026-11-01T10:00:00.000Z',
	structure: 'structure:la-pioche',
	dates: ['2027-01-14'],
	hours: '18 h',
	capacity: 30,
	address: '1 rue de la Gare',
	commune: '59350',
	accessibility: '',
	parking: '',
	transport: '',
	description: '',
	status: 'pending',
};

describe('proposals', () => {
	it('turn into an event at the host’s place, and a decided proposal', () => {
		const { event: scheduled, proposal: accepted } = acceptProposal(proposal, {
			start: parisInstant('2027-01-14', '18:30'),
			end: parisInstant('2027-01-14', '21:00'),
			title: 'Apéro',
			description: '',
			audience: 'public',
			eventKey: 'apero-p1',
		});
		expect(validateDoc(scheduled)).toMatchObject({ ok: true });
		expect(validateDoc(accepted)).toMatchObject({ ok: true });
		expect(scheduled).toMatchObject({ host: 'structure:la-pioche', commune: '59350', capacity: 30 });
		expect(accepted).toMatchObject({ status: 'accepted', event: 'event:apero-p1' });
		expect(validateDoc(declineProposal(proposal, ' '))).toMatchObject({ ok: false });
		expect(validateDoc(declineProposal(proposal, 'Date déjà prise'))).toMatchObject({ ok: true });
		expect(validateDoc({ ...proposal, dates: [] })).toMatchObject({ ok: false });
	});

	it('read Paris wall-clock time in winter and summer', () => {
		expect(parisInstant('2027-01-14', '18:30')).toBe('2027-01-14T17:30:00.000Z');
		expect(parisInstant('2027-07-14', '18:30')).toBe('2027-07-14T16:30:00.000Z');
	});
});

describe('attendance', () => {
	const checkin = (person: string, structure: string): Checkin =>
		newCheckin({ event, method: 'search', device: 'd1', person: { _id: person, structure, name: person } });
	const walkin = newCheckin({
		event,
		method: 'walkin',
		device: 'd1',
		walkin: { name: 'Zoé', structureName: 'Vélo ; Cie' },
	});
	const registrations = [reg('a', 1), reg('b', 2), reg('c', 3)];
	const checkins = [
		checkin('person:a', 'structure:le-relais'),
		checkin('person:c', 'structure:le-relais'),
		walkin,
	];

	it('counts registered, present, walk-ins and absent per event', () => {
		const [line] = attendanceByEvent([event], checkins, registrations);
		expect(line).toMatchObject({ registered: 2, waiting: 1, present: 3, walkins: 1, absent: 1 });
	});

	it('counts a guest checked in at the door as registered and present, not as a walk-in', () => {
		const guestId = guestRegistrationId(event._id, 'sacha@exemple.fr');
		const guest = {
			...reg('b', 2),
			_id: guestId,
			person: undefined,
			structure: undefined,
			guest: true,
			owner: 'network',
			name: 'Sacha Invité',
			email: 'sacha@exemple.fr',
		} as Registration;
		const guestIn = newCheckin({
			event,
			method: 'search',
			device: 'd1',
			guest: { _id: guestId, name: 'Sacha Invité', email: 'sacha@exemple.fr' },
		});
		const lines = attendanceByEvent([event], [checkins[0], guestIn, walkin], [reg('a', 1), guest]);
		expect(lines[0]).toMatchObject({ registered: 2, present: 3, walkins: 1, absent: 0 });
		const rows = Papa.parse<string[]>(eventAttendanceCsv(lines).slice(1), { delimiter: ';' }).data;
		// Places, Inscrits, En liste d’attente, Présents, Sans inscription, Inscrits absents.
		expect(rows[1].slice(4, 10)).toEqual(['2', '2', '0', '3', '1', '0']);
	});

	it('counts events per structure, walk-ins’ structures by name', () => {
		const later = {
			...event,
			_id: 'event:later',
			start: '2027-01-01T17:00:00.000Z',
			end: '2027-01-01T19:00:00.000Z',
		};
		const again = newCheckin({
			event: later,
			method: 'search',
			device: 'd2',
			person: { _id: 'person:a', structure: 'structure:le-relais', name: 'a' },
		});
		const lines = attendanceByStructure(
			[event, later],
			[...checkins, again],
			new Map([['structure:le-relais', 'Le Relais']]),
		);
		expect(lines[0]).toMatchObject({ name: 'Le Relais', events: 2, people: 2, inDirectory: true });
		expect(lines[0].lastEvent._id).toBe('event:later');
		expect(lines[1]).toMatchObject({ name: 'Vélo ; Cie', events: 1, inDirectory: false });
	});

	it('exports sheets with a BOM, `;` separators and French headers', () => {
		const csv = eventAttendanceCsv(attendanceByEvent([event], checkins, registrations));
		expect(csv.startsWith('\uFEFFDate;Événement;Type;')).toBe(true);
		const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
		expect(rows[1]).toEqual([
			'03/12/2026',
			'Apéro chez La Pioche',
			'Apéro itinérant',
			'Lille',
			'2',
			'2',
			'1',
			'3',
			'1',
			'1',
		]);
		const byStructure = structureAttendanceCsv(attendanceByStructure([event], checkins, new Map()));
		const parsed = Papa.parse<string[]>(byStructure.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
		expect(parsed[0][0]).toBe('Structure');
		expect(parsed.map((r) => r[0])).toContain('Vélo ; Cie');
	});
});
