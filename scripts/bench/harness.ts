// What the sync benchmarks share: the roles they pull as, the link's description, and the start of
// their two child processes (the seeded server, then the link proxy in front of it) in a temporary
// data directory deleted on exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child } from './ipc';
import type { LinkSpec } from './link';
import type { ServerReady } from './sync-server';

export const ROLES = {
	visitor: undefined,
	member: { username: 'membre@la-pioche.example.org', password: 'membre-demo' },
} as const;
export type Role = keyof typeof ROLES;

export function parseRoles(list: string): Role[] {
	const roles = list.split(',') as Role[];
	if (!roles.every((r) => r in ROLES)) throw new Error('--roles: visitor,member');
	return roles;
}

export const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeLink(link: LinkSpec | null): string {
	if (!link) return 'no throttling (counting only)';
	return `${link.name}: ${link.downBps / 1e6} Mbit/s down, ${link.upBps / 1e6} Mbit/s up, ${link.rttMs} ms RTT`;
}

export interface Harness {
	server: Child;
	link: Child;
	ready: ServerReady;
	/** The server seen through the link: `http://127.0.0.1:<proxy port>`. */
	linkUrl: string;
	stop(): Promise<void>;
}

/**
 * Seeds `scale` into a fresh directory and starts the server (with the built app from `staticDir`,
 * if given) and the link proxy. The children are killed and the directory deleted when this
 * process exits, however it ends.
 */
export async function startHarness(
	scale: string,
	link: LinkSpec | null,
	staticDir?: string,
): Promise<Harness> {
	const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-bench-'));
	const children: Child[] = [];
	process.once('exit', () => {
		for (const child of children) child.kill();
		rmSync(dataDir, { recursive: true, force: true });
	});
	process.once('SIGINT', () => process.exit(130));
	console.log(`Seeding ${scale} scale into ${dataDir}…`);
	const here = import.meta.dirname;
	const serverArgs = [dataDir, scale, ...(staticDir ? [staticDir] : [])];
	const { child: server, ready } = await Child.start<ServerReady>(join(here, 'sync-server.ts'), serverArgs);
	children.push(server);
	const port = new URL(ready.url).port;
	const { child: proxy, ready: proxied } = await Child.start<{ port: number }>(join(here, 'link-proxy.ts'), [
		port,
		JSON.stringify(link),
	]);
	children.push(proxy);
	console.log(
		`  ${ready.docs} docs seeded in ${(ready.seedMs / 1000).toFixed(1)} s; audience index ready in ${(ready.indexMs / 1000).toFixed(1)} s`,
	);
	console.log(`Link: ${describeLink(link)}`);
	return {
		server,
		link: proxy,
		ready,
		linkUrl: `http://127.0.0.1:${proxied.port}`,
		stop: async () => {
			await proxy.stop();
			await server.stop();
		},
	};
}

/** The bench's options, or its usage and exit code 2 when they are wrong. */
export function argsOrUsage<T>(read: () => T, usage: string): T {
	try {
		return read();
	} catch (err) {
		console.error(`${(err as Error).message}\n${usage}`);
		process.exit(2);
	}
}

/** Runs the bench's main and exits: 0 when it ends, 1 (and the error) when it fails. */
export function runBench(main: () => Promise<void>): void {
	main().then(
		() => process.exit(0),
		(err) => {
			console.error(err);
			process.exit(1);
		},
	);
}
