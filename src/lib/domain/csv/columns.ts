// The columns of the directory spreadsheet: one French header each (what the export writes) and
// the other spellings the network's spreadsheets use for it (what the import understands).
import { fold } from './fold';

export const COLUMNS = {
	name: ['Nom', 'nom de la structure', 'structure', 'raison sociale', 'denomination'],
	legalForm: ['Forme juridique', 'statut juridique', 'forme'],
	sectors: ['Secteurs', 'secteur', 'secteurs d activite', 'secteur d activite', 'activites'],
	pitch: ['Présentation', 'pitch', 'accroche', 'presentation courte'],
	description: ['Description'],
	missions: ['Missions', 'mission'],
	offers: ['Ce que nous proposons', 'ce que nous proposons au reseau', 'offres', 'propositions'],
	needs: ['Ce que nous cherchons', 'besoins', 'recherches'],
	address: ['Adresse', 'adresse postale', 'rue'],
	postalCode: ['Code postal', 'cp'],
	commune: ['Commune', 'ville', 'localite', 'code insee'],
	website: ['Site web', 'site', 'site internet', 'url'],
	employees: ['Effectif', 'effectifs', 'salaries', 'nombre de salaries', 'tranche d effectif'],
	memberSince: ['Adhérent depuis', 'adherente depuis', 'adhesion depuis', 'date d adhesion', 'membre depuis'],
	membershipStatus: ['Statut d’adhésion', 'statut adhesion', 'adhesion', 'adherent'],
	person: ['Contact', 'nom du contact', 'personne', 'interlocuteur', 'prenom nom'],
	role: ['Fonction', 'role', 'poste'],
	email: ['E-mail', 'email', 'mail', 'courriel', 'adresse e mail'],
	phone: ['Téléphone', 'tel', 'portable', 'mobile'],
	id: ['Identifiant', 'id'],
} as const;

export type Column = keyof typeof COLUMNS;
export type Cells = Partial<Record<Column, string>>;

/** The header the export writes for a column. */
export const headerOf = (column: Column): string => COLUMNS[column][0];

const byHeader = new Map<string, Column>();
for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
	for (const name of names) byHeader.set(fold(name), column);

/** Which column a header names, whatever its case, accents or punctuation. */
export function columnOf(header: string): Column | undefined {
	return byHeader.get(fold(header));
}

/** What the importer says about a field when the schema refuses it. */
export const FIELD_LABELS: Record<string, string> = {
	name: 'Nom',
	legalForm: 'Forme juridique',
	sectors: 'Secteurs',
	pitch: 'Présentation',
	description: 'Description',
	missions: 'Missions',
	offers: 'Ce que nous proposons',
	needs: 'Ce que nous cherchons',
	address: 'Adresse',
	commune: 'Commune',
	website: 'Site web',
	employees: 'Effectif',
	since: 'Adhérent depuis',
	status: 'Statut d’adhésion',
	role: 'Fonction',
	email: 'E-mail',
	phone: 'Téléphone',
};
