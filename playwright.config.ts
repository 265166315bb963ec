// Browser tests: the built app served by the real server (temporary data, demo seed) in Debian's
// Chromium. One worker: the machine has two cores and the server shares them.
import { defineConfig } from '@playwright/test';

// E2E_PORT lets several runs share a machine without reusing each other's server.
const PORT = process.env.E2E_PORT ?? '4173';
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	// A focused test fails the run on every machine, not only in CI.
	forbidOnly: true,
	timeout: 180_000,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL: BASE_URL,
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		trace: 'retain-on-failure',
		serviceWorkers: 'allow',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				browserName: 'chromium',
				launchOptions: {
					executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
					args: [
						'--headless',
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
					],
				},
			},
		},
	],
	webServer: {
		command: 'node scripts/e2e-server.mjs',
		url: `${BASE_URL}/api/health`,
		reuseExistingServer: false,
		timeout: 120_000,
		// SIGTERM lets the server close its store and the script delete the temporary data.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
		stdout: 'pipe',
		stderr: 'pipe',
	},
});
