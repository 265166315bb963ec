// The bench's server and link run in child processes (their clocks and CPU apart from the client's):
// this starts them, asks them things over the IPC channel and stops them.
import { type ChildProcess, fork } from 'node:child_process';

interface Reply {
	id?: number;
	value?: unknown;
	error?: string;
}

export class Child {
	#process: ChildProcess;
	#next = 1;
	#waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();

	private constructor(child: ChildProcess) {
		this.#process = child;
		child.on('message', (reply: Reply) => {
			const waiter = reply.id !== undefined ? this.#waiting.get(reply.id) : undefined;
			if (!waiter) return;
			this.#waiting.delete(reply.id as number);
			if (reply.error) waiter.reject(new Error(reply.error));
			else waiter.resolve(reply.value);
		});
		child.on('exit', (code, signal) => {
			for (const waiter of this.#waiting.values())
				waiter.reject(new Error(`child process ended (${signal ?? code})`));
			this.#waiting.clear();
		});
	}

	/** Forks `file` with tsx and waits for its first answer (`ready`). */
	static async start<T>(file: string, args: string[]): Promise<{ child: Child; ready: T }> {
		const child = new Child(fork(file, args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' }));
		const ready = (await child.#ask(0)) as T;
		return { child, ready };
	}

	get pid(): number | undefined {
		return this.#process.pid;
	}

	ask<T>(type: string, payload: Record<string, unknown> = {}): Promise<T> {
		const id = this.#next++;
		this.#process.send({ id, type, ...payload });
		return this.#ask(id) as Promise<T>;
	}

	#ask(id: number): Promise<unknown> {
		return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
	}

	/** Asks the child to stop, and kills it if it has not after `graceMs`. */
	async stop(graceMs = 10_000): Promise<void> {
		const child = this.#process;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		this.ask('close').catch(() => undefined);
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}

	/** Last resort when the bench itself is dying. */
	kill(): void {
		if (this.#process.exitCode === null && this.#process.signalCode === null) this.#process.kill('SIGKILL');
	}
}

type Handler = (message: Record<string, unknown>) => unknown;

/**
 * In a child: sends `ready` (as the answer to request 0), then answers each request with its
 * handler's value. `close` runs its handler then exits. The child also exits if the bench dies.
 */
export function serveParent(ready: unknown, handlers: Record<string, Handler>): void {
	process.send?.({ id: 0, value: ready });
	process.on('disconnect', () => process.exit(1));
	process.on('message', async (message: Record<string, unknown> & { id: number; type: string }) => {
		const handler = handlers[message.type];
		try {
			if (!handler) throw new Error(`unknown request ${message.type}`);
			const value = await handler(message);
			const exit = message.type === 'close' ? () => process.exit(0) : undefined;
			process.send?.({ id: message.id, value }, undefined, {}, exit);
		} catch (err) {
			process.send?.({ id: message.id, error: (err as Error).stack ?? String(err) });
		}
	});
}

/** A child's fatal error, said once, before exiting. */
export function failChild(err: unknown): never {
	process.send?.({ id: 0, error: (err as Error).stack ?? String(err) });
	console.error(err);
	process.exit(1);
}
