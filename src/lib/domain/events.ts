// Events of the agenda (apéros, breakfasts, thematic meetings, speed-datings): their kinds and
// schema, apart from schemas.ts so the rules about events (proposals, registrations) can use them.
import * as v from 'valibot';
import { base, commune, isoTimestamp, keys, required, structureId, text } from './fields';

export const EVENT_KINDS = {
	apero: 'Apéro itinérant',
	breakfast: 'Petit-déjeuner',
	meeting: 'Rencontre thématique',
	'speed-dating': 'Speed-dating',
	other: 'Autre',
} as const;

export const EventSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('event'),
		kind: v.picklist(keys(EVENT_KINDS)),
		title: required(120),
		description: text(5000),
		start: isoTimestamp,
		end: isoTimestamp,
		host: v.optional(structureId),
		address: text(200),
		commune,
		capacity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000))),
		/** A cancelled event stays in the agenda (and in calendars) marked as such. */
		status: v.optional(v.picklist(['scheduled', 'cancelled'])),
		/** The proposal to host it was scheduled from. */
		proposal: v.optional(v.pipe(v.string(), v.startsWith('proposal:'))),
	}),
	v.check((e) => e.end >= e.start, 'la fin précède le début'),
);

export type ElbEvent = v.InferOutput<typeof EventSchema>;
