// The vocabulary of each ESS sector, from which names, profiles and listings are written.
// Lists are "a|b|c" strings to keep this data compact. Services end with a price unit
// (@h hour, @j day, @p person, @f flat fee, @m month, @u piece, @d quote); see listing-texts.ts.
import type { SectorId } from '../../src/lib/domain';
import { list } from './french';

export interface SectorWords {
	/** What such a structure is called: "Recyclerie", "Atelier vélo solidaire". */
	kinds: string[];
	/** Short stems for cooperative and company names: "Coop’Récup", "Récup Services". */
	stems: string[];
	/** What the structure does, as infinitive phrases. */
	does: string[];
	services: string[];
	/** Equipment one lends or pools. */
	gear: string[];
	/** Goods one gives away or barters. */
	stock: string[];
	skills: string[];
	/** Public contracts answered together. */
	tenders: string[];
}

type Raw = Record<keyof SectorWords, string>;

const RAW: Record<SectorId, Raw> = {
	alimentation: {
		kinds: 'Épicerie solidaire|Groupement d’achats|Drive fermier|Magasin de producteurs|Cantine solidaire',
		stems: 'Panier|Bocal|Vrac|Circuit Court|Garde-Manger',
		does: 'rendre accessible à tous une alimentation de qualité|vendre en vrac les produits des fermes voisines|organiser des achats groupés entre habitants|lutter contre le gaspillage alimentaire',
		services:
			'Paniers de légumes de saison livrés sur votre lieu de travail@u|Buffet zéro déchet pour vos réunions@p|Atelier cuisine anti-gaspi@j',
		gear: 'un camion frigorifique|une chambre froide de 12 m³|des caisses isothermes|une balance poids-prix',
		stock:
			'des invendus de fruits et légumes|des bocaux en verre consignés|des cagettes en bois|des sacs de toile',
		skills: 'approvisionnement en circuit court|hygiène alimentaire (HACCP)|animation d’ateliers cuisine',
		tenders: 'restauration collective|fourniture de denrées bio pour les cantines|distribution alimentaire',
	},
	agriculture: {
		kinds: 'Jardin partagé|Jardin de cocagne|Ferme urbaine|Maraîchage bio|Couveuse agricole',
		stems: 'Terre|Sillon|Potager|Racines|Semis',
		does: 'cultiver des légumes bio en pleine terre|transmettre les gestes du jardinage au naturel|installer de jeunes maraîchers|faire vivre des jardins partagés au pied des immeubles',
		services:
			'Création de potagers en entreprise@d|Entretien d’espaces verts en gestion différenciée@j|Animation d’un atelier jardinage@f',
		gear: 'un motoculteur|une broyeuse à végétaux|une serre démontable|un lot d’outils de jardinage',
		stock: 'des plants de légumes|du compost mûr|des graines paysannes|du bois raméal fragmenté',
		skills: 'maraîchage biologique|permaculture|compostage',
		tenders: 'entretien des espaces verts|gestion des jardins familiaux|végétalisation des cours d’école',
	},
	restauration: {
		kinds: 'Café associatif|Restaurant d’insertion|Traiteur solidaire|Estaminet coopératif|Cuisine partagée',
		stems: 'Marmite|Fourchette|Assiette|Tablée|Popote',
		does: 'cuisiner des produits locaux et de saison|former des personnes éloignées de l’emploi aux métiers de la cuisine|tenir un lieu convivial ouvert à tout le quartier|servir des repas à prix libre',
		services:
			'Traiteur pour vos événements@p|Plateaux-repas livrés à vélo@p|Location de notre salle avec service@j',
		gear: 'une cuisine professionnelle équipée|des percolateurs de 100 tasses|des barnums et tables de réception|une tireuse à bière',
		stock: 'de la vaisselle de réception|des nappes en tissu|des excédents de repas du jour',
		skills: 'cuisine de collectivité|gestion d’un bar associatif|service en salle',
		tenders: 'restauration collective|portage de repas à domicile|restauration scolaire',
	},
	commerce: {
		kinds: 'Boutique équitable|Comptoir solidaire|Magasin coopératif|Boutique de créateurs',
		stems: 'Comptoir|Équitable|Échoppe|Marché',
		does: 'vendre des produits du commerce équitable et des créateurs locaux|faire connaître le commerce équitable Nord-Nord et Nord-Sud|tenir une boutique partagée par plusieurs artisans',
		services:
			'Coffrets cadeaux équitables pour vos salariés@u|Dépôt-vente de produits d’artisans@m|Stand sur vos marchés de Noël@j',
		gear: 'des présentoirs de boutique|une caisse enregistreuse|un stand de marché démontable',
		stock: 'des invendus de café et de thé équitables|des sacs kraft|du mobilier de magasin',
		skills: 'merchandising|vente en boutique|gestion de stock',
		tenders: 'fourniture de coffrets cadeaux|achats responsables de la collectivité',
	},
	reemploi: {
		kinds: 'Recyclerie|Ressourcerie|Repair Café|Atelier de réparation|Boutique du réemploi',
		stems: 'Récup|Répar|Seconde Vie|Réemploi|Bricole',
		does: 'collecter, trier et revendre à petit prix des objets dont d’autres n’ont plus besoin|réparer l’électroménager et les petits meubles avec leurs propriétaires|réduire les déchets de notre territoire',
		services:
			'Débarras et vide-maison@d|Réparation de petit électroménager@u|Collecte d’objets en fin d’événement@f',
		gear: 'un diable et des sangles de déménagement|un camion benne de 20 m³|une table de tri mobile|un poste de soudure',
		stock:
			'des meubles de bureau en bon état|des cartons de déménagement|des palettes en bois|des vélos à remettre en état',
		skills: 'réparation d’électroménager|relooking de meubles|tri et valorisation des objets',
		tenders:
			'collecte et réemploi des encombrants|gestion d’une ressourcerie en déchèterie|réemploi du mobilier administratif',
	},
	environnement: {
		kinds: 'Maison de l’environnement|Coopérative énergétique|Atelier climat|Collectif zéro déchet',
		stems: 'Énergie|Climat|Éco|Transition|Solaire',
		does: 'sensibiliser petits et grands à la transition écologique|produire une énergie renouvelable et citoyenne|accompagner les habitants vers le zéro déchet|préserver la biodiversité des terrils et des marais',
		services:
			'Fresque du climat pour vos équipes@f|Diagnostic énergie de vos locaux@d|Sortie nature commentée@p',
		gear: 'une caméra thermique|des kits de mesure de la qualité de l’air|une exposition sur le climat',
		stock: 'des composteurs individuels|des nichoirs à oiseaux|des panneaux pédagogiques',
		skills: 'bilan carbone|animation nature|économies d’énergie',
		tenders: 'animations de sensibilisation à l’environnement|accompagnement de la transition énergétique',
	},
	mobilite: {
		kinds: 'Atelier vélo solidaire|Garage solidaire|Vélo-école|Plateforme mobilité|Auto-école sociale',
		stems: 'Vélo|Roue Libre|Pédale|Mobil|Guidon',
		does: 'apprendre à réparer son vélo soi-même|proposer des solutions de mobilité aux personnes sans voiture|former à la conduite les personnes en insertion|louer des véhicules à prix solidaire',
		services:
			'Livraison en vélo-cargo@h|Révision de votre flotte de vélos@u|Location de voiture à prix solidaire@j',
		gear: 'une remorque vélo|un vélo-cargo électrique|un minibus de 9 places|un pied d’atelier et une caisse à outils vélo',
		stock: 'des vélos à remettre en état|des pièces détachées de vélo|des casques et gilets de sécurité',
		skills: 'mécanique vélo|conseil en mobilité|éco-conduite',
		tenders: 'transport à la demande|livraisons urbaines à vélo|location de vélos pour les agents',
	},
	habitat: {
		kinds:
			'Régie de quartier|Chantier d’insertion bâtiment|Atelier bâtisseur|Atelier d’auto-réhabilitation|Coopérative de rénovation',
		stems: 'Bâtir|Chantier|Truelle|Éco-Bât|Charpente',
		does: 'rénover des logements avec leurs habitants|former aux métiers du bâtiment|réemployer les matériaux de déconstruction|construire en paille et en terre crue',
		services:
			'Petits travaux de rénovation@j|Isolation en matériaux biosourcés@d|Peinture et remise en état de locaux@d',
		gear: 'un échafaudage roulant|une bétonnière|une remorque plateau|un lot d’outillage électroportatif',
		stock:
			'des matériaux de réemploi (portes, briques, carrelage)|des chutes de bois|des pots de peinture entamés',
		skills: 'plâtrerie et peinture|éco-construction|auto-réhabilitation accompagnée',
		tenders:
			'rénovation énergétique de logements sociaux|entretien des bâtiments communaux|second œuvre avec clause d’insertion',
	},
	culture: {
		kinds: 'Compagnie|Fabrique culturelle|Collectif d’artistes|Café-théâtre|Fanfare',
		stems: 'Scène|Tréteaux|Chapiteau|Coulisses|Rideau',
		does: 'créer des spectacles qui vont à la rencontre des habitants|faire vivre un tiers-lieu culturel|transmettre les arts de la rue et du cirque|faire revivre le patrimoine minier en récits',
		services:
			'Spectacle pour vos événements@f|Atelier théâtre d’entreprise@j|Sonorisation et régie de soirée@j',
		gear: 'une sonorisation complète|des projecteurs de scène|un chapiteau de 200 places|une scène démontable',
		stock: 'des costumes de scène|des décors à réutiliser|des affiches anciennes',
		skills: 'régie son et lumière|médiation culturelle|écriture de projets artistiques',
		tenders:
			'programmation culturelle estivale|animations des quartiers en été|médiation autour du patrimoine',
	},
	education: {
		kinds: 'Centre social|Maison des savoirs|Université populaire|Organisme de formation',
		stems: 'Savoirs|Ateliers|Apprendre|Boussole',
		does: 'proposer des ateliers d’éducation populaire ouverts à tous|former les bénévoles associatifs|accompagner les habitants dans leurs projets|lutter contre l’illettrisme',
		services:
			'Formation à l’animation de réunions participatives@j|Accompagnement de bénévoles@h|Ateliers français langue étrangère@h',
		gear: 'un vidéoprojecteur et son écran|un paperboard mobile|une salle de formation de 15 places',
		stock: 'des livres et manuels scolaires|des jeux de société|du matériel de bureau',
		skills: 'animation participative|formation de formateurs|éducation populaire',
		tenders: 'formations linguistiques|accompagnement à la parentalité|actions d’éducation populaire',
	},
	insertion: {
		kinds:
			'Chantier d’insertion|Entreprise d’insertion|Association intermédiaire|Régie de services|Entreprise adaptée',
		stems: 'Tremplin|Passerelle|Relais|Cap Emploi|Maillon',
		does: 'remettre le pied à l’étrier à des personnes éloignées de l’emploi|proposer des missions de travail accompagnées|former sur le terrain à un métier|lever les freins à l’emploi (mobilité, garde d’enfants, logement)',
		services: 'Mise à disposition de personnel@h|Nettoyage de locaux@d|Manutention et déménagement@j',
		gear: 'un véhicule utilitaire de 12 m³|une autolaveuse|des tenues de travail',
		stock:
			'des équipements de protection individuelle|des chaussures de sécurité|du petit matériel de nettoyage',
		skills: 'accompagnement socioprofessionnel|encadrement de chantier|recrutement inclusif',
		tenders:
			'prestations réservées aux structures d’insertion|nettoyage des bâtiments publics|entretien des berges',
	},
	social: {
		kinds: 'Maison de santé|Centre de soins|Accueil de jour|Épicerie sociale|Point écoute',
		stems: 'Soin|Écoute|Entraide|Solidaire',
		does: 'accueillir et accompagner les personnes en difficulté|faciliter l’accès aux soins des plus fragiles|rompre l’isolement|accompagner les personnes en situation de handicap',
		services:
			'Ateliers de prévention santé@f|Permanence d’écoute dans vos locaux@h|Formation aux premiers secours@p',
		gear: 'un fauteuil roulant|un lit médicalisé|une salle d’accueil confidentielle',
		stock: 'des produits d’hygiène|des vêtements chauds pour l’hiver|des kits de premiers secours',
		skills: 'écoute active|médiation sociale|prévention santé',
		tenders: 'accompagnement des bénéficiaires du RSA|médiation santé dans les quartiers',
	},
	enfance: {
		kinds:
			'Crèche parentale|Maison des familles|Ludothèque|Accueil de loisirs|Lieu d’accueil enfants-parents',
		stems: 'Petits Pas|Ribambelle|Marelle|Pirouette|Galipette',
		does: 'accueillir les tout-petits avec leurs parents|proposer des loisirs aux enfants du quartier|soutenir les parents dans leur rôle|prêter des jeux aux familles',
		services: 'Animation jeux pour vos fêtes@f|Garde d’enfants pendant vos réunions@h|Séjours de vacances@p',
		gear: 'une structure gonflable|des jeux en bois géants|des poussettes doubles|du mobilier pour tout-petits',
		stock: 'des jeux et jouets|des livres pour enfants|des vêtements de bébé',
		skills: 'animation jeunesse|accompagnement à la parentalité|pédagogie active',
		tenders: 'accueils de loisirs du mercredi|activités périscolaires|séjours de vacances',
	},
	aines: {
		kinds: 'Maison des aidants|Service d’aide à domicile|Habitat partagé seniors|Club des aînés',
		stems: 'Âge d’Or|Lien|Sérénité|Aidants',
		does: 'aider les personnes âgées à rester chez elles|soulager les aidants familiaux|créer du lien entre générations|lutter contre l’isolement des aînés',
		services: 'Aide à domicile@h|Ateliers mémoire@f|Visites de convivialité@h',
		gear: 'un minibus adapté aux fauteuils|des tablettes simplifiées|du matériel de gymnastique douce',
		stock: 'des déambulateurs|des livres en gros caractères|des jeux de mémoire',
		skills: 'accompagnement des aidants|animation en EHPAD|prévention des chutes',
		tenders: 'portage de repas|aide à domicile|animations en résidence autonomie',
	},
	sport: {
		kinds: 'Club omnisports|Association sportive|Base nautique|Club de randonnée',
		stems: 'Sport|Élan|Foulée|Rando',
		does: 'rendre le sport accessible à tous les publics|faire découvrir le littoral et les chemins de randonnée|proposer du sport adapté|organiser des tournois solidaires',
		services: 'Séance de sport en entreprise@h|Encadrement de randonnées@j|Location de kayaks@j',
		gear: 'un lot de kayaks|des tables de ping-pong|des tapis de gymnastique|un barnum de 6 m',
		stock: 'des maillots de sport|des ballons|des chaussures de sport',
		skills: 'sport adapté|encadrement sportif|organisation de tournois',
		tenders: 'animations sportives estivales|activités sportives périscolaires',
	},
	tourisme: {
		kinds: 'Gîte solidaire|Auberge de jeunesse|Camping associatif|Office de tourisme solidaire',
		stems: 'Escale|Halte|Gîte|Balade',
		does: 'accueillir les voyageurs dans un hébergement solidaire|faire découvrir les richesses du territoire autrement|organiser des séjours pour les familles qui partent peu',
		services: 'Hébergement de groupes@p|Séminaire au vert@j|Visite guidée du bassin minier@p',
		gear: 'un dortoir de 20 lits|une salle de séminaire|des vélos de randonnée',
		stock: 'des guides touristiques|du linge de lit|des cartes de randonnée',
		skills: 'accueil touristique|organisation de séjours|valorisation du patrimoine',
		tenders: 'séjours de vacances pour les familles|accueil de groupes scolaires',
	},
	numerique: {
		kinds: 'Espace public numérique|Atelier informatique solidaire|Coopérative numérique|Fab lab',
		stems: 'Numérik|Octet|Clic|Pixel|Libre',
		does: 'réduire la fracture numérique|reconditionner des ordinateurs pour les familles|accompagner les associations vers les logiciels libres|faire découvrir la fabrication numérique',
		services:
			'Création de site web associatif@d|Maintenance informatique@h|Ateliers de médiation numérique@h',
		gear: 'une imprimante 3D|une découpeuse laser|des ordinateurs portables pour une formation',
		stock: 'des ordinateurs à reconditionner|des câbles et écrans|des smartphones d’occasion',
		skills: 'logiciels libres|médiation numérique|administration de réseaux',
		tenders: 'inclusion numérique|reconditionnement du parc informatique',
	},
	communication: {
		kinds:
			'Studio graphique|Agence de communication solidaire|Imprimerie coopérative|Radio associative|Journal de quartier',
		stems: 'Encre|Studio|Plume|Antenne|Imprim',
		does: 'raconter les initiatives du territoire|aider les associations à se faire connaître|imprimer localement sur papier recyclé|faire entendre la voix des habitants sur les ondes',
		services:
			'Création de logo et charte graphique@d|Impression de flyers sur papier recyclé@u|Reportage photo de votre événement@f',
		gear: 'un appareil photo reflex|un studio d’enregistrement|une imprimante grand format',
		stock: 'des rouleaux de papier recyclé|des kakemonos à réutiliser|des enveloppes',
		skills: 'graphisme|rédaction web|prise de son',
		tenders: 'communication institutionnelle|impression de documents municipaux',
	},
	gestion: {
		kinds: 'Groupement d’employeurs|Cabinet conseil ESS|Service comptable mutualisé|Pôle ressources',
		stems: 'Compta|Conseil|Gestion|Bilan',
		does: 'tenir la comptabilité des petites associations|partager des salariés entre plusieurs structures|conseiller les structures dans leur gestion|accompagner les dirigeants bénévoles',
		services: 'Tenue de comptabilité associative@m|Paie et déclarations sociales@m|Diagnostic financier@f',
		gear: 'un bureau partagé|un logiciel de paie|une salle de réunion de 12 places',
		stock: 'du mobilier de bureau|des classeurs et fournitures|un photocopieur',
		skills: 'comptabilité associative|gestion de la paie|montage de dossiers de subvention',
		tenders: 'accompagnement des associations du territoire|dispositif local d’accompagnement',
	},
	finance: {
		kinds: 'Club d’investisseurs solidaires|Fonds territorial|Mutuelle de proximité|Cigales',
		stems: 'Épargne|Cigale|Fonds|Mutuel',
		does: 'financer les projets de l’économie solidaire|mobiliser l’épargne des habitants pour l’emploi local|garantir les prêts des petites entreprises',
		services:
			'Accompagnement au financement participatif@f|Prêt d’honneur@d|Formation à la gestion budgétaire@j',
		gear: 'une salle de réunion|un outil de simulation financière',
		stock: 'des guides du financement solidaire|des plaquettes d’information',
		skills: 'plan de financement|finance solidaire|assurance des associations',
		tenders: 'fonds d’amorçage des projets locaux',
	},
	textile: {
		kinds: 'Atelier couture|Recyclerie textile|Atelier d’artisans|Tricothèque',
		stems: 'Fil|Bobine|Aiguille|Tissage|Dentelle',
		does: 'donner une seconde vie aux vêtements|transmettre les savoir-faire de la couture et de la dentelle|fabriquer des accessoires à partir de textiles récupérés|former aux métiers de la confection',
		services:
			'Retouches et réparations de vêtements@u|Confection de sacs personnalisés@u|Atelier couture pour débutants@p',
		gear: 'des machines à coudre|une surjeteuse|une presse à chaud',
		stock: 'des chutes de tissu|des vêtements triés|des bobines de fil|des boutons et mercerie',
		skills: 'couture|upcycling textile|patronage',
		tenders: 'collecte et tri des textiles|confection de tenues de travail',
	},
	accompagnement: {
		kinds:
			'Couveuse d’entreprises|Coopérative d’activité et d’emploi|Incubateur ESS|Pépinière solidaire|Boutique de gestion',
		stems: 'Envol|Élan|Cap|Essor|Germoir',
		does: 'accompagner les porteurs de projets de l’ESS|tester une activité en toute sécurité|héberger les jeunes entreprises du territoire|outiller les collectifs qui se lancent',
		services:
			'Accompagnement à la création d’activité@h|Étude de faisabilité@d|Formation « entreprendre en coopérative »@j',
		gear: 'des bureaux pour jeunes entreprises|une salle de coworking|un espace de test commercial',
		stock: 'des guides pratiques de la création|du mobilier de coworking',
		skills: 'étude de marché|modèle économique|gouvernance coopérative',
		tenders: 'accompagnement à la création d’entreprise|animation d’un incubateur territorial',
	},
};

export const SECTOR_WORDS = Object.fromEntries(
	Object.entries(RAW).map(([id, raw]) => [
		id,
		Object.fromEntries(
			Object.entries(raw).map(([field, words]) => [field, list(words)]),
		) as unknown as SectorWords,
	]),
) as Record<SectorId, SectorWords>;

/** "Traiteur pour vos événements@p" → its name and its price unit. */
export function splitService(service: string): { name: string; unit: string } {
	const at = service.lastIndexOf('@');
	return at < 0 ? { name: service, unit: 'd' } : { name: service.slice(0, at), unit: service.slice(at + 1) };
}
