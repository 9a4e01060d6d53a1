/**
 * Every browser test runs with these guards: no console errors or warnings, no
 * Content-Security-Policy violations, and no request to any origin but the page's own (the
 * dashboard must work with no internet at all).
 */
import { test as base, expect, type Page } from '@playwright/test';

type Guards = {
	consoleProblems: string[];
	cspViolations: string[];
	foreignRequests: string[];
};

export const test = base.extend<Guards>({
	// `auto`: every test gets every guard without asking for it.
	consoleProblems: [
		async ({ page }, use) => {
			const problems: string[] = [];
			page.on('console', (m) => {
				if (m.type() === 'error' || m.type() === 'warning') {
					problems.push(`${m.type()}: ${m.text()}`);
				}
			});
			page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
			await use(problems);
			expect(problems, 'console errors and warnings').toEqual([]);
		},
		{ auto: true }
	],
	cspViolations: [
		async ({ page }, use) => {
			const violations: string[] = [];
			await page.exposeFunction('__reportCspViolation', (v: string) => violations.push(v));
			await page.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (e) => {
					const report = (window as unknown as { __reportCspViolation: (v: string) => void })
						.__reportCspViolation;
					report(
						`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`
					);
				});
			});
			await use(violations);
			expect(violations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	],
	foreignRequests: [
		async ({ page, baseURL }, use) => {
			const origin = new URL(baseURL!).origin;
			const foreign: string[] = [];
			page.on('request', (r) => {
				const url = r.url();
				if (url.startsWith('data:') || url.startsWith('blob:')) return;
				if (new URL(url).origin !== origin) foreign.push(url);
			});
			await use(foreign);
			expect(foreign, 'requests that left the origin').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
/** Opens the dashboard at a hash and waits until the map has settled. */
export async function openAtlas(page: Page, hash = ''): Promise<void> {
	await page.goto(`/${hash}`);
	const { waitForMapIdle } = await import('../support/map');
	await waitForMapIdle(page);
}

/** Ids of incident markers MapLibre currently draws (after filters), from its rendered features. */
export async function renderedIncidentIds(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const ids = map
			.queryRenderedFeatures({ layers: ['incident-markers'] })
			.map((f) => String(f.properties.id));
		return [...new Set(ids)].sort();
	});
}

/** The URL hash, parsed into its parameters. */
export async function hashParams(page: Page): Promise<URLSearchParams> {
	const hash = await page.evaluate(() => window.location.hash);
	return new URLSearchParams(hash.replace(/^#/, ''));
}
