/**
 * Takes the README's screenshot of the built dashboard with a place selected:
 *   npm run build && npm run screenshot [-- out.png [hash]]
 * With SEARCH set, it also types that into the search box and shows the results, e.g.
 *   SEARCH=Актобе npm run screenshot -- docs/explore.png '#from=2011-10&to=2011-11'
 */
import { chromium } from 'playwright-core';
import { resolveChromium } from '../tests/support/browser';
import { waitForMapIdle } from '../tests/support/map';
import { startPreview } from './lib/serve';

const out = process.argv[2] ?? 'docs/screenshot.png';
const hash = process.argv[3] ?? '#map=4.6/45.8/54.5&place=atyrau';
const width = Number(process.env.WIDTH ?? 1400);
const height = Number(process.env.HEIGHT ?? 860);

const resolved = await resolveChromium();
const server = await startPreview(4175);
const browser = await chromium.launch({
	executablePath: resolved.executablePath,
	args: resolved.args
});
try {
	const page = await browser.newPage({ viewport: { width, height } });
	page.on('console', (m) => m.type() === 'error' && console.error('page error:', m.text()));
	await page.goto(`${server.url}/${hash}`);
	await waitForMapIdle(page);
	// The timeline loads after the map's first idle.
	await page.getByRole('slider').first().waitFor();
	if (process.env.SEARCH) {
		await page.getByRole('combobox', { name: 'Search' }).fill(process.env.SEARCH);
		await page.getByRole('option').first().waitFor();
	}
	await page.screenshot({ path: out });
	console.log(`wrote ${out} (${width}x${height}, ${hash}) with ${resolved.origin}`);
} finally {
	await browser.close();
	await server.stop();
}
