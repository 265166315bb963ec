// A believable, deterministic demo network: structures of Nord and Pas-de-Calais with their people,
// listings and events, plus the demo accounts. Same options (seed and `now`) → the same documents.
import type { Doc } from '../../src/lib/domain';
import { attendance, conversations, proposals } from './activity';
import { generateEvents, showcaseApero } from './events';
import { generateListings } from './listings';
import { addPhotos } from './photos';
import { Random } from './random';
import { showcase } from './showcase';
import { showcaseSpeedDating } from './speed-dating';
import { NameBook } from './structure-names';
import { type DemoStructure, generateStructure } from './structures';

export interface DemoAccount {
	email: string;
	password: string;
	name: string;
	label: string;
	structureId?: string;
	staff?: boolean;
}

export interface DemoOptions {
	structures?: number;
	listings?: number;
	events?: number;
	/** Generated photos on about a third of the listings (off at region scale: megabytes for nothing). */
	photos?: boolean;
	seed?: number;
	now?: Date;
}

/** The size of the whole region (PRODUCT.md), for benchmarks. */
export const REGION_SCALE = { structures: 10_000, listings: 50_000, events: 300, photos: false };
export const DEMO_SCALE = { structures: 150, listings: 400, events: 20 };
export const DEMO_SEED = 59_62;

/** Labels shown next to the demo accounts, in the showcase's order. */
const ACCOUNT_LABELS = [
	{ password: 'membre-demo', label: 'Adhérente · La Pioche (Lille)' },
	{ password: 'membre-demo', label: 'Adhérente · Les Paniers de la Mer (Boulogne-sur-Mer)' },
	{
		password: 'structure-demo',
		label: "Structure non adhérente · L'Atelier du Ternois (Saint-Pol-sur-Ternoise)",
	},
];

const STAFF: DemoAccount = {
	email: 'animatrice@elbasar.example.org',
	password: 'animatrice-demo',
	name: 'Camille Dufour',
	label: 'Animatrice du réseau',
	staff: true,
};

export function generateDemo(opts: DemoOptions = {}): { docs: Doc[]; accounts: DemoAccount[] } {
	const now = opts.now ?? new Date();
	const seed = opts.seed ?? DEMO_SEED;
	const names = new NameBook();

	const fixed = showcase(new Random(seed, 0), names, now);
	const structures: DemoStructure[] = [...fixed.structures];
	const random = new Random(seed, 1);
	const total = Math.max(opts.structures ?? DEMO_SCALE.structures, fixed.structures.length);
	for (let i = structures.length; i < total; i++) structures.push(generateStructure(random, names, i, now));

	const more = Math.max(0, (opts.listings ?? DEMO_SCALE.listings) - fixed.listings.length);
	const drafted = [...fixed.listings, ...generateListings(new Random(seed, 2), structures, more, now)];
	const listings =
		opts.photos === false ? drafted : addPhotos(new Random(seed, 5), drafted, fixed.listings.length);
	// La Pioche's apéro is one of the requested events, so the counts stay those asked for.
	const count = opts.events ?? DEMO_SCALE.events;
	const apero = showcaseApero(new Random(seed, 4), fixed.structures[0], now);
	// So is the speed-dating running today (with its check-ins), when the demo asks for two events or more.
	const speedDating = count > 1 ? showcaseSpeedDating(structures, now) : null;
	const fixedEvents = speedDating ? [apero, speedDating.event] : [apero];
	const generated = generateEvents(new Random(seed, 3), structures, count - fixedEvents.length, now);
	const events = count > 0 ? [...fixedEvents, ...generated] : [];

	// The demo accounts' own screens stay as the README and the browser tests tell them: the activity
	// below happens between the other structures of the network.
	const showcased = new Set(fixed.structures.map((s) => s.doc._id));
	const members = structures.filter((s) => s.status === 'active' && !showcased.has(s.doc._id));
	const theirs = generated.filter((e) => e.host && !showcased.has(e.host));
	const life = new Random(seed, 6);
	const docs: Doc[] = [
		...structures.flatMap((s) => [s.doc, ...s.related]),
		...listings,
		...events,
		...(speedDating?.checkins ?? []),
		...attendance(life, theirs, members, now),
		...proposals(life, theirs, members, now),
		...conversations(life, listings, structures, now, showcased),
	];
	const accounts: DemoAccount[] = [STAFF, ...fixed.accounts.map((a, i) => ({ ...a, ...ACCOUNT_LABELS[i] }))];
	return { docs, accounts };
}
