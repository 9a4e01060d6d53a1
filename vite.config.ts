import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['geodata'] } },
	build: {
		// Never inline assets as data: URLs: the CSP's connect-src and font-src are 'self' only,
		// so a small data file (sources.json) fetched from a data: URL would be blocked.
		assetsInlineLimit: 0
	},
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node'
	}
});
