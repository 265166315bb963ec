// One search on the page at a time: asks the worker, reads the cards' documents, and keeps only the
// answer to the latest question (typing fast sends several).
import type { SearchResponse } from '../domain/search';
import { m } from '../i18n';
import type { WorkerRequest } from './protocol';
import { type ResultRow, resultRows } from './result-rows';
import { searchIndex } from './search-index.svelte';

export class SearchRun {
	response: SearchResponse | null = $state(null);
	rows: ResultRow[] = $state([]);
	searching = $state(false);
	error: string | null = $state(null);
	#latest = 0;

	async run(request: WorkerRequest): Promise<void> {
		const mine = ++this.#latest;
		this.searching = true;
		try {
			const response = await searchIndex.search(request);
			const rows = await resultRows(response.results);
			if (mine !== this.#latest) return;
			this.response = response;
			this.rows = rows;
			this.error = null;
		} catch (err) {
			if (mine === this.#latest)
				this.error = m.search_failed({ reason: err instanceof Error ? err.message : String(err) });
		} finally {
			if (mine === this.#latest) this.searching = false;
		}
	}
}
