// People of the demo: first and last names as met in Nord and Pas-de-Calais (Flemish, Picard,
// Polish, Italian and North African roots among others), and their roles in a structure.
import type { LegalForm } from '../../src/lib/domain';
import { list } from './french';
import type { Random } from './random';

const WOMEN = list(
	'Camille|Julie|Sophie|Nathalie|Isabelle|Aurélie|Émilie|Céline|Sandrine|Marie|Claire|Élodie|Amandine|Laetitia|Fatima|Samia|Léa|Manon|Chloé|Inès|Sarah|Anne|Véronique|Martine|Christelle|Stéphanie|Justine|Pauline|Mélanie|Virginie|Agnès|Brigitte|Nadia|Yasmina|Hélène|Jeanne|Lucie|Margaux|Océane|Maud|Delphine|Karine|Sylvie|Monique|Gaëlle|Aïcha|Zoé|Anaïs',
);
const MEN = list(
	'Thomas|Nicolas|Julien|Sébastien|Mathieu|Olivier|Christophe|Frédéric|Jérôme|Laurent|Pierre|Jean-Marc|Philippe|Karim|Mehdi|Rachid|Youssef|Antoine|Hugo|Lucas|Maxime|Romain|Benoît|Vincent|David|Stéphane|Franck|Didier|Bruno|Alain|Michel|Jean-Pierre|Patrick|Dominique|Gaëtan|Kévin|Damien|Arnaud|Guillaume|Samuel|Bastien|Théo|Louis|Florian|Grégory|Abdel|Moussa|Cédric',
);
const LAST_NAMES = list(
	'Lefebvre|Leroy|Dubois|Lemaire|Caron|Delattre|Deprez|Lambert|Duhamel|Desmet|Vermeulen|Vandenberghe|Delannoy|Lecomte|Duquesne|Delcroix|Dupont|Carpentier|Wattez|Vasseur|Leclercq|Dumont|Mahieu|Cuvelier|Descamps|Verstraete|Declercq|Desmarets|Lebrun|Fournier|Hennebelle|Lefrançois|Poulain|Boulanger|Dufour|Martin|Petit|Roussel|Leblanc|Bernard|Dhaussy|Gosselin|Flament|Lecocq|Devos|Vanhove|Ryckebusch|Kaczmarek|Nowak|Kowalski|Wojcik|Lewandowski|Szymanski|Rossi|Bianchi|Benali|Haddad|Belkacem|Mansouri|Bouzid|Diallo|Traoré|Nguyen|Da Silva|Pereira|Garcia|Lopez|Morel|Hautecoeur|Delbecque|Lesage|Debruyne|Coppin|Dequidt|Facon|Briche|Lebas|Tison|Bocquet|Defrance|Wallart|Obert|Douchet|Ledoux|Pruvost|Courtin|Demarcq|Taccoen|Hochart|Leprêtre|Vandamme|Delporte',
);

/** Roles in a structure, masculine and feminine. */
const ROLES: [string, string][] = [
	['Coordinateur', 'Coordinatrice'],
	['Chargé de mission', 'Chargée de mission'],
	['Animateur', 'Animatrice'],
	['Encadrant technique', 'Encadrante technique'],
	['Chargé de développement', 'Chargée de développement'],
	['Responsable administratif et financier', 'Responsable administrative et financière'],
	['Chargé de communication', 'Chargée de communication'],
	['Trésorier', 'Trésorière'],
	['Bénévole référent', 'Bénévole référente'],
	['Secrétaire', 'Secrétaire'],
	['Conseiller en insertion', 'Conseillère en insertion'],
	['Salarié associé', 'Salariée associée'],
];
const LEADERS: Record<'association' | 'cooperative' | 'company', [string, string][]> = {
	association: [
		['Président', 'Présidente'],
		['Co-président', 'Co-présidente'],
		['Directeur', 'Directrice'],
		['Coordinateur', 'Coordinatrice'],
	],
	cooperative: [
		['Gérant', 'Gérante'],
		['Co-gérant', 'Co-gérante'],
		['Directeur général', 'Directrice générale'],
	],
	company: [
		['Gérant', 'Gérante'],
		['Fondateur', 'Fondatrice'],
		['Président', 'Présidente'],
	],
};

export interface PersonName {
	first: string;
	last: string;
	woman: boolean;
}

export function personName(random: Random): PersonName {
	const woman = random.chance(0.55);
	return { first: random.pick(woman ? WOMEN : MEN), last: random.pick(LAST_NAMES), woman };
}

function family(form: LegalForm): keyof typeof LEADERS {
	if (form === 'scop' || form === 'scic' || form === 'cooperative') return 'cooperative';
	if (form === 'sarl' || form === 'sas') return 'company';
	return 'association';
}

/** The first person of a structure leads it; the others hold one of the usual roles. */
export function roleOf(random: Random, form: LegalForm, index: number, woman: boolean): string {
	const pair = index === 0 ? random.pick(LEADERS[family(form)]) : random.pick(ROLES);
	return pair[woman ? 1 : 0];
}

export function lastName(random: Random): string {
	return random.pick(LAST_NAMES);
}
