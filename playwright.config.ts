import { defineConfig } from '@playwright/test';
import { resolveChromium } from './tests/support/browser';

const browser = await resolveChromium();
// E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	// Software WebGL on two cores: one worker keeps map timings sane.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	outputDir: '.tmp/test-results',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 1280, height: 800 },
		launchOptions: { executablePath: browser.executablePath, args: browser.args },
		trace: 'off'
	},
	webServer: {
		// The built, prerendered site, as it would be hosted, plus a published tile set of 20,000
		// synthetic events (tests/e2e/tiles.spec.ts) built by build:tiles where `vite preview`
		// serves static files from (Kit's client output), opened by its link only.
		command: [
			'mkdir -p .tmp',
			'npx tsx scripts/gen-sample.ts --rows 20000 --layout acled --seed 10 --out .tmp/e2e-sample.csv',
			'npx tsx scripts/build-tiles.ts .tmp/e2e-sample.csv --out .svelte-kit/output/client/tiles/e2e-sample.pmtiles --title "E2E sample" --skip-index --quiet',
			`npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`
		].join(' && '),
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: false,
		timeout: 120_000
	}
});
