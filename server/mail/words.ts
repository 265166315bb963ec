// The words e-mails share, in the recipient's language (messages/{fr,en}/mail.json, compiled by
// Paraglide): a listing's kind and nature, and a saved search described the way the device's list
// describes it (src/lib/domain/search/describe.ts, French only, stays the device's wording).
import {
	communeByCode,
	DEPARTMENTS,
	EPCIS,
	LEGAL_FORMS,
	type Listing,
	sectorLabel,
} from '../../src/lib/domain';
import type { SearchFilters } from '../../src/lib/domain/search';
import type { MailLocale } from '../auth/accounts';
import { m } from '../i18n/messages.js';

export type { MailLocale };

const KINDS = { offer: m.mail_kind_offer, request: m.mail_kind_request } as const;
const NATURES = {
	sale: m.mail_nature_sale,
	free: m.mail_nature_free,
	barter: m.mail_nature_barter,
	loan: m.mail_nature_loan,
	gift: m.mail_nature_gift,
	pooling: m.mail_nature_pooling,
	skills: m.mail_nature_skills,
	tender: m.mail_nature_tender,
} as const;

export const kindWord = (kind: Listing['kind'], locale: MailLocale) => KINDS[kind]({}, { locale });

export function natureWord(nature: string, locale: MailLocale): string {
	const word = NATURES[nature as keyof typeof NATURES];
	return word ? word({}, { locale }) : nature;
}

/** « « vélo » · Offres · Arras à 10 km », or "“vélo” · Offers · Arras within 10 km". */
export function describeSearchIn(q: string, f: SearchFilters, locale: MailLocale): string {
	const parts: string[] = [];
	const options = { locale };
	if (q.trim()) parts.push(m.mail_search_query({ q: q.trim() }, options));
	if (f.type)
		parts.push(
			f.type === 'listing' ? m.mail_search_listings({}, options) : m.mail_search_structures({}, options),
		);
	if (f.kind)
		parts.push(f.kind === 'offer' ? m.mail_search_offers({}, options) : m.mail_search_requests({}, options));
	if (f.nature) parts.push(natureWord(f.nature, locale));
	// Sector and legal-form labels are the domain's (French) until the domain catalogue words them.
	if (f.sector) parts.push(sectorLabel(f.sector));
	if (f.legalForm) parts.push(LEGAL_FORMS[f.legalForm as keyof typeof LEGAL_FORMS] ?? f.legalForm);
	if (f.department) parts.push(DEPARTMENTS[f.department]);
	if (f.epci) parts.push(EPCIS.get(f.epci) ?? f.epci);
	if (f.commune) {
		const commune = communeByCode(f.commune)?.name ?? f.commune;
		parts.push(f.radius ? m.mail_search_radius({ commune, radius: f.radius }, options) : commune);
	} else if (f.position) parts.push(m.mail_search_position({ radius: f.radius ?? 0 }, options));
	return parts.length > 0 ? parts.join(' · ') : m.mail_search_everything({}, options);
}
