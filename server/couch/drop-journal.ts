// The journal of audience changes: documents whose readers changed, with who could read them
// before, so a device learns cheaply which of its documents left its audience since its last check.
// Kept in memory from the moment the index follows the store; older questions get "send your ids".
import type { Scoped } from '../../src/lib/domain';
import { type Seq, seqNumber } from './seq';

interface JournalEntry {
	seq: Seq;
	id: string;
	before: Scoped;
}

/** Beyond this many entries the oldest are forgotten and older checks fall back to a full one. */
const MAX_ENTRIES = 100_000;

export class DropJournal {
	#entries: JournalEntry[] = [];
	/** Changes after this sequence are all in the journal; null until the index follows the store. */
	#from: Seq | null = null;

	startAt(seq: Seq): void {
		this.#from = seq;
	}

	/** Takes in a live document's change; only a change of who may read it is kept. */
	record(seq: Seq, before: Scoped, after: Scoped): void {
		if (!readersChanged(before, after)) return;
		this.#entries.push({ seq, id: before._id, before });
		if (this.#entries.length > MAX_ENTRIES) {
			const dropped = this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
			this.#from = dropped[dropped.length - 1].seq;
		}
	}

	/**
	 * Takes in a document erased at a person's request (RGPD): its readers did not change, yet every
	 * device that could read it must drop what it holds of it (its content too).
	 */
	recordErased(seq: Seq, before: Scoped): void {
		this.#entries.push({ seq, id: before._id, before });
	}

	/** Whether every audience change after `since` is known here. */
	covers(since: Seq): boolean {
		return this.#from !== null && seqNumber(since) >= seqNumber(this.#from);
	}

	/** The changes after `since`, newest first, with the audience each document had before. */
	*after(since: Seq): Iterable<JournalEntry> {
		const from = seqNumber(since);
		for (let i = this.#entries.length - 1; i >= 0 && seqNumber(this.#entries[i].seq) > from; i--)
			yield this.#entries[i];
	}
}

function readersChanged(before: Scoped, after: Scoped): boolean {
	return (
		before.audience !== after.audience ||
		before.owner !== after.owner ||
		(before.participants ?? []).join('\n') !== (after.participants ?? []).join('\n')
	);
}
