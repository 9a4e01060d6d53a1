import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Kit's own root component renders a live region for screen readers, `#svelte-announcer`, with a
 * literal `style="…"` attribute (visually hidden). Without 'unsafe-inline' the browser drops that
 * style and reports a violation. Rather than allow every inline style, allow exactly this one
 * attribute by its hash ('unsafe-hashes' + sha256, CSP level 3). Read from Kit's source so a Kit
 * upgrade that changes the string changes the hash too (and a CSP test fails if it is not found).
 */
function announcerStyleHash() {
	const require = createRequire(import.meta.url);
	const kitDir = require.resolve('@sveltejs/kit/package.json').replace(/package\.json$/, '');
	const root = readFileSync(`${kitDir}src/core/sync/write_root.js`, 'utf8');
	const style = /id="svelte-announcer"[^>]*?style="([^"]*)"/.exec(root)?.[1];
	if (!style) throw new Error("svelte.config.js: no style attribute on Kit's #svelte-announcer");
	return `sha256-${createHash('sha256').update(style).digest('base64')}`;
}

/**
 * Content-Security-Policy, written by Kit into every prerendered page as a <meta> tag. Hash mode
 * is the one that works with prerendering: Kit adds the sha256 of its own inline start-up script
 * to script-src. Everything else is a file from our own origin; MapLibre needs its worker from
 * 'self' and draws icons and glyphs through data:/blob: images. Headers a meta tag cannot carry
 * (frame-ancestors and friends) are in static/_headers; see README "Hosting".
 */
export const csp = {
	mode: /** @type {const} */ ('hash'),
	/** @type {import('@sveltejs/kit').CspDirectives} */
	directives: {
		'default-src': ['self'],
		'script-src': ['self'],
		'style-src': ['self'],
		'style-src-attr': ['unsafe-hashes', announcerStyleHash()],
		'img-src': ['self', 'data:', 'blob:'],
		'font-src': ['self'],
		'connect-src': ['self'],
		'worker-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['none'],
		'form-action': ['none']
	}
};

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
		},
		csp
	}
};

export default config;
