import { execFileSync } from 'node:child_process';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/** The message catalogues (messages/{fr,en}/*.json) compiled into typed functions in src/lib/paraglide. */
const paraglide = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The language chosen on this device, else the browser's, else French.
	strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
	// Typed for tsc too (the server's e-mails read the catalogues).
	emitTsDeclarations: true,
} as const;

// Vitest compiles once, in a child process: Paraglide's plugin and its compile() keep handles
// open that delay vitest's exit by 10 s.
if (process.env.VITEST && !process.env.ELBASAR_I18N_COMPILED) {
	execFileSync('npm', ['run', '--silent', 'i18n'], { stdio: 'ignore' });
	process.env.ELBASAR_I18N_COMPILED = '1';
}

export default defineConfig({
	plugins: [
		...(process.env.VITEST ? [] : [paraglideVitePlugin({ ...paraglide, strategy: [...paraglide.strategy] })]),
		sveltekit(),
	],
	// The app shell is prerendered (src/routes/shell): workbox-window ships CommonJS for Node, so
	// the layout's server render bundles its ESM build instead.
	ssr: { noExternal: ['workbox-window'] },
	server: { port: 5173, proxy: { '/db': 'http://localhost:8080', '/api': 'http://localhost:8080' } },
	test: {
		// Vitest keeps one core free by default: one worker on a 2-core machine. The server tests
		// spend much of their time waiting on sockets and the store, so two files at once use both.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					// A focused test fails the run whatever the environment (vitest's default is !CI).
					allowOnly: false,
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					setupFiles: ['tests/device-globals.ts'],
				},
			},
			{
				// The Svelte plugin too: the device's sync tests (tests/server/device) import rune modules.
				extends: true,
				test: {
					name: 'server',
					allowOnly: false,
					include: ['tests/server/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 30_000,
				},
			},
		],
	},
});
