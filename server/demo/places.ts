// Where demo structures live: communes drawn by population (so cities come up often and villages
// too), the "pays" each intercommunality is known as, street addresses and phone numbers.
import { COMMUNES, type Commune, EPCIS } from '../../src/lib/domain';
import { de, list } from './french';
import { type Random, WeightedTable } from './random';

/** What people call each intercommunality's territory, and its usual short name as a buyer. */
const TERRITORIES: Record<string, [territory: string, buyer?: string]> = {
	'200018083': ['le Haut-Boulonnais'],
	'200030633': ['le Caudrésis'],
	'200033579': ['l’Arrageois', 'la Communauté urbaine d’Arras'],
	'200035442': ['le Sud-Artois'],
	'200040947': ['la Flandre intérieure'],
	'200040954': ['le Houtland'],
	'200041960': ['la Pévèle'],
	'200042190': ['la Porte du Hainaut', 'la CAPH'],
	'200043263': ['l’Avesnois'],
	'200043321': ['le pays de Mormal'],
	'200043396': ['la Sambre', 'la CAMVS'],
	'200043404': ['la Thiérache'],
	'200044030': ['les 7 Vallées'],
	'200044048': ['l’Ostrevent'],
	'200044618': ['le Douaisis', 'Douaisis Agglo'],
	'200068500': ['le Cambrésis'],
	'200069029': ['la Côte d’Opale', 'la CA2BM'],
	'200069037': ['l’Audomarois', 'la CAPSO'],
	'200069235': ['le Haut-Pays'],
	'200069482': ['les Campagnes de l’Artois'],
	'200069672': ['le Ternois'],
	'200072460': ['le Béthunois', 'la CABBALR'],
	'200072478': ['le pays d’Opale'],
	'200090751': ['le Calaisis', 'Grand Calais Terres et Mers'],
	'200093201': ['la métropole lilloise', 'la MEL'],
	'245900428': ['le Dunkerquois', 'la Communauté urbaine de Dunkerque'],
	'245900758': ['la Lys'],
	'245901038': ['le Solesmois'],
	'245901152': ['la Scarpe'],
	'245901160': ['le Valenciennois', 'Valenciennes Métropole'],
	'246200299': ['le Bassin minier', 'la CAHC'],
	'246200364': ['la Gohelle', 'la CALL'],
	'246200380': ['les Deux Caps'],
	'246200729': ['le Boulonnais', 'la CAB'],
	'246200844': ['le pays d’Audruicq'],
	'246201016': ['le pays de Lumbres'],
};

/** "le Ternois" for a commune of the CC du Ternois; the department for an unknown intercommunality. */
export function territoryOf(commune: Commune): string {
	return TERRITORIES[commune.epci]?.[0] ?? (commune.department === '59' ? 'le Nord' : 'le Pas-de-Calais');
}

/** A public buyer near the commune, as it would be named in a call for tenders. */
export function buyerNear(random: Random, commune: Commune): string {
	const epci = EPCIS.get(commune.epci);
	const local = TERRITORIES[commune.epci]?.[1] ?? (epci ? `la ${epci}` : 'la Région Hauts-de-France');
	const department =
		commune.department === '59' ? 'le Département du Nord' : 'le Département du Pas-de-Calais';
	const buyers = {
		local,
		department,
		region: 'la Région Hauts-de-France',
		city: `${commune.population > 10_000 ? 'la ville' : 'la commune'} ${de(commune.name)}`,
	};
	return buyers[random.weighted({ local: 6, department: 2, region: 1, city: 2 })];
}

const byPopulation = new WeightedTable(COMMUNES, (c) => Math.max(c.population, 50));
const byEpci = new Map<string, WeightedTable<Commune>>();
for (const epci of new Set(COMMUNES.map((c) => c.epci))) {
	byEpci.set(
		epci,
		new WeightedTable(
			COMMUNES.filter((c) => c.epci === epci),
			(c) => Math.max(c.population, 50),
		),
	);
}

export function pickCommune(random: Random): Commune {
	return byPopulation.pick(random);
}

/** A commune of the same intercommunality, often the same one. */
export function nearbyCommune(random: Random, commune: Commune): Commune {
	return byEpci.get(commune.epci)?.pick(random) ?? commune;
}

const NAMED_STREETS = list(
	'de la République|Jean Jaurès|Victor Hugo|du Général de Gaulle|Pasteur|Gambetta|Roger Salengro|Émile Zola|de la Gare|du Moulin|des Écoles|Léon Blum|de l’Église|Jules Ferry|Sadi Carnot|Faidherbe|du Marché|Paul Bert|Anatole France|des Tilleuls|Jean Moulin|Nationale|de Lille|d’Arras|Louise Michel|Marx Dormoy|Henri Barbusse|Lamartine|des Fusillés|du 8 Mai 1945|Pierre Brossolette|de la Liberté|Arthur Lamendin|Émile Basly|Charles Delesalle|de Béthune|des Mineurs|du Château|de Verdun|de la Paix',
);
const STREET_KINDS = { rue: 14, avenue: 3, boulevard: 2, place: 1, chemin: 1, allée: 1 };
const SITES = list(
	'ZA du Moulin|Parc d’activités des Prés|Cité Bruno|Pôle ESS|Zone artisanale du Pré Catelan|Ferme du Héron|Maison des associations|Friche de la Gare',
);

export function streetAddress(random: Random): string {
	if (random.chance(0.08)) return `${random.pick(SITES)}, bâtiment ${random.pick(['A', 'B', 'C', '2', '3'])}`;
	const number = random.chance(0.1) ? `${random.int(1, 120)} bis` : `${random.int(1, 220)}`;
	return `${number} ${random.weighted(STREET_KINDS)} ${random.pick(NAMED_STREETS)}`;
}

const pair = (random: Random) => String(random.int(0, 99)).padStart(2, '0');

/** A number in the ranges ARCEP keeps for fiction (03 53 01 / 06 39 98): it rings nobody. */
export function phoneNumber(random: Random): string {
	const prefix = random.chance(0.55) ? '03 53 01' : '06 39 98';
	return `${prefix} ${pair(random)} ${pair(random)}`;
}
