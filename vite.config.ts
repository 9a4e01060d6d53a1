import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['geodata'] } },
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node'
	}
});
