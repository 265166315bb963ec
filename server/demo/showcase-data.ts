// Hand-written profiles, people and listings of the three showcase structures (see showcase.ts).
// The first person of each is the one behind the structure's demo account.
import type { EmployeeBand, LegalForm, Listing, MEMBERSHIP_STATUSES, SectorId } from '../../src/lib/domain';

type ShowcaseListing = Pick<Listing, 'kind' | 'nature' | 'sector' | 'title' | 'text'> &
	Partial<Pick<Listing, 'price' | 'audience' | 'radiusKm' | 'featured'>>;

export interface ShowcaseEntry {
	profile: {
		name: string;
		legalForm: LegalForm;
		sectors: SectorId[];
		pitch: string;
		description: string;
		missions: string;
		offers: string;
		needs: string;
		address: string;
		commune: string;
		employees: EmployeeBand;
	};
	status: keyof typeof MEMBERSHIP_STATUSES;
	memberForDays: number;
	/** `email` is the part before the @ of the structure's demo domain. */
	people: { name: string; role: string; email: string }[];
	listings: ShowcaseListing[];
}

export const SHOWCASE: ShowcaseEntry[] = [
	{
		profile: {
			name: 'La Pioche',
			legalForm: 'association',
			sectors: ['reemploi', 'agriculture'],
			pitch:
				'Une recyclerie et des jardins partagés à Lille-Fives : on répare, on jardine, on partage les outils.',
			description:
				'La Pioche est une association loi 1901 née en 2014 dans une ancienne friche de Fives. Nous collectons les objets et les outils dont les habitants n’ont plus besoin, les réparons avec eux et les revendons à petit prix. Sur la friche, trois jardins partagés accueillent une soixantaine de familles. Une équipe de 6 salariés et 40 bénévoles fait vivre le lieu, ouvert du mercredi au samedi.',
			missions:
				'Réduire les déchets du quartier par le réemploi ; transmettre les gestes du jardinage au naturel ; créer un lieu de rencontre entre habitants de tous horizons.',
			offers:
				'Le prêt d’outils de jardinage et d’une broyeuse à végétaux, des ateliers de réparation pour vos salariés ou bénévoles, du compost mûr au printemps.',
			needs:
				'Un camion pour nos collectes du samedi, un coup de main en comptabilité associative et des partenaires pour répondre aux marchés de réemploi de la MEL.',
			address: '32 rue Pierre Legrand',
			commune: '59350',
			employees: '2-10',
		},
		status: 'active',
		memberForDays: 6 * 365,
		people: [
			{ name: 'Julie Vandenberghe', role: 'Coordinatrice', email: 'membre' },
			{ name: 'Karim Belkacem', role: 'Président', email: 'karim.belkacem' },
			{ name: 'Odile Delattre', role: 'Trésorière', email: 'odile.delattre' },
		],
		listings: [
			{
				kind: 'offer',
				nature: 'loan',
				sector: 'agriculture',
				title: 'Prêt d’une broyeuse à végétaux pour vos jardins',
				text: 'Notre broyeuse thermique dort en semaine : nous la prêtons aux structures du réseau, avec une prise en main de dix minutes. À venir chercher à Fives, le mercredi ou le vendredi.',
				price: 'caution de 150 €',
				radiusKm: 20,
			},
			{
				kind: 'offer',
				nature: 'gift',
				sector: 'reemploi',
				title: 'Don de 40 cagettes en bois et de pots de fleurs',
				text: 'Après notre grand tri de printemps, nous donnons une quarantaine de cagettes en bois et des pots en terre cuite. À retirer sur place, premier arrivé, premier servi.',
			},
			{
				kind: 'offer',
				nature: 'pooling',
				sector: 'reemploi',
				title: 'Mutualisation de notre camion benne le vendredi',
				text: 'Notre camion benne de 20 m³ ne sert pas le vendredi. Nous le partageons avec les structures adhérentes pour leurs collectes ou déménagements, chauffeur compris, à frais partagés.',
				price: '60 € la journée, carburant compris',
				audience: 'members',
			},
		],
	},
	{
		profile: {
			name: 'Les Paniers de la Mer',
			legalForm: 'association',
			sectors: ['insertion', 'alimentation'],
			pitch:
				'Un chantier d’insertion qui transforme le poisson invendu du port de Boulogne en plats et en paniers solidaires.',
			description:
				'Les Paniers de la Mer est une association d’insertion créée en 2005 sur le port de Boulogne-sur-Mer. Nous récupérons le poisson invendu de la criée, le transformons dans notre atelier agréé et le distribuons aux épiceries solidaires et aux banques alimentaires du littoral. Nous employons 28 salariés, dont 22 en parcours d’insertion, formés aux métiers de la marée.',
			missions:
				'Remettre le pied à l’étrier à des personnes éloignées de l’emploi ; lutter contre le gaspillage alimentaire ; rendre accessible à tous un poisson de qualité.',
			offers:
				'Des plats cuisinés de la mer pour vos événements, le prêt de caisses isothermes et d’un camion frigorifique, notre savoir-faire en hygiène alimentaire (HACCP).',
			needs:
				'Des épiceries solidaires partenaires dans l’Audomarois, un coup de main en communication et des débouchés pour nos conserves.',
			address: '12 quai Gambetta',
			commune: '62160',
			employees: '11-50',
		},
		status: 'active',
		memberForDays: 9 * 365,
		people: [
			{ name: 'Sophie Caron', role: 'Directrice', email: 'membre' },
			{ name: 'Thierry Lebas', role: 'Encadrant technique', email: 'thierry.lebas' },
		],
		listings: [
			{
				kind: 'offer',
				nature: 'sale',
				sector: 'alimentation',
				title: 'Plateaux de la mer pour vos réunions et séminaires',
				text: 'Rillettes de maquereau, soupe de poisson, plats du jour : nos plateaux sont préparés par les salariés en insertion de notre atelier, avec le poisson de la criée. Livraison sur le Boulonnais.',
				price: '14 € par personne',
				radiusKm: 30,
				featured: true,
			},
			{
				kind: 'request',
				nature: 'skills',
				sector: 'communication',
				title: 'Besoin d’un coup de main pour les étiquettes de nos conserves',
				text: 'Nous lançons une gamme de conserves de poisson et cherchons une structure du réseau à l’aise en graphisme pour dessiner nos étiquettes. En échange : des heures de formation à l’hygiène alimentaire.',
				price: 'en échange d’heures de formation HACCP',
			},
		],
	},
	{
		profile: {
			name: "L'Atelier du Ternois",
			legalForm: 'scop',
			sectors: ['habitat', 'reemploi'],
			pitch:
				'Une menuiserie coopérative à Saint-Pol-sur-Ternoise : mobilier sur mesure en bois local et de réemploi.',
			description:
				'L’Atelier du Ternois est une SCOP créée en 2017 par quatre menuisiers. Nous fabriquons du mobilier et des agencements sur mesure en bois du Ternois et en bois de réemploi récupéré sur les chantiers de déconstruction. Nos sept associés-salariés décident ensemble des chantiers et des investissements.',
			missions:
				'Faire vivre un savoir-faire artisanal en milieu rural ; réemployer les matériaux de déconstruction ; créer des emplois durables dans le Ternois.',
			offers:
				'Mobilier sur mesure, agencement de lieux d’accueil, le prêt d’une remorque plateau, des chutes de bois.',
			needs:
				'Des partenaires pour répondre aux marchés publics, un local de stockage et de la visibilité auprès des structures de la métropole.',
			address: '5 rue d’Hesdin',
			commune: '62767',
			employees: '2-10',
		},
		status: 'none',
		memberForDays: 0,
		people: [
			{ name: 'Mathieu Leclercq', role: 'Gérant', email: 'contact' },
			{ name: 'Élodie Briche', role: 'Menuisière associée', email: 'elodie.briche' },
		],
		listings: [
			{
				kind: 'offer',
				nature: 'sale',
				sector: 'habitat',
				title: 'Mobilier sur mesure en bois de réemploi',
				text: 'Banques d’accueil, étagères, tables de réunion : nous fabriquons votre mobilier à partir de bois local et de réemploi. Déplacement gratuit dans le Ternois pour prendre les mesures.',
				price: 'sur devis',
				radiusKm: 50,
			},
			{
				kind: 'request',
				nature: 'tender',
				sector: 'habitat',
				title: 'Cherche partenaires pour l’appel d’offres d’agencement de la médiathèque de Saint-Pol',
				text: 'La commune lance un marché d’agencement intérieur pour sa médiathèque. Nous cherchons une structure d’insertion du bâtiment (peinture, plâtrerie) pour répondre en groupement.',
			},
		],
	},
];
