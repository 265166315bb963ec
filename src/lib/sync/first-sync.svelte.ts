/// <reference types="svelte" />
// The device's first pull, as the progress bar shows it: records received out of the records the
// server will send (its per-viewer `doc_count`), bytes received, and an estimate of the time left.
// Also the "tables ready" flag pages wait on before saying that nothing matches.
import { syncStatus } from './status.svelte';

class FirstSync {
	/** True while a device that never synced pulls for the first time. */
	active = $state(false);
	/** Records received so far (the pull's `docs_read`). */
	done = $state(0);
	/** Records the server holds for this viewer; null until its info answers. */
	total = $state<number | null>(null);
	/** Bytes of the server's answers received so far. */
	bytes = $state(0);
	/** The query tables hold what the device synced (false before its first sync has been indexed). */
	tablesReady = $state(syncStatus.lastSync !== null);
	/** Called once the first pull has caught up (app.ts waits for the tables, then marks them ready). */
	onFinished: () => void = () => this.markTablesReady();
	#firstAt = 0;
	#firstDone = 0;

	/** A pull starts: it is the first one if this device never completed a sync. */
	begin(): void {
		if (syncStatus.lastSync !== null) return;
		this.active = true;
		this.done = 0;
		this.bytes = 0;
		this.#firstAt = 0;
	}

	progress(docsRead: number, now = Date.now()): void {
		if (!this.active) return;
		if (this.#firstAt === 0) {
			this.#firstAt = now;
			this.#firstDone = docsRead;
		}
		this.done = docsRead;
	}

	serverTotal(docCount: number): void {
		if (Number.isFinite(docCount)) this.total = docCount;
	}

	received(bytes: number): void {
		if (this.active) this.bytes += bytes;
	}

	finish(): void {
		if (!this.active) return;
		this.active = false;
		this.onFinished();
	}

	markTablesReady(): void {
		this.tablesReady = true;
	}

	/** The device's data was wiped (another account): the tables wait for the next first sync. */
	reset(): void {
		this.active = false;
		this.tablesReady = false;
		this.total = null;
	}

	/** Seconds left at the rate since the first batch arrived; null while it cannot be told. */
	secondsLeft(now = Date.now()): number | null {
		if (!this.active || this.total === null || this.#firstAt === 0) return null;
		const elapsed = (now - this.#firstAt) / 1000;
		const moved = this.done - this.#firstDone;
		if (elapsed <= 0 || moved <= 0) return null;
		return Math.max(0, (this.total - this.done) / (moved / elapsed));
	}

	/** Share done, 0 to 1; null while the total is unknown. */
	get ratio(): number | null {
		if (this.total === null || this.total === 0) return null;
		return Math.min(1, this.done / this.total);
	}
}

export const firstSync = new FirstSync();

type Fetch = (url: string | Request, init?: RequestInit) => Promise<Response>;

/** Counts the bytes of the answers while the first pull runs (the bodies as received, decoded). */
export function countingFetch(base: Fetch): Fetch {
	return async (url, init) => {
		const response = await base(url, init);
		if (!firstSync.active || !response.body) return response;
		const counter = new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				firstSync.received(chunk.byteLength);
				controller.enqueue(chunk);
			},
		});
		return new Response(response.body.pipeThrough(counter), {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers,
		});
	};
}
