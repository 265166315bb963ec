// The argon2 process (started by hashing.ts): hashes and verifies passwords asked over IPC, at a
// lower CPU priority than the server, so a flood of sign-ins takes only the CPU the server leaves.
// Plain JavaScript: it starts in a few milliseconds, without the TypeScript loader.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import argon2 from 'argon2';

/**
 * Lowers the priority of every thread of this process (on Linux a priority is a thread's, and the
 * thread pool was made while this module loaded); argon2's own threads, made later by the pool's,
 * inherit it. Elsewhere than Linux, the main thread at least.
 */
function lowerPriority(nice) {
	let threads = [0];
	try {
		threads = readdirSync('/proc/self/task').map(Number);
	} catch {
		// no /proc
	}
	for (const thread of threads) {
		try {
			setPriority(thread, nice);
		} catch {
			// a thread that just ended
		}
	}
}

lowerPriority(Number(process.env.HASHING_NICE ?? 10));

process.on('message', async ({ id, op, password, hash }) => {
	try {
		const value =
			op === 'hash'
				? await argon2.hash(password, { type: argon2.argon2id })
				: await argon2.verify(hash, password);
		process.send?.({ id, value });
	} catch (err) {
		process.send?.({ id, error: err instanceof Error ? err.message : String(err) });
	}
});
// The server is gone (stopped, crashed, killed): nothing left to hash for.
process.on('disconnect', () => process.exit(0));
