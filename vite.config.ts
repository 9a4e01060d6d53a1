import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { checkedData } from './scripts/lib/checked-data-plugin.ts';

export default defineConfig({
	plugins: [checkedData(), sveltekit()],
	server: { fs: { allow: ['geodata'] } },
	build: {
		// Never inline assets as data: URLs: the CSP's connect-src and font-src are 'self' only,
		// so a small data file (sources.json) fetched from a data: URL would be blocked.
		assetsInlineLimit: 0,
		// maplibre-gl is one ~1.1 MB chunk by design, imported lazily; ours stay far below.
		chunkSizeWarningLimit: 1200,
		// Timing notes report a busy machine (mostly Kit's prerender), not a defect.
		rolldownOptions: { checks: { bundlerTimings: false } }
	},
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node'
	}
});
