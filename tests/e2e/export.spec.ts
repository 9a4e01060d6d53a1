import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { IncidentCollection } from '../../src/lib/data/schema';
import { incidentInRange, monthIndex } from '../../src/lib/timeline/period';
import { parseCsv } from '../support/csv';
import { expect, openAtlas, test } from './fixtures';

const incidents = IncidentCollection.parse(
	JSON.parse(readFileSync('geodata/incidents.geojson', 'utf8'))
).features;

// Two filters at once: a time range and a status switched off.
const FILTERED = '#from=2011-10&to=2011-12&status-off=claimed';
const expected = incidents
	.filter(
		(f) =>
			f.properties.status !== 'claimed' &&
			incidentInRange(f.properties, {
				from: monthIndex(2011, 10),
				to: monthIndex(2011, 12),
				within: false
			})
	)
	.map((f) => f.properties.id)
	.sort();

async function panelIds(page: Page): Promise<string[]> {
	const ids = await page
		.locator('.panel button[data-incident]')
		.evaluateAll((els) => els.map((el) => el.getAttribute('data-incident')!));
	return ids.sort();
}

async function download(page: Page, name: string): Promise<{ file: Download; body: Buffer }> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name }).click()
	]);
	const path = await file.path();
	return { file, body: readFileSync(path) };
}

test.describe('export', () => {
	test.beforeEach(async ({ page }) => {
		await openAtlas(page, FILTERED);
		expect(expected.length).toBeGreaterThan(1);
		expect(expected.length).toBeLessThan(incidents.length);
		await expect.poll(() => panelIds(page)).toEqual(expected);
	});

	test('Export CSV downloads one row per shown incident, with a BOM and the view link', async ({
		page
	}) => {
		const { file, body } = await download(page, 'Export CSV');
		expect(file.suggestedFilename()).toMatch(/^incident-atlas-\d{4}-\d{2}-\d{2}\.csv$/);
		const text = body.toString('utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const [header, ...rows] = parseCsv(text.slice(1));
		expect(rows).toHaveLength(expected.length);
		expect(rows.map((r) => r[header.indexOf('id')]).sort()).toEqual(await panelIds(page));
		const viewLink = rows[0][header.indexOf('view_link')];
		expect(viewLink).toContain('from=2011-10');
		expect(viewLink).toContain('status-off=claimed');
		expect(rows.every((r) => r[header.indexOf('status')] !== 'claimed')).toBe(true);
	});

	test('Export GeoJSON downloads the shown incidents as a FeatureCollection', async ({ page }) => {
		const { file, body } = await download(page, 'Export GeoJSON');
		expect(file.suggestedFilename()).toMatch(/\.geojson$/);
		const collection = IncidentCollection.parse(JSON.parse(body.toString('utf8')));
		expect(collection.features.map((f) => f.properties.id).sort()).toEqual(await panelIds(page));
		// The records are the dataset's own, citations included.
		const original = incidents.find((f) => f.properties.id === expected[0])!;
		const exported = collection.features.find((f) => f.properties.id === expected[0])!;
		expect(exported.properties.sources).toEqual(original.properties.sources);
	});

	test('Export PNG downloads the map at the screen resolution, drawn and annotated', async ({
		page
	}) => {
		const { file, body } = await download(page, 'Export PNG');
		expect(file.suggestedFilename()).toMatch(/\.png$/);
		// The PNG signature, then the IHDR chunk's width and height.
		expect(body.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
		const size = { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
		const canvas = await page.evaluate(() => {
			const c = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas')!;
			const r = c.getBoundingClientRect();
			return {
				width: c.width,
				height: c.height,
				cssWidth: r.width,
				cssHeight: r.height,
				dpr: window.devicePixelRatio
			};
		});
		expect(size).toEqual({ width: canvas.width, height: canvas.height });
		expect(size.width).toBe(Math.round(canvas.cssWidth * canvas.dpr));
		expect(size.height).toBe(Math.round(canvas.cssHeight * canvas.dpr));

		// Decoded in the page: the map (land, water, borders, labels) and its notes, not blank.
		const summary = await page.evaluate(async (b64) => {
			const img = new Image();
			img.src = `data:image/png;base64,${b64}`;
			await img.decode();
			const c = document.createElement('canvas');
			c.width = img.width;
			c.height = img.height;
			// Read twice below: say so, or Chromium warns about repeated readbacks.
			const ctx = c.getContext('2d', { willReadFrequently: true })!;
			ctx.drawImage(img, 0, 0);
			const { data } = ctx.getImageData(0, 0, img.width, img.height);
			const counts = new Map<string, number>();
			for (let i = 0; i < data.length; i += 4) {
				const key = `${data[i] >> 3},${data[i + 1] >> 3},${data[i + 2] >> 3}`;
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
			const top = Math.max(...counts.values());
			// The legend box, bottom left, is near-white where the map there is not.
			const box = ctx.getImageData(14, img.height - 60, 4, 4).data;
			return {
				distinct: counts.size,
				dominantShare: top / (data.length / 4),
				legendWhite: box[0] > 235 && box[1] > 235 && box[2] > 235
			};
		}, body.toString('base64'));
		expect(summary.distinct).toBeGreaterThan(40);
		expect(summary.dominantShare).toBeLessThan(0.6);
		expect(summary.legendWhite).toBe(true);
	});
});
