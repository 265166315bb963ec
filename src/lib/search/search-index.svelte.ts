// The page's side of the search worker: started on first use, asked for searches and map points,
// and telling (as runes) whether the index is ready and when it changed, so results follow the data.
import type { SearchResponse } from '../domain/search';
import { m } from '../i18n';
import type { Answer, Ask, CommunePoint, WorkerRequest } from './protocol';

type Waiting = { resolve(answer: Answer): void; reject(err: Error): void };
type AskBody = Ask extends infer A ? (A extends Ask ? Omit<A, 'id'> : never) : never;

class SearchIndex {
	ready = $state(false);
	size = $state(0);
	/** Bumped each time the index takes in changes: searches shown should be asked again. */
	version = $state(0);
	/** How long the first build took on this device, in milliseconds. */
	buildMs: number | null = $state(null);
	#worker: Worker | null = null;
	#waiting = new Map<number, Waiting>();
	#next = 1;

	/** Starts the worker (it builds the index from the device's tables); idempotent. */
	start(): void {
		if (this.#worker) return;
		this.#worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
		this.#worker.onmessage = (event: MessageEvent<Answer>) => this.#receive(event.data);
		this.#worker.onerror = (event) => {
			for (const waiting of this.#waiting.values()) waiting.reject(new Error(event.message));
			this.#waiting.clear();
		};
	}

	async search(request: WorkerRequest): Promise<SearchResponse> {
		const answer = await this.#ask({ kind: 'search', request });
		if (answer.kind !== 'search') throw new Error(m.search_engine_unexpected());
		return answer.response;
	}

	async points(request: WorkerRequest): Promise<{ points: CommunePoint[]; total: number }> {
		const answer = await this.#ask({ kind: 'points', request });
		if (answer.kind !== 'points') throw new Error(m.search_engine_unexpected());
		return { points: answer.points, total: answer.total };
	}

	#ask(body: AskBody): Promise<Answer> {
		this.start();
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#waiting.set(id, { resolve, reject });
			this.#worker?.postMessage({ ...body, id } as Ask);
		});
	}

	#receive(answer: Answer): void {
		if (answer.kind === 'index') {
			this.ready = answer.ready;
			this.size = answer.size;
			this.version = answer.version;
			if (answer.buildMs !== undefined) this.buildMs = answer.buildMs;
			return;
		}
		const waiting = this.#waiting.get(answer.id);
		this.#waiting.delete(answer.id);
		if (answer.kind === 'failed') waiting?.reject(new Error(answer.reason));
		else waiting?.resolve(answer);
	}
}

export const searchIndex = new SearchIndex();
