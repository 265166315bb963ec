// Proposals to host an apéro: a member structure offers dates, a room and how to get there; the
// network's animator accepts one (and schedules the event) or declines it with a reason.
import * as v from 'valibot';
import type { Decision, Scoped, Viewer } from './access-types';
import type { ElbEvent } from './events';
import { base, commune, isoDate, isoTimestamp, keys, required, structureId, text } from './fields';
import { NETWORK } from './ids';

export const PROPOSAL_STATUSES = {
	pending: 'En attente de réponse',
	accepted: 'Acceptée',
	declined: 'Déclinée',
	withdrawn: 'Retirée',
} as const;
export type ProposalStatus = keyof typeof PROPOSAL_STATUSES;

export const ProposalSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('proposal'),
		structure: structureId,
		/** Days the structure can host, earliest first. */
		dates: v.pipe(
			v.array(isoDate),
			v.minLength(1, 'proposez au moins une date'),
			v.maxLength(10, '10 dates au plus'),
		),
		/** Hours that suit them ("à partir de 18 h"). */
		hours: text(120),
		capacity: v.pipe(
			v.number('nombre de personnes attendu'),
			v.integer('nombre entier attendu'),
			v.minValue(5, '5 personnes au moins'),
			v.maxValue(500, '500 personnes au plus'),
		),
		address: required(200),
		commune,
		accessibility: text(1000),
		parking: text(500),
		transport: text(500),
		description: text(3000),
		status: v.picklist(keys(PROPOSAL_STATUSES)),
		/** The event scheduled from an accepted proposal. */
		event: v.optional(v.pipe(v.string(), v.startsWith('event:'))),
		/** Why the animator declined it. */
		reason: v.optional(text(1000)),
		decidedAt: v.optional(isoTimestamp),
	}),
	v.check((p) => p.owner === p.structure, 'une proposition appartient à la structure qui accueille'),
	v.check((p) => p.audience === 'owner', 'une proposition reste entre la structure et l’équipe du réseau'),
	v.check((p) => p.status !== 'accepted' || !!p.event, 'une proposition acceptée nomme son événement'),
	v.check((p) => p.status !== 'declined' || !!p.reason?.trim(), 'indiquez la raison du refus'),
);
export type Proposal = v.InferOutput<typeof ProposalSchema>;

type Incoming = Scoped & { _deleted?: boolean; status?: unknown };

/**
 * A member structure writes its own proposals while they wait for an answer (it may withdraw
 * one); accepting and declining are the animator's, and a decided proposal no longer changes.
 */
export function canWriteProposal(
	viewer: Viewer & { structureId: string },
	before: Scoped | null,
	incoming: Scoped & { _deleted?: boolean },
): Decision {
	const after = incoming as Incoming;
	const was = before as Incoming | null;
	if (viewer.role !== 'member') return deny('seules les structures adhérentes proposent d’accueillir');
	if (before && before.owner !== viewer.structureId)
		return deny('cette proposition est celle d’une autre structure');
	if (was && was.status !== 'pending') return deny('cette proposition a déjà reçu une réponse');
	if (after._deleted) return before ? { ok: true } : deny('document inconnu');
	if (after.owner !== viewer.structureId) return deny('vous ne pouvez proposer qu’au nom de votre structure');
	if (after.status !== 'pending' && after.status !== 'withdrawn')
		return deny('seule l’équipe du réseau accepte ou décline une proposition');
	return { ok: true };
}

const deny = (reason: string): Decision => ({ ok: false, reason });

/** Paris wall-clock time to an ISO instant: "2026-12-03" at "18:30" → "2026-12-03T17:30:00.000Z". */
export function parisInstant(date: string, time: string): string {
	const [h, m] = time.split(':').map(Number);
	const guess = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), h, m);
	// The offset of Paris at that moment (1 h in winter, 2 h in summer), read from Intl.
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Paris',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(new Date(guess));
	const ph = Number(parts.find((p) => p.type === 'hour')?.value);
	const pm = Number(parts.find((p) => p.type === 'minute')?.value);
	const offsetMin = (((ph * 60 + pm - (h * 60 + m)) % 1440) + 1440) % 1440;
	return new Date(guess - (offsetMin > 720 ? offsetMin - 1440 : offsetMin) * 60_000).toISOString();
}

export interface Schedule {
	start: string;
	end: string;
	title: string;
	description: string;
	audience: 'public' | 'members';
	eventKey: string;
	now?: string;
}

/** Accepting a proposal: the apéro at the host's place, and the proposal marked as answered. */
export function acceptProposal(proposal: Proposal, plan: Schedule): { event: ElbEvent; proposal: Proposal } {
	const now = plan.now ?? new Date().toISOString();
	const event: ElbEvent = {
		_id: `event:${plan.eventKey}`,
		type: 'event',
		schema: 1,
		owner: NETWORK,
		audience: plan.audience,
		createdAt: now,
		updatedAt: now,
		kind: 'apero',
		title: plan.title,
		description: plan.description,
		start: plan.start,
		end: plan.end,
		host: proposal.structure,
		address: proposal.address,
		commune: proposal.commune,
		capacity: proposal.capacity,
		proposal: proposal._id,
	};
	return {
		event,
		proposal: { ...proposal, status: 'accepted', event: event._id, decidedAt: now, updatedAt: now },
	};
}

/** Declining a proposal, with the reason the structure will read. */
export function declineProposal(
	proposal: Proposal,
	reason: string,
	now = new Date().toISOString(),
): Proposal {
	return { ...proposal, status: 'declined', reason: reason.trim(), decidedAt: now, updatedAt: now };
}
