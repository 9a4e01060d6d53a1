import { PALETTE } from '../../src/lib/map/palette';
import { expect, openAtlas, test } from './fixtures';

/**
 * Decodes a PNG in the page and summarises its pixels, so a blank or broken map is caught
 * without another image library.
 */
async function pixelSummary(
	page: import('@playwright/test').Page,
	png: Buffer,
	colours: Record<string, string>
) {
	return page.evaluate(
		async ({ b64, colours }) => {
			const img = new Image();
			img.src = `data:image/png;base64,${b64}`;
			await img.decode();
			const canvas = document.createElement('canvas');
			canvas.width = img.width;
			canvas.height = img.height;
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const { data } = ctx.getImageData(0, 0, img.width, img.height);
			const counts = new Map<string, number>();
			for (let i = 0; i < data.length; i += 4) {
				// Quantise a little so anti-aliasing does not inflate the colour count.
				const key = `${data[i] >> 3},${data[i + 1] >> 3},${data[i + 2] >> 3}`;
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
			const total = data.length / 4;
			const sorted = [...counts.values()].sort((a, b) => b - a);
			const share = (hex: string) => {
				const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) >> 3);
				return (counts.get(`${r},${g},${b}`) ?? 0) / total;
			};
			return {
				total,
				distinct: counts.size,
				dominantShare: sorted[0] / total,
				shares: Object.fromEntries(Object.entries(colours).map(([k, hex]) => [k, share(hex)]))
			};
		},
		{ b64: png.toString('base64'), colours }
	);
}

test('the map draws land, water, borders and labels offline', async ({ page }) => {
	await openAtlas(page);
	const canvas = page.locator('[data-testid="map"] canvas');
	await expect(canvas).toBeVisible();
	const summary = await pixelSummary(page, await canvas.screenshot(), {
		land: PALETTE.land,
		kazakhstan: PALETTE.focusLand,
		water: PALETTE.water
	});
	// A blank canvas is one colour; a map of land, seas, borders and labels is many.
	expect(summary.dominantShare).toBeLessThan(0.6);
	expect(summary.distinct).toBeGreaterThan(40);
	// Land, Kazakhstan and the seas each fill a real part of the view. (The first view keeps
	// the data clear of the open legend, so Kazakhstan fills less of it than the map's width.)
	expect(summary.shares.land).toBeGreaterThan(0.1);
	expect(summary.shares.kazakhstan).toBeGreaterThan(0.05);
	expect(summary.shares.water).toBeGreaterThan(0.01);

	// The basemap's own layers are really in the style and drew features.
	const drawn = await page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const count = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length;
		return {
			land: count('land'),
			borders: count('country-borders'),
			countryLabels: count('country-labels'),
			incidents: count('incident-markers')
		};
	});
	expect(drawn.land).toBeGreaterThan(3);
	expect(drawn.borders).toBeGreaterThan(0);
	expect(drawn.countryLabels).toBeGreaterThan(3);
	expect(drawn.incidents).toBeGreaterThan(10);
});

test('labels render Kazakh Cyrillic from the self-hosted font', async ({ page }) => {
	const fontRequests: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('.woff2')) fontRequests.push(r.url());
	});
	await openAtlas(page, '#map=5/47/60');
	const labels = await page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		return map
			.queryRenderedFeatures({ layers: ['oblast-labels'] })
			.map((f) => String(f.properties.name_kk ?? ''));
	});
	expect(labels.some((l) => /[ҚқҒғҢңӘәӨөҰұҮүІі]/.test(l))).toBe(true);
	expect(fontRequests.some((u) => u.includes('cyrillic-ext'))).toBe(true);
});
