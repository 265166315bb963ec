// Binds a Dexie live query to Svelte runes: re-subscribes when the query's inputs change,
// and exposes the latest result. Create it during component initialisation (it uses $effect).
import type { Observable } from 'dexie';
import { untrack } from 'svelte';

export class Live<T> {
	current: T = $state() as T;
	/** True until the first result of the current query arrives. */
	loading = $state(true);
	error: string | null = $state(null);

	/** `source` is read inside an effect: reactive values it reads re-run the query. */
	constructor(source: () => Observable<T>, initial: T) {
		this.current = initial;
		$effect(() => {
			const observable = source();
			return untrack(() => {
				this.loading = true;
				const subscription = observable.subscribe({
					next: (value) => {
						this.current = value;
						this.loading = false;
						this.error = null;
					},
					error: (err: unknown) => {
						this.loading = false;
						this.error = err instanceof Error ? err.message : String(err);
					},
				});
				return () => subscription.unsubscribe();
			});
		});
	}
}
