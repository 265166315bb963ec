// Demo agenda: itinerant apéros, breakfasts, thematic meetings and speed-datings hosted by member
// structures across both departments (not only in Lille), mostly upcoming, a few already past.
import { docId, type ElbEvent, SCHEMA_VERSION } from '../../src/lib/domain';
import { addDays, laterTimestamp, parisTime, pastTimestamp, weekday } from './dates';
import { at, de, list } from './french';
import { territoryOf } from './places';
import type { Random } from './random';
import type { DemoStructure } from './structures';

type Kind = ElbEvent['kind'];

const KIND_WEIGHTS: Record<Kind, number> = {
	apero: 35,
	breakfast: 20,
	meeting: 25,
	'speed-dating': 12,
	other: 8,
};
/** Start and end, in French wall-clock hours, and the usual number of places. */
const HOURS: Record<Kind, [start: number, end: number, minPlaces: number, maxPlaces: number]> = {
	apero: [18, 20.5, 25, 60],
	breakfast: [8.5, 10, 15, 30],
	meeting: [14, 17, 20, 80],
	'speed-dating': [9, 12, 16, 40],
	other: [10, 16, 20, 100],
};
const THEMES = list(
	'la mutualisation d’emplois entre structures|les réponses groupées aux marchés publics|le réemploi dans le bâtiment|le financement par l’épargne solidaire|l’accueil des bénévoles|la mobilité en milieu rural|le numérique libre pour les associations|l’alimentation durable en restauration collective|les clauses sociales dans les achats publics|la transition écologique de nos structures|le mécénat de compétences|la coopération entre structures d’insertion',
);

interface Draft {
	title: string;
	description: string;
}

function draft(random: Random, kind: Kind, host: DemoStructure): Draft {
	const place = host.commune.name;
	const territory = territoryOf(host.commune);
	const theme = random.pick(THEMES);
	switch (kind) {
		case 'apero':
			return {
				title: random.pick([
					`Apéro itinérant ${at(place)}`,
					`Apéro du réseau ${at(place)} : découvrez ${host.doc.name}`,
				]),
				description: `${host.doc.name} ouvre ses portes pour l’apéro itinérant du réseau. L’occasion de découvrir ses activités, de rencontrer les structures ${de(territory)} et de partager offres et besoins autour d’un verre. Chacun apporte un petit quelque chose à grignoter.`,
			};
		case 'breakfast':
			return {
				title: `Petit-déjeuner du réseau : ${theme}`,
				description: `Un petit-déjeuner pour échanger entre structures sur ${theme}, accueilli par ${host.doc.name} ${at(place)}. Café, thé et viennoiseries offerts ; on termine à 10 h pour que chacun retourne au travail.`,
			};
		case 'meeting':
			return {
				title: `Rencontre thématique dans ${territory} : ${theme}`,
				description: `Une après-midi de travail sur ${theme}, avec des témoignages de structures du réseau et un temps d’ateliers. Rendez-vous chez ${host.doc.name}, ${at(place)}.`,
			};
		case 'speed-dating':
			return {
				title: random.pick([
					`Speed-dating des structures ${de(territory)}`,
					`Speed-dating offres et besoins ${at(place)}`,
				]),
				description: `Sept minutes par rencontre pour présenter ce que votre structure peut apporter et ce qu’elle cherche. Les binômes sont formés à l’avance selon vos offres et besoins publiés sur elBasar : pensez à les mettre à jour. Accueil par ${host.doc.name}.`,
			};
		default:
			return random.chance(0.5)
				? {
						title: `Portes ouvertes : ${host.doc.name}`,
						description: `${host.doc.name} fait visiter ses locaux ${at(place)} et présente ses activités aux structures du réseau. Visite suivie d’un moment convivial.`,
					}
				: {
						title: 'Atelier : publier sa première annonce sur elBasar',
						description: `Une heure pour prendre en main elBasar : compléter la fiche de sa structure, publier une offre ou une demande, répondre à une annonce. Apportez votre téléphone ou un ordinateur portable. Accueil par ${host.doc.name}, ${at(place)}.`,
					};
	}
}

/** Hosts rotate across the territory: the same intercommunality does not host twice in a row. */
function pickHost(random: Random, hosts: DemoStructure[], recent: string[]): DemoStructure {
	for (let attempt = 0; attempt < 12; attempt++) {
		const host = random.pick(hosts);
		if (!recent.includes(host.commune.epci)) return host;
	}
	return random.pick(hosts);
}

export function generateEvents(
	random: Random,
	structures: DemoStructure[],
	count: number,
	now: Date,
): ElbEvent[] {
	const members = structures.filter((s) => s.status === 'active');
	const hosts = members.length > 0 ? members : structures;
	const recent: string[] = [];
	const events: ElbEvent[] = [];
	for (let i = 0; i < count; i++) {
		const kind = random.weighted(KIND_WEIGHTS);
		const host = pickHost(random, hosts, recent);
		recent.push(host.commune.epci);
		if (recent.length > 4) recent.shift();
		// One event in six is already past, so the agenda has a history even in a small demo.
		const past = i % 6 === 5;
		const day = weekday(addDays(now, past ? -random.int(3, 90) : random.int(3, 180)));
		const [from, to, minPlaces, maxPlaces] = HOURS[kind];
		const start = parisTime(day, Math.floor(from), (from % 1) * 60);
		const end = parisTime(day, Math.floor(to), (to % 1) * 60);
		const createdAt = pastTimestamp(random, day < now ? day : now, 7, 60);
		events.push({
			_id: docId('event', random.key()),
			type: 'event',
			schema: SCHEMA_VERSION,
			owner: 'network',
			audience: random.chance(0.1) ? 'members' : 'public',
			createdAt,
			updatedAt: laterTimestamp(random, createdAt, now),
			kind,
			...draft(random, kind, host),
			start,
			end,
			host: host.doc._id,
			address: host.doc.address,
			commune: host.doc.commune,
			capacity:
				kind === 'speed-dating'
					? random.int(minPlaces / 2, maxPlaces / 2) * 2
					: random.int(minPlaces, maxPlaces),
		});
	}
	return events;
}

/**
 * The apéro La Pioche hosts in the coming weeks: the story a demo tells (a member opens its doors,
 * its directory page announces it, its phone checks people in at the door).
 */
export function showcaseApero(random: Random, host: DemoStructure, now: Date): ElbEvent {
	const day = weekday(addDays(now, 12));
	const createdAt = pastTimestamp(random, now, 5, 20);
	return {
		_id: docId('event', random.key()),
		type: 'event',
		schema: SCHEMA_VERSION,
		owner: 'network',
		audience: 'public',
		createdAt,
		updatedAt: laterTimestamp(random, createdAt, now),
		kind: 'apero',
		title: `Apéro itinérant ${at(host.commune.name)} : découvrez ${host.doc.name}`,
		description: `${host.doc.name} ouvre ses portes pour l’apéro itinérant du réseau : visite de la recyclerie et des jardins partagés, puis offres et besoins partagés autour d’un verre. Chacun apporte un petit quelque chose à grignoter.`,
		start: parisTime(day, 18),
		end: parisTime(day, 20, 30),
		host: host.doc._id,
		address: host.doc.address,
		commune: host.doc.commune,
		capacity: 40,
	};
}
