// A small network for search tests: the offer a member near Arras should find first, decoys that
// share some of its words elsewhere, and documents a visitor or a search must never see.
import type { Doc, Listing, Structure } from '../../src/lib/domain';

export const NOW = new Date('2026-11-28T12:00:00.000Z');
export const ARRAS = '62041';
const SAINT_LAURENT_BLANGY = '62753';
const LILLE = '59350';
const DUNKERQUE = '59183';
const DOUAI = '59178';

const at = (day: string) => `${day}T10:00:00.000Z`;

function listing(key: string, over: Partial<Listing>): Listing {
	return {
		_id: `listing:${key}`,
		type: 'listing',
		schema: 1,
		owner: 'structure:coop-graphisme',
		audience: 'public',
		createdAt: at('2026-11-01'),
		updatedAt: at('2026-11-20'),
		kind: 'offer',
		nature: 'pooling',
		sector: 'accompagnement',
		title: '',
		text: '',
		commune: LILLE,
		validFrom: '2026-11-01',
		validUntil: '2027-03-01',
		status: 'open',
		...over,
	};
}

function structure(key: string, over: Partial<Structure>): Structure {
	return {
		_id: `structure:${key}`,
		type: 'structure',
		schema: 1,
		owner: `structure:${key}`,
		audience: 'public',
		createdAt: at('2025-01-10'),
		updatedAt: at('2026-10-01'),
		name: '',
		legalForm: 'association',
		sectors: ['communication'],
		pitch: '',
		description: '',
		missions: '',
		offers: '',
		needs: '',
		address: '1 rue de la Gare',
		commune: LILLE,
		employees: '2-10',
		...over,
	};
}

export const TARGET_ID = 'listing:local-arras';

export const SEARCH_DOCS: Doc[] = [
	listing('local-arras', {
		title: 'Local à partager pour vos réunions',
		text: 'Une pièce lumineuse de 25 places avec vidéoprojecteur, libre le mardi et le jeudi.',
		commune: SAINT_LAURENT_BLANGY,
	}),
	listing('local-dunkerque', {
		title: 'Local à partager pour vos réunions',
		text: 'Une pièce de 15 places au rez-de-chaussée, libre le lundi.',
		commune: DUNKERQUE,
	}),
	listing('salle-lille', {
		title: 'Salle de réunion à louer',
		text: 'Salle de réunion équipée pour vos réunions d’équipe, au cœur de Lille.',
		nature: 'sale',
		commune: LILLE,
	}),
	listing('sport-arras', {
		title: 'Salle de sport disponible le week-end',
		text: 'Notre gymnase accueille vos activités sportives.',
		sector: 'sport',
		nature: 'loan',
		commune: ARRAS,
	}),
	listing('information-arras', {
		title: 'Réunion d’information sur le réemploi',
		text: 'Présentation de nos actions aux structures du territoire.',
		kind: 'request',
		nature: 'free',
		sector: 'reemploi',
		commune: ARRAS,
	}),
	listing('velos-lille', {
		title: 'Don de vélos à remettre en état',
		text: 'Une dizaine de vélos récupérés en déchetterie, à venir chercher.',
		nature: 'gift',
		sector: 'mobilite',
		commune: LILLE,
	}),
	listing('mutualisation-douai', {
		title: 'Mutualisation d’un véhicule utilitaire',
		text: 'Notre camion ne sert pas le vendredi : partageons-le entre structures.',
		sector: 'reemploi',
		commune: DOUAI,
	}),
	listing('cargo-adherents', {
		title: 'Prêt de vélos cargo entre adhérents',
		text: 'Réservé aux structures adhérentes du réseau.',
		audience: 'members',
		nature: 'loan',
		sector: 'mobilite',
		commune: LILLE,
	}),
	listing('velo-expire', {
		title: 'Vélo électrique à vendre',
		text: 'Batterie neuve.',
		nature: 'sale',
		sector: 'mobilite',
		validFrom: '2026-06-01',
		validUntil: '2026-09-30',
		commune: LILLE,
	}),
	structure('coop-graphisme', {
		name: 'Coop Graphisme du Nord',
		legalForm: 'scop',
		pitch: 'Création visuelle et communication pour les structures de l’ESS.',
		offers: 'Logos, affiches, chartes graphiques.',
		needs: 'Un local de stockage pour nos archives.',
	}),
	structure('atelier-discret', {
		name: 'L’Atelier discret',
		audience: 'members',
		sectors: ['mobilite'],
		pitch: 'Atelier vélo réservé aux adhérents.',
	}),
];
