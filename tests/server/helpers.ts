// A real server on an ephemeral port with in-memory stores, a small network written straight to
// the store (two member structures, one lapsed, a members-only one) and its accounts, plus real
// PouchDB clients to replicate against it.
import { randomUUID } from 'node:crypto';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-node';
import { createApp, type RunningServer, startServer } from '../../server/app';
import { type Auth, createAccount, createAuth } from '../../server/auth';
import { createLog } from '../../server/log';
import { openStores, type Stores } from '../../server/store';
import type { Contact, Doc, ElbEvent, Listing, Membership, Person, Structure } from '../../src/lib/domain';

export const Client = PouchDB.plugin(memoryAdapter);
export const PASSWORD = 'mot-de-passe-solide';

export interface Who {
	email: string;
	name: string;
	structureId?: string;
	staff?: boolean;
}

/** The people of the fixture: one per role. */
export const PEOPLE = {
	animator: { email: 'anne@apes.test', name: 'Anne', staff: true },
	lea: { email: 'lea@la-pioche.test', name: 'Léa', structureId: 'structure:la-pioche' },
	marc: { email: 'marc@le-relais.test', name: 'Marc', structureId: 'structure:le-relais' },
	nina: { email: 'nina@les-jardins.test', name: 'Nina', structureId: 'structure:les-jardins' },
} satisfies Record<string, Who>;

const at = '2026-11-01T10:00:00.000Z';
const base = (id: string, owner: string, audience: Doc['audience']) => ({
	_id: id,
	schema: 1 as const,
	owner,
	audience,
	createdAt: at,
	updatedAt: at,
});

export function structure(key: string, name: string, over: Partial<Structure> = {}): Structure {
	return {
		...base(`structure:${key}`, `structure:${key}`, 'public'),
		type: 'structure',
		name,
		legalForm: 'association',
		sectors: ['reemploi'],
		pitch: `${name}, structure du réseau`,
		description: '',
		missions: '',
		offers: '',
		needs: '',
		address: '12 rue des Postes',
		commune: '59350',
		employees: '2-10',
		...over,
	};
}

export function membership(key: string, status: Membership['status']): Membership {
	return {
		...base(`membership:${key}`, 'network', 'public'),
		type: 'membership',
		structure: `structure:${key}`,
		status,
	};
}

export function listing(key: string, owner: string, over: Partial<Listing> = {}): Listing {
	return {
		...base(`listing:${key}`, owner, 'public'),
		type: 'listing',
		kind: 'offer',
		nature: 'loan',
		sector: 'mobilite',
		title: 'Prêt d’une remorque vélo',
		text: 'Pour vos livraisons en ville.',
		commune: '62041',
		validFrom: '2026-11-01',
		validUntil: '2027-02-01',
		status: 'open',
		...over,
	};
}

export function person(key: string, owner: string): Person {
	return {
		...base(`person:${key}`, owner, 'public'),
		type: 'person',
		structure: owner,
		name: 'Léa Martin',
		role: 'Coordinatrice',
	};
}

export function contact(key: string, owner: string): Contact {
	return {
		...base(`contact:${key}`, owner, 'members'),
		type: 'contact',
		person: `person:${key}`,
		email: 'lea@la-pioche.test',
		phone: '03 20 00 00 00',
	};
}

function event(key: string): ElbEvent {
	return {
		...base(`event:${key}`, 'network', 'public'),
		type: 'event',
		kind: 'apero',
		title: 'Apéro itinérant à Lille',
		description: '',
		start: '2026-12-03T18:00:00.000Z',
		end: '2026-12-03T20:00:00.000Z',
		address: '12 rue des Postes',
		commune: '59350',
	};
}

