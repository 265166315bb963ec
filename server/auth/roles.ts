// Derives an account's role from its staff flag and its structure's membership document,
// keeping membership statuses in memory until the changes feed says one moved.
/// <reference types="pouchdb-core" />
import type { Role, Viewer } from '../../src/lib/domain';
import type { Account } from './accounts';

const MEMBERSHIP_PREFIX = 'membership:';
const STRUCTURE_PREFIX = 'structure:';

export class RoleResolver {
	#db: PouchDB.Database;
	#active = new Map<string, Promise<boolean>>();
	#feed: PouchDB.Core.Changes<object>;

	constructor(db: PouchDB.Database) {
		this.#db = db;
		this.#feed = db.changes({ live: true, since: 'now' });
		this.#feed.on('change', (change) => {
			if (change.id.startsWith(MEMBERSHIP_PREFIX)) this.#active.delete(change.id);
		});
		// A broken feed (database closed, CouchDB away) must not leave stale roles behind.
		this.#feed.on('error', () => this.#active.clear());
	}

	async roleOf(account: Account): Promise<Role> {
		if (account.staff) return 'animator';
		if (!account.structureId?.startsWith(STRUCTURE_PREFIX)) return 'non-member';
		const id = MEMBERSHIP_PREFIX + account.structureId.slice(STRUCTURE_PREFIX.length);
		let active = this.#active.get(id);
		if (!active) {
			active = this.#isActive(id);
			this.#active.set(id, active);
			active.catch(() => this.#active.delete(id));
		}
		return (await active) ? 'member' : 'non-member';
	}

	close(): void {
		this.#feed.cancel();
		this.#active.clear();
	}

	async #isActive(id: string): Promise<boolean> {
		try {
			const doc = (await this.#db.get(id)) as { status?: string };
			return doc.status === 'active';
		} catch (err) {
			if ((err as { status?: number }).status === 404) return false;
			throw err;
		}
	}
}

/**
 * The viewer an account reads as today, for work outside a request (a digest, a calendar token):
 * staff, or a member while its structure's membership is active. One read, no cache.
 */
export async function viewerOfAccount(
	db: PouchDB.Database,
	account: Pick<Account, '_id' | 'staff' | 'structureId'>,
): Promise<Viewer> {
	const accountId = account._id;
	if (account.staff) return { role: 'animator', accountId, structureId: account.structureId };
	if (!account.structureId?.startsWith(STRUCTURE_PREFIX)) return { role: 'non-member', accountId };
	const id = MEMBERSHIP_PREFIX + account.structureId.slice(STRUCTURE_PREFIX.length);
	const membership = (await db.get(id).catch(() => null)) as { status?: string } | null;
	const role = membership?.status === 'active' ? 'member' : 'non-member';
	return { role, accountId, structureId: account.structureId };
}
