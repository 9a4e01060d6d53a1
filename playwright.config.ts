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
		// The built, prerendered site, as it would be hosted.
		command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
