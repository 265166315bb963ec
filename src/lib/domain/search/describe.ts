// A search in words ("« vélo » · Annonces · Offres · Arras à 10 km"), for the list of saved searches
// and the e-mail digest: the device and the server both word a saved search with it.
import { communeByCode, DEPARTMENTS, EPCIS } from '../communes';
import { LEGAL_FORMS, LISTING_KINDS, NATURES } from '../schemas';
import { sectorLabel } from '../sectors';
import type { SearchFilters } from './filters';

export function describeSearch(q: string, f: SearchFilters): string {
	const parts: string[] = [];
	if (q.trim()) parts.push(`« ${q.trim()} »`);
	if (f.type) parts.push(f.type === 'listing' ? 'Annonces' : 'Structures');
	if (f.kind) parts.push(`${LISTING_KINDS[f.kind]}s`);
	if (f.nature) parts.push(NATURES[f.nature as keyof typeof NATURES] ?? f.nature);
	if (f.sector) parts.push(sectorLabel(f.sector));
	if (f.legalForm) parts.push(LEGAL_FORMS[f.legalForm as keyof typeof LEGAL_FORMS] ?? f.legalForm);
	if (f.department) parts.push(DEPARTMENTS[f.department]);
	if (f.epci) parts.push(EPCIS.get(f.epci) ?? f.epci);
	if (f.commune) {
		const name = communeByCode(f.commune)?.name ?? f.commune;
		parts.push(f.radius ? `${name} à ${f.radius} km` : name);
	} else if (f.position) parts.push(`À ${f.radius ?? 0} km de la position enregistrée`);
	return parts.length > 0 ? parts.join(' · ') : 'Toutes les annonces et structures';
}
