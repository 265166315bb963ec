// Browser tests: the built app served by the real server (temporary data, demo seed) in Debian's
// Chromium. A setup project signs each demo role in once and saves its device (cookies, localStorage,
// IndexedDB) in tests/e2e/.auth/; the tests start from it. Two workers, one file each at a time.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions as launchOptions } from './scripts/chromium';

// E2E_PORT lets several runs share a machine without reusing each other's server.
const PORT = process.env.E2E_PORT ?? '4173';
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	// Files run in parallel, the tests of one file in order: tests are independent of each other
	// (each works on its own documents or puts back what it changed), files need not be split.
	fullyParallel: false,
	workers: 2,
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
			name: 'setup',
			testMatch: /auth\.setup\.ts$/,
			teardown: 'deploy',
			use: { browserName: 'chromium', launchOptions },
		},
		{
			name: 'chromium',
			dependencies: ['setup'],
			use: { browserName: 'chromium', launchOptions },
		},
		// Changes the build the server serves: alone, once every test of the saved devices is done.
		{ name: 'deploy', testMatch: /\.deploy\.ts$/, use: { browserName: 'chromium', launchOptions } },
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
