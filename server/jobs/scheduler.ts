// A small scheduler for the server's periodic jobs: each runs once at start, then every interval,
// never twice at the same time; `poke` asks for an early run; `stop` waits for a run in progress.

export interface Job {
	name: string;
	run(): Promise<void>;
}

export interface Scheduler {
	/** Runs the job now (or right after the run in progress) and resolves when that run is done. */
	poke(name: string): Promise<void>;
	/** Runs every job once more, in order, and resolves when done (tests, and a manual nudge). */
	runAll(): Promise<void>;
	stop(): Promise<void>;
}

export function startScheduler(
	jobs: Job[],
	intervalMs: number,
	warn: (message: string) => void = console.warn,
): Scheduler {
	let stopped = false;
	const running = new Map<string, Promise<void>>();
	const again = new Map<string, Promise<void>>();

	const runOnce = (job: Job): Promise<void> => {
		const current = running.get(job.name);
		if (current) {
			// One more run after this one, shared by everyone who asks meanwhile.
			const queued = again.get(job.name) ?? current.then(() => runOnce(job));
			again.set(job.name, queued);
			return queued;
		}
		if (stopped) return Promise.resolve();
		const run = job
			.run()
			.catch((err: Error) => warn(`Tâche « ${job.name} » en échec : ${err.message}`))
			.finally(() => running.delete(job.name));
		running.set(job.name, run);
		again.delete(job.name);
		return run;
	};
	const runAll = async () => {
		for (const job of jobs) await runOnce(job);
	};

	void runAll();
	const timer = setInterval(() => void runAll(), intervalMs);
	timer.unref();

	return {
		poke: (name) => {
			const job = jobs.find((j) => j.name === name);
			return job ? runOnce(job) : Promise.resolve();
		},
		runAll,
		stop: async () => {
			stopped = true;
			clearInterval(timer);
			await Promise.all([...running.values(), ...again.values()]);
		},
	};
}
