// Names of demo structures, composed from parts ("Recyclerie du Ternois", "Coop'Bâtir Arrageois",
// "Le Grain de Sel") and kept unique across the whole network, with their id keys.
import { type Commune, type LegalForm, type SectorId, slugify } from '../../src/lib/domain';
import { at, bare, capitalize, de, list } from './french';
import { lastName } from './names';
import { territoryOf } from './places';
import type { Random } from './random';
import { SECTOR_WORDS } from './sector-words';

const EVOCATIVE = list(
	'Le Grain de Sel|La Boussole|L’Établi|Le Maillon|La Navette|Les Cagettes|Le Chaudron|Le Fil Rouge|La Courte Échelle|Le Tremplin|La Clé des Champs|La Mine d’Idées|Le Terril Vert|La Fourmilière|Les Mains Vertes|La Ruche|Le Nid|Les Petites Pousses|L’Escale|La Guinguette|Le Bocal|La Cabane|L’Estaminet|La Manivelle|Le Rouage|La Brouette|Le Panier Malin|La Tisserande|L’Alambic|Le Comptoir|La Bricole|Le Carillon|La Chiffonnerie|Le Vélo Vert|La Belle Ouvrage|Les Colibris|Le Pot Commun|La Grange|L’Atelier Partagé|La Source|Le Phare|La Houblonnière|Le Coron|La Sauterelle|Le Moulin à Idées|La Boîte à Outils|Les Coudes Serrés|Le Cheval Bleu|La Friche|Les Beaux Lendemains|La Main Tendue|Le Trait d’Union|Les Semeurs|La Fabrique|Le Grenier|La Cordée|L’Arbre à Palabres|Le Caillou|La Bergerie|Les Jardins Suspendus',
);
/** Local place names a structure may take after: "Jardin partagé des Tilleuls". */
const SPOTS = list(
	'les Tilleuls|le Moulin|la Briqueterie|les Hauts Champs|le Beffroi|la Filature|le Terril|les Oyats|la Citadelle|le Marais|les Dunes|la Gare|le Vieux Port|les Prés|la Cité|le Chevalement|les Peupliers|la Sablière|le Bassin|les Marronniers|la Chapelle|le Canal|le Bocage|les Wateringues|la Malterie|le Lavoir|le Fort|la Verrerie|les Remparts|la Fosse 9',
);
const COMPANY_SUFFIXES = list('Services|Conseil|& Compagnie|Solutions|Studio|Atelier|Coop');
const COOP_PREFIXES = list('Coop’|Coop’|SCIC |Les Ateliers ');

type Family = 'association' | 'cooperative' | 'company' | 'other';

function familyOf(form: LegalForm): Family {
	if (form === 'association') return 'association';
	if (form === 'scop' || form === 'scic' || form === 'cooperative' || form === 'ues') return 'cooperative';
	if (form === 'sarl' || form === 'sas') return 'company';
	return 'other';
}

/** Only a cooperative calls itself one. */
function kindsFor(kinds: string[], form: LegalForm): string[] {
	if (familyOf(form) === 'cooperative') return kinds;
	const others = kinds.filter((k) => !/coopérati/i.test(k));
	return others.length > 0 ? others : kinds;
}

export interface NameSeed {
	form: LegalForm;
	sectors: SectorId[];
	commune: Commune;
}

/** One candidate name, in the style usual for this legal form; `wide` also draws on secondary sectors. */
function candidate(random: Random, seed: NameSeed, wide: boolean): string {
	const words = SECTOR_WORDS[wide ? random.pick(seed.sectors) : seed.sectors[0]];
	const territory = territoryOf(seed.commune);
	const place = random.chance(0.7) ? seed.commune.name : territory;
	const kindAt = () => `${random.pick(kindsFor(words.kinds, seed.form))} ${de(place)}`;
	switch (familyOf(seed.form)) {
		case 'association': {
			const style = random.weighted({ kind: 5, evocative: 3, spot: 2, evocativeAt: 1 });
			if (style === 'kind') return kindAt();
			if (style === 'evocative') return random.pick(EVOCATIVE);
			if (style === 'spot')
				return `${random.pick(kindsFor(words.kinds, seed.form))} ${de(random.pick(SPOTS))}`;
			return `${random.pick(EVOCATIVE)} ${de(place)}`;
		}
		case 'cooperative':
			if (random.chance(0.45)) return kindAt();
			return `${random.pick(COOP_PREFIXES)}${random.pick(words.stems)} ${capitalize(bare(territory))}`;
		case 'company':
			if (random.chance(0.3)) return kindAt();
			if (random.chance(0.2)) return `${random.pick(['Atelier', 'Maison', 'Ateliers'])} ${lastName(random)}`;
			return `${random.pick(words.stems)} ${random.pick(COMPANY_SUFFIXES)}`;
		default:
			return seed.form === 'mutuelle' ? `Mutuelle solidaire ${de(place)}` : `Fondation ${lastName(random)}`;
	}
}

/** Hands out names and keys that no other structure of the network has. */
export class NameBook {
	private readonly names = new Set<string>();
	private readonly keys = new Set<string>();

	/** Records a name chosen by hand (the demo's showcase structures). */
	reserve(name: string): string {
		const key = slugify(name);
		this.names.add(name.toLowerCase());
		this.keys.add(key);
		return key;
	}

	/** A fresh name and its key; when the usual names are taken, a local spot and the commune tell it apart. */
	compose(random: Random, seed: NameSeed): { name: string; key: string } {
		for (let attempt = 0; attempt < 40; attempt++) {
			const name = (
				attempt < 30
					? candidate(random, seed, attempt >= 10)
					: `${random.pick(SECTOR_WORDS[seed.sectors[0]].kinds)} ${de(random.pick(SPOTS))} ${at(seed.commune.name)}`
			).replace(/’/g, "'");
			if (this.isFree(name)) return { name, key: this.reserve(name) };
		}
		const base = `${candidate(random, seed, true)} ${at(seed.commune.name)}`.replace(/’/g, "'");
		let name = base;
		for (let n = 2; !this.isFree(name); n++) name = `${base} ${n}`;
		return { name, key: this.reserve(name) };
	}

	private isFree(name: string): boolean {
		return !this.names.has(name.toLowerCase()) && !this.keys.has(slugify(name));
	}
}
