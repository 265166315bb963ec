// What this device wrote, so that replication pushes only that (not the 60,000 documents it
// pulled): the ids it wrote, the revisions the server has not confirmed, the ones it refused,
// and the local sequence up to which everything is pushed (where the next push may start).
// Kept in a `_local` document of the replica: it never replicates and dies with the replica.
import type { RefusedDoc } from './status.svelte';

export const OUTBOX_ID = '_local/elbasar-outbox';

interface OutboxDoc {
	_id: string;
	_rev?: string;
	written: string[];
	pending: Record<string, string>;
	refused: Record<string, string>;
	/** The same, as earlier versions saved it. */
	denied?: Record<string, string>;
	pushedThrough?: number | string;
}

/** The parts of PouchDB the outbox uses (the replica, and the server for a final check). */
export interface OutboxReplica {
	get(id: string): Promise<unknown>;
	put(doc: object): Promise<{ rev: string }>;
	info(): Promise<{ update_seq: number | string }>;
}
export interface OutboxServer {
	revsDiff(diff: Record<string, string[]>): Promise<Record<string, { missing?: string[] }>>;
}

export class Outbox {
	#written = new Set<string>();
	#pending = new Map<string, string>();
	#refused = new Map<string, string>();
	#pushedThrough: number | string | undefined;
	#inFlight = 0;
	#generation = 0;
	#replica: OutboxReplica | null = null;
	#rev: string | undefined;
	#saving: Promise<void> = Promise.resolve();
	onChange: () => void = () => {};

	/** Reads the outbox kept in `replica` (a new replica starts with an empty one). */
	async load(replica: OutboxReplica): Promise<void> {
		await this.#saving;
		this.#replica = replica;
		const doc = (await replica.get(OUTBOX_ID).catch(() => null)) as OutboxDoc | null;
		this.#rev = doc?._rev;
		this.#written = new Set(doc?.written ?? []);
		this.#pending = new Map(Object.entries(doc?.pending ?? {}));
		// Saved as `denied` before the word was `refused`: a device keeps what it had.
		this.#refused = new Map(Object.entries(doc?.refused ?? doc?.denied ?? {}));
		this.#pushedThrough = doc?.pushedThrough;
		this.onChange();
	}

	/** Before a local write: the push filter must know the id before the change reaches it. */
	willWrite(id: string): void {
		this.#written.add(id);
		this.#inFlight++;
		this.#generation++;
	}

	wrote(id: string, rev: string): void {
		this.#inFlight--;
		this.#pending.set(id, rev);
		this.#refused.delete(id);
		this.#changed();
	}

	writeFailed(): void {
		this.#inFlight--;
	}

	/** The push filter: only documents written on this device. */
	has(id: string): boolean {
		return this.#written.has(id);
	}

	pushed(docs: { _id: string; _rev?: string }[]): void {
		let changed = false;
		for (const doc of docs) {
			if (this.#pending.get(doc._id) === doc._rev) changed = this.#pending.delete(doc._id) || changed;
			changed = this.#refused.delete(doc._id) || changed;
		}
		if (changed) this.#changed();
	}

	markRefused(id: string, reason: string): void {
		this.#pending.delete(id);
		this.#refused.set(id, reason);
		this.#changed();
	}

	/** The user gives up on a refused change: stop reporting it. */
	forget(id: string): void {
		if (this.#refused.delete(id)) this.#changed();
	}

	/**
	 * Replication caught up. Revisions the server already had never show up as pushed: ask it.
	 * Then, if nothing is pending or being written, the next push may start from here.
	 */
	async settle(server: OutboxServer): Promise<void> {
		const generation = this.#generation;
		if (this.#pending.size > 0) {
			const asked = new Map(this.#pending);
			const diff = await server.revsDiff(Object.fromEntries([...asked].map(([id, rev]) => [id, [rev]])));
			for (const [id, rev] of asked) {
				if (!diff[id]?.missing?.includes(rev) && this.#pending.get(id) === rev) this.#pending.delete(id);
			}
			this.#changed();
		}
		if (!this.#replica || this.#inFlight > 0 || this.#pending.size > 0) return;
		const { update_seq } = await this.#replica.info();
		if (generation !== this.#generation || this.#inFlight > 0 || this.#pending.size > 0) return;
		if (update_seq === this.#pushedThrough) return;
		this.#pushedThrough = update_seq;
		this.#changed();
	}

	/** Local sequence before which every local write is on the server (undefined: from the start). */
	get pushedThrough(): number | string | undefined {
		return this.#pushedThrough;
	}

	/** Whether this document's last local revision still waits for the server. */
	isPending(id: string): boolean {
		return this.#pending.has(id);
	}

	get pendingCount(): number {
		return this.#pending.size;
	}

	get refused(): RefusedDoc[] {
		return [...this.#refused].map(([id, reason]) => ({ id, reason }));
	}

	/** Resolves once every change so far is saved in the replica. */
	flush(): Promise<void> {
		return this.#saving;
	}

	#changed(): void {
		this.onChange();
		this.#saving = this.#saving.then(() => this.#save()).catch((err) => console.error('outbox', err));
	}

	async #save(): Promise<void> {
		if (!this.#replica) return;
		const doc: OutboxDoc = {
			_id: OUTBOX_ID,
			...(this.#rev ? { _rev: this.#rev } : {}),
			written: [...this.#written],
			pending: Object.fromEntries(this.#pending),
			refused: Object.fromEntries(this.#refused),
			...(this.#pushedThrough !== undefined ? { pushedThrough: this.#pushedThrough } : {}),
		};
		try {
			this.#rev = (await this.#replica.put(doc)).rev;
		} catch (err) {
			// Another tab saved it meanwhile: keep its ids too, and write over its revision.
			if ((err as { status?: number }).status !== 409) throw err;
			const theirs = (await this.#replica.get(OUTBOX_ID)) as OutboxDoc;
			for (const id of theirs.written) this.#written.add(id);
			this.#rev = (await this.#replica.put({ ...doc, _rev: theirs._rev, written: [...this.#written] })).rev;
		}
	}
}

export const outbox = new Outbox();
