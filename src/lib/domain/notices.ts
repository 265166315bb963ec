// Notices: what the network tells a structure in the app (and by e-mail, which the server sends
// once and records in `mailedAt`): a listing about to expire, a moderation decision, a warning.
// Written by staff or the server; the structure only marks them read or clears them.
import * as v from 'valibot';
import type { Decision, Scoped, Viewer } from './access-types';
import { base, isoTimestamp, keys, required, structureId, text } from './fields';

export const NOTICE_KINDS = {
	'expiry-soon': 'Annonce bientôt expirée',
	hidden: 'Contenu masqué',
	restored: 'Contenu rétabli',
	warning: 'Avertissement',
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export const NoticeSchema = v.looseObject({
	...base,
	type: v.literal('notice'),
	/** The structure told. */
	owner: structureId,
	audience: v.literal('owner'),
	kind: v.picklist(keys(NOTICE_KINDS)),
	/** The listing or message it is about. */
	subject: v.optional(v.pipe(v.string(), v.regex(/^(listing|message):./))),
	title: required(200),
	text: text(2000),
	mailedAt: v.optional(isoTimestamp),
	readAt: v.optional(isoTimestamp),
});
export type Notice = v.InferOutput<typeof NoticeSchema>;

const keyOf = (id: string) => id.slice(id.indexOf(':') + 1);

/**
 * `notice:expiry~<listingKey>~<validUntil>`: one reminder per listing and end date, whichever
 * server run writes it (a listing extended later gets a reminder for its new end date).
 */
export function expiryNoticeId(listing: string, validUntil: string): string {
	return `notice:expiry~${keyOf(listing)}~${validUntil}`;
}

/** A structure's account may mark its notices read, or clear them; nothing else. */
export function canWriteNotice(
	viewer: Viewer & { structureId: string },
	before: Scoped | null,
	after: Scoped & { _deleted?: boolean },
): Decision {
	const deny = (reason: string): Decision => ({ ok: false, reason });
	if (!before) return deny('seule l’équipe du réseau envoie des avis');
	if (before.owner !== viewer.structureId) return deny('cet avis est adressé à une autre structure');
	if (after._deleted) return { ok: true };
	if (canonical(before) !== canonical(after)) return deny('vous pouvez seulement marquer un avis comme lu');
	return { ok: true };
}

/** The notice (a flat document) without what its structure may change, keys sorted. */
function canonical(doc: object): string {
	const { _rev, _revisions, readAt, updatedAt, ...rest } = doc as Record<string, unknown>;
	return JSON.stringify(rest, Object.keys(rest).sort());
}

const longDate = new Intl.DateTimeFormat('fr-FR', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'UTC',
});
const dayOf = (isoDate: string) => longDate.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));

/** The reminder sent a few days before a listing's last valid day. */
export function expiryNotice(title: string, validUntil: string): Pick<Notice, 'title' | 'text'> {
	return {
		title: `Votre annonce « ${title} » arrive à échéance le ${dayOf(validUntil)}`,
		text:
			'Après cette date, elle ne sera plus visible dans les annonces ouvertes. ' +
			'Si elle est toujours d’actualité, prolongez-la depuis sa page (bouton « Prolonger »).',
	};
}

/** What a structure is told when staff hide, restore or warn about one of its contents. */
export function moderationNotice(
	kind: Exclude<NoticeKind, 'expiry-soon'>,
	subject: { type: 'listing' | 'message'; title: string },
	reason: string,
): Pick<Notice, 'title' | 'text'> {
	const listing = subject.type === 'listing';
	const what = `${listing ? 'annonce' : 'message'} « ${subject.title.slice(0, 120)} »`;
	const why = reason.trim() ? ` Raison donnée par l’équipe du réseau : ${reason.trim()}` : '';
	if (kind === 'hidden')
		return {
			title: `Votre ${what} a été ${listing ? 'masquée' : 'masqué'} par l’équipe du réseau`,
			text: `Seule votre structure ${listing ? 'la' : 'le'} voit désormais.${why}`,
		};
	if (kind === 'restored')
		return {
			title: `Votre ${what} est de nouveau visible`,
			text: `L’équipe du réseau ${listing ? 'l’a rétablie' : 'l’a rétabli'}.${why}`,
		};
	return {
		title: `Avertissement de l’équipe du réseau à propos de votre ${what}`,
		text: `L’équipe du réseau vous adresse un avertissement.${why}`,
	};
}
