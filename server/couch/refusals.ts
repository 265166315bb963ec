// Writes refused by the rules are logged, one line per document (id and reason): the person who
// asks "why did my listing not reach the server" finds the answer in the server's log.
import type { Viewer } from '../../src/lib/domain';
import type { Log } from '../log';
import type { WriteOutcome } from './writes';

export function logRefusals(log: Log, viewer: Viewer, outcomes: readonly WriteOutcome[]): void {
	for (const o of outcomes)
		if (o.error === 'forbidden') log.info(`write forbidden ${o.id} (${viewer.role}): ${o.reason ?? ''}`);
}
