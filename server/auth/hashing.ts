// argon2 in a child process (hashing-child.mjs) at a lower CPU priority than the server. In the
// server's process, argon2 took libuv's thread pool from LevelDB and, with its four lanes, competed
// with the event loop for both cores: a flood of sign-ins stalled every visitor for seconds. Out of
// process and reniced, hashing gets the CPU the server does not use. The process starts at the first
// hash, is restarted after a crash, and never keeps the server alive (its channel is held only while
// a request is pending). Requests reach it through the one bounded queue (password-queue.ts).
// The server's thread pool is then LevelDB's alone: raising UV_THREADPOOL_SIZE changed nothing
// (bench:auth gave the same figures with 4 and 16 threads), so it keeps libuv's default.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./hashing-child.mjs', import.meta.url));
/** nice(1) value: 10 of 19 leaves hashing some CPU on a machine the server keeps busy. */
const NICE = 10;

type Request = { op: 'hash'; password: string } | { op: 'verify'; hash: string; password: string };
interface Answer {
	id: number;
	value?: unknown;
	error?: string;
}

class HashingProcess {
	#child: ChildProcess | undefined;
	#pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
	#next = 1;

	ask<T>(request: Request): Promise<T> {
		const child = this.#child ?? this.#start();
		const id = this.#next++;
		return new Promise<T>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			child.channel?.ref();
			child.send({ id, ...request }, (err) => {
				if (err) this.#settle({ id, error: `argon2 : ${err.message}` });
			});
		});
	}

	#start(): ChildProcess {
		// execArgv: [] drops the server's loader flags (tsx, vitest's): the child is plain JavaScript.
		const child = fork(CHILD, [], {
			execArgv: [],
			env: { ...process.env, HASHING_NICE: String(NICE) },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		this.#child = child;
		child.on('message', (answer: Answer) => this.#settle(answer));
		const ended = (why: string) => {
			if (this.#child === child) this.#child = undefined;
			for (const id of [...this.#pending.keys()]) this.#settle({ id, error: `argon2 : ${why}` });
		};
		child.on('error', (err) => ended(err.message));
		child.on('exit', (code, signal) => ended(`processus arrêté (${signal ?? code})`));
		child.unref();
		child.channel?.unref();
		return child;
	}

	#settle({ id, value, error }: Answer): void {
		const waiter = this.#pending.get(id);
		if (!waiter) return;
		this.#pending.delete(id);
		if (this.#pending.size === 0) this.#child?.channel?.unref();
		if (error) waiter.reject(new Error(error));
		else waiter.resolve(value);
	}
}

const hashing = new HashingProcess();

export const argon2Hash = (password: string) => hashing.ask<string>({ op: 'hash', password });
export const argon2Verify = (hash: string, password: string) =>
	hashing.ask<boolean>({ op: 'verify', hash, password });
