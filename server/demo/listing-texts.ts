// Titles, texts and prices of listings, written like the small ads members post: one way of
// saying it per nature (sale, loan, pooling…) and kind (offer or request), filled from the
// vocabulary of the listing's sector and the place it is about.
import type { Commune, Nature, SectorId } from '../../src/lib/domain';
import { SECTOR_IDS } from '../../src/lib/domain';
import { at, bare, capitalize, de, list, lower } from './french';
import { buyerNear, territoryOf } from './places';
import type { Random } from './random';
import { SECTOR_WORDS, type SectorWords, splitService } from './sector-words';

export interface ListingSeed {
	kind: 'offer' | 'request';
	nature: Nature;
	sector: SectorId;
	commune: Commune;
	radiusKm?: number;
}

export interface ListingTexts {
	title: string;
	text: string;
	price?: string;
}

interface Draft {
	title: string;
	lead: string;
	price?: string;
}

const POOLED = list(
	'un poste de comptable à mi-temps|un poste de chargé de communication|une salle de réunion de 30 places|un véhicule utilitaire|un local de stockage|des bureaux partagés|un photocopieur professionnel|un logiciel de gestion des adhérents|une chambre froide|un poste d’agent d’entretien',
);
const ROOMS = list(
	'une salle de réunion pour 20 personnes|un local pour une permanence hebdomadaire|un lieu pour notre assemblée générale (60 personnes)|un espace de stockage de 10 m²|un bureau deux jours par semaine|un terrain pour une fête de quartier',
);
const FREE_OFFERS = list(
	'Salle de réunion prêtée gratuitement (30 places)|Visite de notre atelier pour les structures du réseau|Accueil de stagiaires en immersion|Conseils gratuits pour démarrer votre projet|Places offertes pour notre prochaine formation',
);
const CLOSINGS = list(
	'Répondez directement sur elBasar, nous revenons vers vous sous 48 h.|Disponible en semaine, sur rendez-vous.|N’hésitez pas à passer nous voir pour en parler.|Ouvert aussi aux structures non adhérentes.|Premier contact par la messagerie d’elBasar, de préférence.',
);

/** The price of a service by its unit (see sector-words.ts). */
function priceOf(random: Random, unit: string): string {
	switch (unit) {
		case 'h':
			return `${random.int(25, 60)} € de l’heure`;
		case 'j':
			return `${random.int(8, 45) * 10} € la journée`;
		case 'p':
			return `${random.int(8, 28)} € par personne`;
		case 'f':
			return `${random.int(5, 120) * 10} € la prestation`;
		case 'm':
			return `${random.int(4, 30) * 10} € par mois`;
		case 'u':
			return `à partir de ${random.int(5, 80)} € l’unité`;
		default:
			return 'sur devis';
	}
}

/** A service seen from the side that asks for it: "pour vos événements" → "pour nos événements". */
const ours = (text: string) => text.replace(/\bvos\b/g, 'nos').replace(/\bvotre\b/g, 'notre');

function elsewhere(random: Random, sector: SectorId): SectorWords {
	return SECTOR_WORDS[random.pick(SECTOR_IDS.filter((s) => s !== sector))];
}

