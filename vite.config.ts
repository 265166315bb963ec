import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173, proxy: { '/db': 'http://localhost:8080', '/api': 'http://localhost:8080' } },
	test: {
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
