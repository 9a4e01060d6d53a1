import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes everywhere in our own code; libraries keep their own mode.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// A fully prerendered static site: any web server or CDN can host `build/`.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		alias: {
			$geodata: 'geodata'
		}
	}
};

export default config;
