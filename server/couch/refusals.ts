// Writes refused by the rules are logged, one line per document (id and reason): the person who
// asks "why did my listing not reach the server" finds the answer in the server's log.
import type { Viewer } from '../../src/lib/domain';
import type { WriteOutcome } from './writes';

/** Where refusals are written: the server's log (`server/log.ts`) fits, and so does a test's array. */
export interface RefusalLog {
	info(line: string): void;
}

export function logRefusals(log: RefusalLog, viewer: Viewer, outcomes: readonly WriteOutcome[]): void {
	for (const o of outcomes)
		if (o.error === 'forbidden') log.info(`write forbidden ${o.id} (${viewer.role}): ${o.reason ?? ''}`);
}