/** The fixture network, by what each document shows about reading rights. */
export const FIXTURE = {
	public: [
		structure('la-pioche', 'La Pioche'),
		structure('le-relais', 'Le Relais'),
		structure('les-jardins', 'Les Jardins'),
		membership('la-pioche', 'active'),
		membership('le-relais', 'active'),
		membership('les-jardins', 'lapsed'),
		person('lea', 'structure:la-pioche'),
		listing('pioche-velo', 'structure:la-pioche'),
		listing('relais-local', 'structure:le-relais', { title: 'Local à partager', nature: 'pooling' }),
		listing('jardins-graines', 'structure:les-jardins', { title: 'Troc de graines', nature: 'barter' }),
		event('apero-lille'),
	],
	membersOnly: [
		structure('atelier-discret', 'L’Atelier discret', { audience: 'members' }),
		contact('lea', 'structure:la-pioche'),
		listing('pioche-membres', 'structure:la-pioche', { audience: 'members', title: 'Outils pour adhérents' }),
	],
	/** Readable by Le Relais (and staff) only. */
	relaisOnly: [
		listing('relais-brouillon', 'structure:le-relais', { audience: 'owner', title: 'Brouillon interne' }),
	],
} satisfies Record<string, Doc[]>;

export const ALL_FIXTURE_DOCS: Doc[] = [...FIXTURE.public, ...FIXTURE.membersOnly, ...FIXTURE.relaisOnly];
export const ids = (docs: { _id: string }[]) => docs.map((d) => d._id).sort();

export interface TestServer extends RunningServer {
	stores: Stores;
	auth: Auth;
	/** The replication endpoint of the shared database. */
	dbUrl: string;
	app: ReturnType<typeof createApp>;
}

/** A server on 127.0.0.1 with memory stores, the fixture documents and (unless told not to) one account per person. */
export async function startTestServer(
	opts: { docs?: Doc[]; people?: boolean; staticDir?: string } = {},
): Promise<TestServer> {
	const stores = openStores({ memory: true });
	await stores.db.bulkDocs(opts.docs ?? ALL_FIXTURE_DOCS);
	if (opts.people ?? true)
		for (const who of Object.values(PEOPLE) as Who[])
			await createAccount(stores.accounts, { ...who, password: PASSWORD });
	const auth = createAuth({ accounts: stores.accounts, db: stores.db });
	const app = createApp({ stores, auth, log: createLog('warn'), staticDir: opts.staticDir });
	const running = await startServer(app, 0, '127.0.0.1');
	return {
		...running,
		stores,
		auth,
		dbUrl: `${running.url}/db/elbasar`,
		app,
		close: async () => {
			await running.close();
			auth.close();
			await stores.close();
		},
	};
}

/** The server database as PouchDB sees it, as a visitor or signed in with HTTP Basic. */
export function remote(server: TestServer, who?: Who): PouchDB.Database {
	return new Client(server.dbUrl, who ? { auth: { username: who.email, password: PASSWORD } } : {});
}

/** A device's replica. */
export function device(): PouchDB.Database {
	return new Client(`device-${randomUUID()}`, { adapter: 'memory' });
}

export function basicHeader(who: Who): string {
	return `Basic ${Buffer.from(`${who.email}:${PASSWORD}`).toString('base64')}`;
}

/** A raw HTTP call, for what PouchDB would never send. */
export async function call(server: TestServer, path: string, init: RequestInit & { as?: Who } = {}) {
	const headers = new Headers(init.headers);
	if (init.as) headers.set('authorization', basicHeader(init.as));
	const res = await fetch(server.url + path, { ...init, headers });
	const text = await res.text();
	let body: unknown = null;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		body = text;
	}
	return { res, status: res.status, body: body as Record<string, unknown> & unknown[] };
}

export const postJson = (body: unknown, as?: Who): RequestInit & { as?: Who } => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body),
	as,
});

/** Ids of the live documents a replica holds. */
export async function localIds(db: PouchDB.Database): Promise<string[]> {
	const all = await db.allDocs();
	return all.rows.map((r) => r.id).sort();
}