function draft(random: Random, seed: ListingSeed, w: SectorWords): Draft {
	const offer = seed.kind === 'offer';
	const place = seed.commune.name;
	switch (seed.nature) {
		case 'sale': {
			const { name, unit } = splitService(random.pick(w.services));
			if (offer)
				return {
					title: random.pick([name, `${name} ${at(place)}`, `${name} dans ${territoryOf(seed.commune)}`]),
					lead: `Ce que nous proposons : ${lower(name)}. ${random.pick(['Devis gratuit sur simple demande.', 'Tarif réduit pour les adhérents du réseau.', 'Une équipe formée, des délais tenus.'])}`,
					price: priceOf(random, unit),
				};
			return {
				title: `Cherche prestataire : ${lower(ours(name))}`,
				lead: `Besoin identifié : ${lower(ours(name))}. Nous préférons travailler avec une structure de l’ESS proche ${de(place)}.`,
				...(random.chance(0.5) ? { price: `budget : ${random.int(3, 60) * 50} €` } : {}),
			};
		}
		case 'free': {
			if (offer) {
				if (random.chance(0.5)) {
					const title = random.pick(FREE_OFFERS);
					return {
						title,
						lead: `${title}, ${at(place)} : il suffit de nous écrire pour convenir d’une date.`,
					};
				}
				const what = lower(splitService(random.pick(w.services)).name);
				return {
					title: `Gratuit pour le réseau : ${what}`,
					lead: `Nous proposons gratuitement aux structures du réseau, ${at(place)} et alentour : ${what}.`,
				};
			}
			if (random.chance(0.3)) {
				const does = random.pick(w.does);
				return {
					title: `Appel à bénévoles : ${does}`,
					lead: `Nous cherchons des bénévoles pour nous aider à ${does}, quelques heures par mois.`,
				};
			}
			const room = random.pick(ROOMS);
			return {
				title: `Cherche ${room} ${at(place)}`,
				lead: `Nous cherchons ${room} ${at(place)}, à titre gracieux ou contre un coup de main.`,
			};
		}
		case 'barter': {
			const have = random.pick(w.stock);
			const want = random.pick(elsewhere(random, seed.sector).stock);
			if (offer)
				return {
					title: `Troc : ${bare(have)} contre ${bare(want)}`,
					lead: `Nous avons ${have} et aimerions en échange ${want}.`,
					price: `en échange ${de(want)}`,
				};
			return {
				title: `Cherche ${bare(have)} en échange ${de(want)}`,
				lead: `Nous cherchons ${have}. En échange, nous pouvons donner ${want}.`,
				price: `en échange ${de(want)}`,
			};
		}
		case 'loan': {
			const gear = random.pick(w.gear);
			if (offer)
				return {
					title: `Prêt ${de(gear)}${random.pick(['', ' pour vos événements', ' à la journée', ' le temps d’un chantier', ` ${at(place)}`])}`,
					lead: `Nous prêtons ${gear} aux structures du réseau quand nous n’en avons pas l’usage. À venir chercher ${at(place)}, avec une courte prise en main.`,
					...(random.chance(0.3) ? { price: `caution de ${random.int(5, 30) * 10} €` } : {}),
				};
			const when = random.pick([
				' pour un week-end',
				' quelques jours',
				' pour un chantier',
				' pour notre fête de fin d’année',
				'',
			]);
			return {
				title: `Cherche à emprunter ${gear}${when}`,
				lead: `Nous aurions besoin ${de(gear)}${when}. Nous en prendrons soin et pouvons rendre la pareille.`,
			};
		}
		case 'gift': {
			const stock = random.pick(w.stock);
			if (offer)
				return {
					title: random.pick([`Don ${de(stock)}`, `À donner : ${bare(stock)}`, `Donne ${stock}`]),
					lead: `Nous donnons ${stock} à qui pourra en faire bon usage. Premier arrivé, premier servi ; à retirer ${at(place)}.`,
				};
			return {
				title: random.pick([`Recherche dons ${de(stock)}`, `Collecte ${de(stock)}`]),
				lead: `Nous collectons ${stock} pour ${random.pick(w.does)}. Nous pouvons passer les chercher.`,
			};
		}
		case 'pooling': {
			const pooled = random.chance(0.6) ? random.pick(POOLED) : random.pick(w.gear);
			if (offer)
				return {
					title: random.pick([`Mutualisation ${de(pooled)}`, `À partager : ${pooled} ${at(place)}`]),
					lead: `Nous proposons de partager ${pooled} avec une ou deux structures voisines, à frais partagés.`,
				};
			return {
				title: `Cherche partenaires pour mutualiser ${pooled}`,
				lead: `Seuls, nous n’avons pas les moyens ${de(pooled)}. Nous cherchons une ou deux structures proches ${de(place)} pour le partager.`,
			};
		}
		case 'skills': {
			const skill = random.pick(w.skills);
			const other = random.pick(
				SECTOR_WORDS[random.pick(['gestion', 'communication', 'numerique'] as const)].skills,
			);
			if (offer)
				return random.chance(0.5)
					? {
							title: `Échange de compétences : ${skill} contre ${other}`,
							lead: `Nous pouvons transmettre notre savoir-faire en ${skill}. En retour, un coup de main en ${other} nous serait précieux.`,
							price: `en échange d’heures en ${other}`,
						}
					: {
							title: `Nous partageons notre savoir-faire en ${skill}`,
							lead: `Nos salariés et bénévoles peuvent consacrer quelques heures à vous transmettre notre savoir-faire en ${skill}.`,
						};
			return {
				title: `Besoin d’un coup de main en ${other}`,
				lead: `Nous cherchons une structure compétente en ${other} pour nous aider quelques heures. Nous pouvons rendre la pareille en ${skill}.`,
			};
		}
		default: {
			const tender = random.pick(w.tenders);
			const buyer = buyerNear(random, seed.commune);
			const lead = `${capitalize(buyer)} lance un marché ${de(tender)}. Nous montons un groupement de structures de l’ESS pour y répondre ensemble.`;
			if (offer)
				return {
					title: `Réponse commune à l’appel d’offres ${tender} ${de(buyer)}`,
					lead: `${lead} Nous apportons notre expérience ; il nous manque un ou deux partenaires.`,
				};
			return {
				title: `Cherche partenaires pour l’appel d’offres ${tender} ${de(buyer)}`,
				lead: `${lead} Faites-vous connaître vite : la date limite approche.`,
			};
		}
	}
}

/** Keeps a title within the 120 characters the schema allows, cutting at a word. */
function fitTitle(title: string): string {
	if (title.length <= 120) return title;
	return `${title.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}

export function listingTexts(random: Random, seed: ListingSeed): ListingTexts {
	const { title, lead, price } = draft(random, seed, SECTOR_WORDS[seed.sector]);
	const reach =
		seed.radiusKm === undefined
			? []
			: [
					seed.kind === 'offer'
						? `Nous pouvons nous déplacer dans un rayon de ${seed.radiusKm} km.`
						: `Dans un rayon de ${seed.radiusKm} km autour ${de(seed.commune.name)}.`,
				];
	const text = [lead, ...reach, random.pick(CLOSINGS)].join(' ');
	return { title: fitTitle(capitalize(title)), text, ...(price ? { price } : {}) };
}
