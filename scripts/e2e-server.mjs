// Starts the real server for the browser tests: port 4173 (or E2E_PORT), a fresh temporary data directory seeded
// with the demo data, the built app from build/. The directory is deleted when the server stops.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!existsSync('build/index.html')) {
	console.error('L’application n’est pas construite (build/ absent) : lancez npm run build.');
	process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'elbasar-e2e-'));
const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
	env: {
		...process.env,
		PORT: process.env.E2E_PORT ?? '4173',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		SEED: 'demo',
		// One line per request would drown Playwright's report; LOG_LEVEL=info brings them back.
		LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
	},
	stdio: 'inherit',
});

server.on('exit', (code, signal) => {
	cleanUp();
	process.exit(code ?? (signal ? 1 : 0));
});

// Playwright signals the whole process group, the server included; a signal sent to this script
// alone is passed on if the server is still running a moment later. A second signal would make
// the server stop at once, without closing its store.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		setTimeout(() => {
			if (server.exitCode === null && server.signalCode === null) server.kill(signal);
		}, 2_000);
	});
}
process.on('exit', () => {
	if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
	cleanUp();
});
