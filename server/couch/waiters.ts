// The longpolls waiting for a change, so that a shutdown can answer them at once instead of
// holding the server open until their timeout.
export class Waiters {
	#wakers = new Set<() => void>();

	add(wake: () => void): () => void {
		this.#wakers.add(wake);
		return () => this.#wakers.delete(wake);
	}

	get size(): number {
		return this.#wakers.size;
	}

	wakeAll(): void {
		for (const wake of [...this.#wakers]) wake();
	}
}
