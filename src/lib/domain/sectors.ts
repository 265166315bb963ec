// The ESS sectors in plain words: what a member recognises, not an official nomenclature.
// Ids are stable (stored in documents); labels may be reworded freely.

export interface Sector {
	id: string;
	label: string;
}

export const SECTORS = [
	{ id: 'alimentation', label: 'Alimentation et circuits courts' },
	{ id: 'agriculture', label: 'Agriculture, jardins et maraîchage' },
	{ id: 'restauration', label: 'Restauration, traiteur et cafés' },
	{ id: 'commerce', label: 'Commerce équitable et boutiques' },
	{ id: 'reemploi', label: 'Réemploi, réparation et recyclage' },
	{ id: 'environnement', label: 'Environnement, énergie et climat' },
	{ id: 'mobilite', label: 'Mobilité, vélo et transport' },
	{ id: 'habitat', label: 'Habitat, bâtiment et rénovation' },
	{ id: 'culture', label: 'Culture, arts et spectacle' },
	{ id: 'education', label: 'Éducation populaire et formation' },
	{ id: 'insertion', label: 'Insertion et emploi' },
	{ id: 'social', label: 'Santé, soin et action sociale' },
	{ id: 'enfance', label: 'Enfance, jeunesse et familles' },
	{ id: 'aines', label: 'Personnes âgées et aidants' },
	{ id: 'sport', label: 'Sport et loisirs' },
	{ id: 'tourisme', label: 'Tourisme solidaire et hébergement' },
	{ id: 'numerique', label: 'Numérique et informatique' },
	{ id: 'communication', label: 'Communication, graphisme et édition' },
	{ id: 'gestion', label: 'Gestion, comptabilité et conseil' },
	{ id: 'finance', label: 'Finance solidaire et assurance' },
	{ id: 'textile', label: 'Textile, couture et artisanat' },
	{ id: 'accompagnement', label: 'Accompagnement de projets et création d’activité' },
] as const satisfies readonly Sector[];

export type SectorId = (typeof SECTORS)[number]['id'];

export const SECTOR_IDS = SECTORS.map((s) => s.id) as [SectorId, ...SectorId[]];

const labels = new Map<string, string>(SECTORS.map((s) => [s.id, s.label]));

export function sectorLabel(id: string): string {
	return labels.get(id) ?? id;
}

export function isSector(id: string): id is SectorId {
	return labels.has(id);
}
