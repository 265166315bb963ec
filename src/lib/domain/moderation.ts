// Reports and moderation. Anyone signed in reports a listing or a message; the report is read by the
// reporter's structure and the network's staff only. Staff hide a content by narrowing its audience
// to its own structure (every other device drops it at the next sync) and restore it; the decisions
// stay on the report (who, when, why). Only staff write the `hidden` record or handle a report.
import * as v from 'valibot';
import type { Decision, Lookup, Scoped, Viewer } from './access-types';
import { AUDIENCES, base, isoTimestamp, keys, required, structureId, text } from './fields';

export const REPORT_REASONS = {
	spam: 'Publicité ou contenu indésirable',
	misleading: 'Trompeur ou frauduleux',
	offensive: 'Injurieux, haineux ou discriminatoire',
	illegal: 'Illégal',
	'off-topic': 'Sans rapport avec le réseau',
	other: 'Autre raison',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export const MODERATION_ACTIONS = {
	hide: 'Masqué',
	restore: 'Rétabli',
	warn: 'Avertissement envoyé',
	dismiss: 'Classé sans suite',
} as const;
export type ModerationAction = keyof typeof MODERATION_ACTIONS;

/** Kept on a hidden listing or message: why, by whom, and the audience to give back on restore. */
export const HiddenSchema = v.object({
	at: isoTimestamp,
	by: required(120),
	reason: required(500),
	previousAudience: v.picklist(AUDIENCES),
	report: v.optional(v.pipe(v.string(), v.startsWith('report:'))),
});
export type Hidden = v.InferOutput<typeof HiddenSchema>;

export const ModerationDecisionSchema = v.object({
	action: v.picklist(keys(MODERATION_ACTIONS)),
	at: isoTimestamp,
	by: required(120),
	reason: text(500),
});
export type ModerationDecision = v.InferOutput<typeof ModerationDecisionSchema>;

/** `report:<random>`: a new document per report. */
export const ReportSchema = v.pipe(
	v.looseObject({
		...base,
		type: v.literal('report'),
		target: v.pipe(v.string(), v.regex(/^(listing|message):./, 'annonce ou message attendu')),
		/** The structure whose content is reported. */
		targetOwner: structureId,
		/** What the reporter saw: the listing's title or the start of the message. */
		excerpt: text(300),
		/** For a message, its conversation (staff open it from the queue). */
		conversation: v.optional(v.pipe(v.string(), v.startsWith('conversation:'))),
		reason: v.picklist(keys(REPORT_REASONS), 'choisissez une raison'),
		details: text(1000),
		reporterName: text(120),
		status: v.picklist(['open', 'closed']),
		decisions: v.optional(v.pipe(v.array(ModerationDecisionSchema), v.maxLength(50))),
	}),
	v.check((r) => r.reason !== 'other' || r.details.length > 0, 'précisez la raison du signalement'),
);
export type Report = v.InferOutput<typeof ReportSchema>;

/** A hidden document is readable by its own structure (and staff) only, whatever writes it. */
export const hiddenKeepsToOwner = (doc: { hidden?: unknown; audience: string }) =>
	!doc.hidden || doc.audience === 'owner';

/** The content `doc` hidden by `by` for `reason`: audience narrowed to its owner, the former one kept. */
export function hideContent<T extends Scoped & { audience: Scoped['audience'] & string }>(
	doc: T,
	by: string,
	reason: string,
	report?: string,
	at = new Date(),
): T & { hidden: Hidden } {
	const hidden: Hidden = { at: at.toISOString(), by, reason, previousAudience: doc.audience };
	if (report) hidden.report = report;
	return { ...doc, audience: 'owner', hidden };
}

/** The content shown again to the audience it had before it was hidden. */
export function restoreContent<T extends Scoped & { hidden?: Hidden }>(doc: T): T {
	const { hidden, ...rest } = doc;
	return { ...rest, audience: hidden?.previousAudience ?? doc.audience } as T;
}

/** The report with one more decision; any decision closes it. */
export function withDecision(report: Report, decision: ModerationDecision): Report {
	return { ...report, status: 'closed', decisions: [...(report.decisions ?? []), decision] };
}

type WithHidden = Scoped & { hidden?: Partial<Hidden> };
const HIDDEN_FIELDS = ['at', 'by', 'reason', 'previousAudience', 'report'] as const;

function sameHidden(a: WithHidden | null, b: WithHidden): boolean {
	const x = a?.hidden;
	const y = b.hidden;
	if (!x || !y) return !x && !y;
	return HIDDEN_FIELDS.every((f) => x[f] === y[f]);
}

/** For everyone but staff: the `hidden` record (and so the narrowed audience) is left as it was. */
export function checkModeration(before: Scoped | null, after: Scoped & { _deleted?: boolean }): Decision {
	if (after._deleted || sameHidden(before as WithHidden | null, after as WithHidden)) return { ok: true };
	return { ok: false, reason: 'seule l’équipe du réseau masque ou rétablit un contenu' };
}

/** A structure's account sends a report once, in its own name, about a content it can see. */
export function canWriteReport(
	viewer: Viewer & { structureId: string },
	before: Scoped | null,
	written: Scoped & { _deleted?: boolean },
	lookup: Lookup | undefined,
): Decision {
	const after = written as Scoped & { _deleted?: boolean } & Partial<Report>;
	const deny = (reason: string): Decision => ({ ok: false, reason });
	if (after._deleted || before) return deny('un signalement envoyé ne se modifie plus');
	if (after.owner !== viewer.structureId) return deny('vous ne pouvez signaler qu’au nom de votre structure');
	if (after.audience !== 'owner')
		return deny('un signalement reste entre votre structure et l’équipe du réseau');
	if (after.status !== 'open' || after.decisions?.length)
		return deny('seule l’équipe du réseau traite les signalements');
	if (after.targetOwner === viewer.structureId) return deny('ce contenu est celui de votre structure');
	const target = after.target ? lookup?.(after.target) : undefined;
	if (!target || target.owner !== after.targetOwner) return deny('contenu signalé inconnu');
	if (target.type === 'message' && !target.participants?.includes(viewer.structureId))
		return deny('ce message ne vous est pas adressé');
	return { ok: true };
}
