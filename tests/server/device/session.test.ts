// The session on the device, against the real server: signing in and out, the roles it derives,
// the account remembered for offline starts, and a sign-out made offline closed later.
import '../../device-globals';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Session, type SessionUser } from '../../../src/lib/session.svelte';
import { PASSWORD, PEOPLE, startTestServer, type TestServer } from '../helpers';

/** The browser's localStorage, for Node: a plain in-memory Storage. */
class MemoryStorage {
	#items = new Map<string, string>();
	getItem = (key: string) => this.#items.get(key) ?? null;
	setItem = (key: string, value: string) => void this.#items.set(key, String(value));
	removeItem = (key: string) => void this.#items.delete(key);
	clear = () => this.#items.clear();
}

let server: TestServer;
const unreachable = 'http://127.0.0.1:9/api/session';

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});
beforeEach(() => {
	(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

// Over real HTTP (password hashing included): the server tests' budget, not a pure unit test's 5 s.
describe('the session', { timeout: 30_000 }, () => {
	test('a wrong password is refused with the server’s French reason', async () => {
		const session = new Session(`${server.url}/api/session`);
		const error = await session.signIn(PEOPLE.lea.email, 'pas-le-bon').catch((e) => e);
		expect(error.message).toBe('E-mail ou mot de passe incorrect.');
		expect(session.user).toBeNull();
		expect(session.viewer.role).toBe('visitor');
	});

	test('signing in gives the member’s viewer, tells the listeners and is remembered for offline starts', async () => {
		const session = new Session(`${server.url}/api/session`);
		const changes: [SessionUser | null, SessionUser | null][] = [];
		session.onChange((before, after) => void changes.push([before, after]));
		await session.signIn(PEOPLE.lea.email, PASSWORD);
		expect(session.viewer).toEqual({
			role: 'member',
			accountId: `account:${PEOPLE.lea.email}`,
			structureId: 'structure:la-pioche',
		});
		expect(changes).toEqual([[null, session.user]]);

		const offline = new Session(unreachable);
		expect(await offline.start()).toBe(false);
		expect(offline.ready).toBe(true);
		expect(offline.user?.email).toBe(PEOPLE.lea.email);
		expect(offline.viewer.role).toBe('member');
	});

	test('a connection failure says so in French', async () => {
		const session = new Session(unreachable);
		const error = await session.signIn(PEOPLE.lea.email, PASSWORD).catch((e) => e);
		expect(error.message).toMatch(/Connexion au serveur impossible/);
	});

	test('signing out offline forgets the account at once, and closes the server session later', async () => {
		const online = new Session(`${server.url}/api/session`);
		await online.signIn(PEOPLE.lea.email, PASSWORD);

		const offline = new Session(unreachable);
		await offline.start();
		const changes: (SessionUser | null)[] = [];
		offline.onChange((_, after) => void changes.push(after));
		await offline.signOut();
		expect(offline.user).toBeNull();
		expect(changes).toEqual([null]);
		expect(offline.signOutPending).toBe(true);
		// Nothing may sync with the old cookie until the server knows.
		expect(await offline.refresh()).toBe(false);

		const back = new Session(`${server.url}/api/session`);
		expect(await back.start()).toBe(true);
		expect(back.signOutPending).toBe(false);
		expect(back.user).toBeNull();
	});
});
