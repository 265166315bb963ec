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
					include: ['tests/unit/**/*.test.ts', 'src/**/*.spec.ts'],
					environment: 'node',
					setupFiles: ['tests/unit/setup.ts'],
				},
			},
			{
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
