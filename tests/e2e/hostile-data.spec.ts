import { readFileSync } from 'node:fs';
import { alterCheckedData } from '../support/checked-data';
import { expect, openAtlas, test } from './fixtures';

const incidents = JSON.parse(readFileSync('geodata/incidents.geojson', 'utf8'));

// Payloads from the public corpus in tests/fixtures/xss (PayloadsAllTheThings, MIT).
const payloads = readFileSync(
	'tests/fixtures/xss/payloadsallthethings/xss_payloads_quick.txt',
	'utf8'
)
	.split('\n')
	.filter((l) => l.includes('<'))
	.slice(0, 3);

test('text from the data is shown as text, never run as HTML', async ({ page }) => {
	expect(payloads.length).toBe(3);
	const hostile = structuredClone(incidents);
	const target = hostile.features.find(
		(f: { properties: { id: string } }) => f.properties.id === 'atyrau-bombings-2011-10-31'
	);
	target.properties.title = `<img src=x onerror="window.__xss=1">${payloads[0]}`;
	target.properties.summary = payloads[1];
	target.properties.sources[0].excerpt = payloads[2];
	await alterCheckedData(page);
	await page.route('**/incidents.*.geojson', (route) => route.fulfill({ json: hostile }));
	await page.addInitScript(() => {
		// Any payload that runs as code will call one of these.
		for (const name of ['alert', 'prompt', 'confirm'] as const) {
			(window as unknown as Record<string, unknown>)[name] = () => {
				(window as unknown as { __xss: number }).__xss = 1;
			};
		}
	});

	await openAtlas(page, '#incident=atyrau-bombings-2011-10-31');
	const card = page.locator('article[data-incident="atyrau-bombings-2011-10-31"]');
	await expect(card.locator('h3')).toHaveText(target.properties.title);
	await expect(card.locator('.summary')).toHaveText(payloads[1]);
	await expect(card.locator('blockquote').first()).toHaveText(payloads[2]);
	expect(await card.locator('img, script, svg[onload], iframe').count()).toBe(0);

	// The tooltip takes the title too, through setText.
	const { incidentMarkerPosition } = await import('../support/map');
	const at = await incidentMarkerPosition(page, 'atyrau-bombings-2011-10-31');
	await page.mouse.move(at.x, at.y);
	const tooltip = page.locator('.atlas-tooltip');
	await expect(tooltip).toContainText('<img src=x');
	expect(await tooltip.locator('img').count()).toBe(0);
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)
	).toBeUndefined();
});

test('a broken data file ends in a message that names it', async ({ page }) => {
	await alterCheckedData(page);
	await page.route('**/places.*.geojson', (route) =>
		route.fulfill({
			body: '{"type": "FeatureCollection", "features": [',
			contentType: 'application/json'
		})
	);
	await page.goto('/');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Could not load geodata/places.geojson');
	await expect(alert).toContainText('not valid JSON');
});
