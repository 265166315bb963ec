// The words of a structure's profile: pitch, description, missions, what it can bring to the
// network and what it looks for, written from its sectors, legal form, size and territory.
import type { Commune, EmployeeBand, LegalForm, SectorId } from '../../src/lib/domain';
import { at, capitalize, de, enumerate, list, lower } from './french';
import { territoryOf } from './places';
import type { Random } from './random';
import { SECTOR_WORDS, splitService } from './sector-words';

export interface ProfileSeed {
	name: string;
	form: LegalForm;
	sectors: SectorId[];
	commune: Commune;
	employees: EmployeeBand;
	founded: number;
}

export interface ProfileTexts {
	pitch: string;
	description: string;
	missions: string;
	offers: string;
	needs: string;
}

const FORM_INTROS: Record<LegalForm, string> = {
	association: '{name} est une association loi 1901 créée en {year} {at}.',
	scop: '{name} est une SCOP : depuis {year}, ses salariés en sont les associés et la dirigent ensemble.',
	scic: '{name} est une SCIC qui réunit depuis {year} salariés, usagers, bénévoles et collectivités.',
	cooperative: '{name} est une coopérative fondée en {year} {at}.',
	ues: '{name} est une union d’économie sociale créée en {year} par plusieurs structures du territoire.',
	sarl: '{name} est une SARL créée en {year} {at}, agréée entreprise solidaire d’utilité sociale (ESUS).',
	sas: '{name} est une SAS de l’économie sociale et solidaire créée en {year}, agréée ESUS.',
	fondation: '{name} est une fondation qui soutient depuis {year} les initiatives solidaires locales.',
	mutuelle: '{name} est une mutuelle de proximité fondée en {year} {at}.',
	individual: '{name} exerce en indépendant depuis {year} {at}.',
};
const VALUES = list(
	'Nos activités sont ouvertes à tous, quels que soient les revenus.|Les décisions se prennent collectivement, en assemblée.|Nous achetons local dès que possible et travaillons avec les structures voisines.|Chaque année, nous accueillons des stagiaires et des jeunes en service civique.|Nos bénéfices sont réinvestis dans le projet.|Nous tenons à rester un lieu de rencontre entre habitants de tous horizons.|Nous privilégions le réemploi et les matériaux locaux.',
);
const GENERIC_MISSIONS = list(
	'créer des emplois durables sur le territoire|accueillir des bénévoles de tous horizons|sensibiliser le grand public|coopérer avec les autres acteurs de l’ESS|accueillir des stagiaires et des jeunes en service civique',
);
const GENERIC_NEEDS = list(
	'des bénévoles pour nos permanences du samedi|un local plus grand|de nouveaux administrateurs|un véhicule pour nos tournées|des débouchés pour nos produits|des partenaires pour répondre aux marchés publics|un coup de main pour refaire notre site web|des lieux pour présenter nos activités',
);

/** Sectors whose equipment any structure may need (a van, a room, a projector…). */
const USEFUL_TO_ALL: SectorId[] = [
	'mobilite',
	'habitat',
	'gestion',
	'communication',
	'numerique',
	'education',
	'insertion',
];

function fill(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** The team in one sentence; only associations count on volunteers. */
function team(random: Random, band: EmployeeBand, seed: ProfileSeed): string {
	const volunteers = seed.form === 'association' ? ` et ${random.int(5, 60)} bénévoles` : '';
	switch (band) {
		case '0-1':
			return volunteers
				? `Une salariée à mi-temps${volunteers} font vivre le projet.`
				: 'Une seule personne salariée, entourée d’un réseau de partenaires, porte le projet.';
		case '2-10':
			return `Une équipe de ${random.int(2, 10)} salariés${volunteers} fait vivre le projet.`;
		case '11-50': {
			const staff = random.int(11, 50);
			return seed.sectors.includes('insertion')
				? `Nous employons ${staff} salariés, dont ${Math.ceil(staff * 0.7)} en parcours d’insertion.`
				: `Nous employons ${staff} salariés${volunteers ? `, épaulés par${volunteers.slice(2)}` : ''}.`;
		}
		default:
			return `Avec ${random.int(51, 180)} salariés, nous comptons parmi les employeurs de l’ESS ${de(territoryOf(seed.commune))}.`;
	}
}

export function profileTexts(random: Random, seed: ProfileSeed): ProfileTexts {
	const main = SECTOR_WORDS[seed.sectors[0]];
	const others = seed.sectors.slice(1).map((s) => SECTOR_WORDS[s]);
	const [doesA, doesB] = random.sample(main.does, 2);
	const territory = territoryOf(seed.commune);
	const pitch = random.chance(0.5)
		? `${capitalize(doesA)}, ${at(seed.commune.name)} et dans ${territory}.`
		: `Notre raison d’être : ${doesA}${others.length ? ` et ${random.pick(others[0].does)}` : ''}.`;
	const description = [
		fill(FORM_INTROS[seed.form], { name: seed.name, year: String(seed.founded), at: at(seed.commune.name) }),
		`Nous voulons ${doesB ?? doesA}${others.length ? `, mais aussi ${random.pick(others[0].does)}` : ''}.`,
		team(random, seed.employees, seed),
		`Nous intervenons ${at(seed.commune.name)} et dans ${territory}.`,
		random.pick(VALUES),
	].join(' ');
	const missions = `${capitalize(enumerate([doesA, ...others.map((w) => random.pick(w.does)), random.pick(GENERIC_MISSIONS)]))}.`;
	const offers = `${capitalize(
		enumerate([
			lower(splitService(random.pick(main.services)).name),
			`le prêt ${de(random.pick((others[0] ?? main).gear))}`,
			`notre savoir-faire en ${random.pick(main.skills)}`,
		]),
	)}.`;
	return { pitch, description, missions, offers, needs: needsOf(random, seed) };
}

/** Needs come from other sectors than the structure's own, plus the usual needs of any small structure. */
function needsOf(random: Random, seed: ProfileSeed): string {
	const useful = USEFUL_TO_ALL.filter((s) => !seed.sectors.includes(s));
	const elsewhere = SECTOR_WORDS[random.pick(useful.length > 0 ? useful : USEFUL_TO_ALL)];
	const needs = [
		random.pick(elsewhere.gear),
		`de l’aide en ${random.pick(SECTOR_WORDS[random.pick(['gestion', 'communication', 'numerique'] as const)].skills)}`,
		random.pick(GENERIC_NEEDS),
	];
	return `Nous cherchons ${enumerate(random.sample(needs, random.int(2, 3)))}.`;
}
