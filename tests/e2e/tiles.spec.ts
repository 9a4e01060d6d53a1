/**
 * A published tile set (PMTiles built by build:tiles from 20,000 synthetic ACLED rows; see
 * playwright.config.ts): filters as sums of counts, the cell panel, points from zoom 10, links.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { LABEL_MIN_COUNT, countLabel } from '../../src/lib/tiles/cell-labels';
import { renderedTileCells, tileCellsInView } from '../support/map';
import { expect, hashParams, test } from './fixtures';

const NAME = 'e2e-sample';
const rows = parse(readFileSync('.tmp/e2e-sample.csv', 'utf8'), {
	columns: true,
	bom: true
}) as Record<string, string>[];
/** ACLED event types the Atlas counts as "Attacks and operations" (src/lib/tiles/rows.ts). */
const VIOLENCE = ['Battles', 'Explosions/Remote violence', 'Violence against civilians'];
const number = (n: number) => n.toLocaleString('en');

type MapHandle = { __atlas: { map: import('maplibre-gl').Map } };

/** Opens a link and waits until the tile set's layers are drawn and the map is idle. */
async function openTiles(page: Page, hash: string) {
	await page.goto(`/${hash}`);
	await waitForTiles(page);
}

async function waitForTiles(page: Page) {
	await page.waitForFunction(
		() =>
			document.documentElement.dataset.mapReady === 'true' &&
			Boolean((window as unknown as MapHandle).__atlas.map.getLayer('tileset-cells')),
		null,
		{ timeout: 45_000 }
	);
	await idle(page);
}

async function idle(page: Page) {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const map = (window as unknown as MapHandle).__atlas.map;
				map.once('idle', () => resolve());
				map.triggerRepaint();
			})
	);
}

/** Moves the map without animation and waits until it is idle. */
async function jump(page: Page, zoom: number, center: [number, number]) {
	await page.evaluate(
		([zoom, center]) =>
			new Promise<void>((resolve) => {
				const map = (window as unknown as MapHandle).__atlas.map;
				map.once('idle', () => resolve());
				map.jumpTo({ zoom: zoom as number, center: center as [number, number] });
			}),
		[zoom, center] as const
	);
}

test.describe('published tile set', () => {
	test('year toggles and kind filters change the summed counts; cells with nothing left disappear', async ({
		page
	}) => {
		await openTiles(page, `#map=4/40/62&tiles=${NAME}`);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.getByRole('heading', { name: 'E2E sample' })).toBeVisible();
		const summary = panel.getByTestId('tiles-summary');
		await expect(summary).toContainText(`${number(rows.length)} of ${number(rows.length)} events`);

		// Each year's toggle counts that year's rows.
		const years = [...new Set(rows.map((r) => Number(r.year)))].sort();
		expect(years).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
		const perYear = (y: number) => rows.filter((r) => Number(r.year) === y).length;
		const toggles = panel.getByRole('group', { name: 'Years' });
		await expect(toggles.locator('label', { hasText: '2015' })).toContainText(`(${perYear(2015)})`);

		// Only 2015 left: the sum is 2015's rows, and each cell is drawn with its 2015 count,
		// a cell with no 2015 event not at all.
		const cellsBefore = await renderedTileCells(page);
		for (const cell of cellsBefore) expect(cell.n).toBe(cell.props.n);
		for (const y of years.filter((y) => y !== 2015)) {
			await toggles.getByRole('checkbox', { name: String(y) }).uncheck();
		}
		await expect(summary).toContainText(`${number(perYear(2015))} of ${number(rows.length)}`);
		await idle(page);
		const inView = await tileCellsInView(page);
		for (const cell of inView) expect(cell.n, `cell ${cell.id}`).toBe(cell.props.y2015 ?? 0);
		const only2015 = inView.filter((c) => c.n > 0);
		expect(only2015.length).toBeGreaterThan(0);
		expect(only2015.length).toBeLessThan(inView.length);
		// The count labels say 2015's count too (they were the all-year sums before).
		const labels = await page
			.locator('.atlas-cell-label')
			.evaluateAll((els) =>
				els.map((e) => [Number((e as HTMLElement).dataset.cell), e.textContent])
			);
		expect(labels.length).toBeGreaterThan(0);
		const byId = new Map(only2015.map((c) => [c.id, c.props]));
		for (const [id, text] of labels) {
			const props = byId.get(id);
			expect(props, `label on cell ${id}`).toBeDefined();
			expect(props!.y2015).toBeGreaterThanOrEqual(LABEL_MIN_COUNT);
			expect(text).toBe(countLabel(props!.y2015));
		}
		expect(await hashParams(page).then((p) => p.get('off'))).toBe(
			years.filter((y) => y !== 2015).join(',')
		);
		// Tiles that load after the toggle (a zoom in), and tiles that come back from the
		// map's cache (the zoom back out), are drawn with 2015's counts too.
		for (const zoom of [5, 4]) {
			await jump(page, zoom, [62, 40]);
			const cells = await tileCellsInView(page);
			expect(cells.length).toBeGreaterThan(0);
			for (const cell of cells) {
				expect(cell.n, `cell ${cell.id} at zoom ${zoom}`).toBe(cell.props.y2015 ?? 0);
			}
		}

		// Kinds: without "Attacks and operations" the sum is the other event types' rows.
		await toggles.getByRole('button', { name: 'Show all years' }).click();
		await page.getByRole('checkbox', { name: 'Attacks and operations' }).uncheck();
		const others = rows.filter((r) => !VIOLENCE.includes(r.event_type)).length;
		await expect(summary).toContainText(`${number(others)} of ${number(rows.length)}`);
		await idle(page);
		const noViolence = await renderedTileCells(page);
		// A cell of violent events only is gone; the source is the same one, not rebuilt.
		expect(noViolence.length).toBeLessThan(cellsBefore.length);
		for (const cell of await tileCellsInView(page)) {
			const nonViolent = Object.entries(cell.props)
				.filter(([k]) => /^y\d{4}k[1-9]s\d$/.test(k))
				.reduce((n, [, v]) => n + Number(v), 0);
			expect(cell.n, `cell ${cell.id}`).toBe(nonViolent);
		}
		// The filter reaches the events drawn from zoom 10 too, though it changed at zoom 4.
		await jump(page, 11, [69.17, 34.53]);
		const kinds = await page.evaluate(() =>
			(window as unknown as MapHandle).__atlas.map
				.queryRenderedFeatures({ layers: ['tileset-points'] })
				.map((f) => Number(f.properties.k))
		);
		expect(kinds.length).toBeGreaterThan(0);
		expect(kinds.filter((k) => k === 0)).toEqual([]);
	});

	test('the timeline shows events per year; its handles narrow the range by whole years, on the map and in the link', async ({
		page
	}) => {
		await openTiles(page, `#map=4/40/62&tiles=${NAME}`);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		const timeline = panel.getByRole('region', { name: 'Timeline' });
		await expect(timeline.getByRole('img')).toHaveAttribute(
			'aria-label',
			`Events per year, 2010 to 2020: ${rows.length}.`
		);
		// Whole years: no choice between "overlaps" and "within", which would select the same.
		await expect(timeline.getByRole('radio')).toHaveCount(0);
		const start = timeline.getByRole('slider', { name: 'Start of time range' });
		const end = timeline.getByRole('slider', { name: 'End of time range' });
		await expect(start).toHaveAttribute('aria-valuetext', '2010');
		// By the keyboard: a step is a year.
		await start.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await end.focus();
		await page.keyboard.press('ArrowLeft');
		await expect(start).toHaveAttribute('aria-valuetext', '2012');
		await expect(end).toHaveAttribute('aria-valuetext', '2019');
		await expect(timeline.getByTestId('range-text')).toHaveText('2012 – 2019');
		const inRange = (y: number) => y >= 2012 && y <= 2019;
		const kept = rows.filter((r) => inRange(Number(r.year))).length;
		const summary = panel.getByTestId('tiles-summary');
		await expect(summary).toContainText(`${number(kept)} of ${number(rows.length)}`);
		const params = await hashParams(page);
		expect([params.get('from'), params.get('to')]).toEqual(['2012-01', '2019-12']);
		// Each cell is drawn with its count for 2012-2019.
		await idle(page);
		const cells = await tileCellsInView(page);
		expect(cells.length).toBeGreaterThan(0);
		for (const cell of cells) {
			const n = Object.entries(cell.props)
				.filter(([k]) => /^y\d{4}$/.test(k) && inRange(Number(k.slice(1))))
				.reduce((sum, [, v]) => sum + Number(v), 0);
			expect(cell.n, `cell ${cell.id}`).toBe(n);
		}
		// The link restores the range.
		const link = await page.evaluate(() => window.location.hash);
		const other = await page.context().newPage();
		await openTiles(other, link);
		await expect(other.getByTestId('range-text')).toHaveText('2012 – 2019');
		await expect(other.getByTestId('tiles-summary')).toContainText(`${number(kept)} of`);
		await other.close();
		// "All dates" clears it.
		await timeline.getByRole('button', { name: 'All dates' }).click();
		await expect(summary).toContainText(`${number(rows.length)} of ${number(rows.length)}`);
		// Play steps through the years, a year at a time.
		await timeline.getByRole('button', { name: 'Play' }).click();
		await expect(timeline.getByTestId('range-text')).toHaveText('2010');
		await expect(timeline.getByTestId('range-text')).toHaveText('2011');
		await timeline.getByRole('button', { name: 'Pause' }).click();
		const perYear = (y: number) => rows.filter((r) => Number(r.year) === y).length;
		await expect(summary).toContainText(`${number(perYear(2011))} of ${number(rows.length)}`);
	});

	test('clicking a cell lists its events by date with counts per year, and its link restores it', async ({
		page
	}) => {
		await openTiles(page, `#map=6/34.5/69.2&tiles=${NAME}`);
		const cells = (await renderedTileCells(page)).sort((a, b) => b.props.n - a.props.n);
		const target = cells[0];
		await page.mouse.click(target.x, target.y);
		const cell = page.getByTestId('tile-cell');
		await expect(cell.getByTestId('cell-count')).toHaveText(
			`${number(target.props.n)} events with the filters`
		);
		const params = await hashParams(page);
		expect(params.get('cell')).toMatch(/^6\/\d+\/\d+$/);
		expect(params.get('tiles')).toBe(NAME);

		// Counts per year add up to the cell's, each as the cell's own count for that year says.
		const years = await cell.getByTestId('cell-years').locator('li').allInnerTexts();
		const counted = years.map((t) => t.split(/\s+/).map((s) => Number(s.replace(/,/g, ''))));
		expect(counted.reduce((n, [, c]) => n + c, 0)).toBe(target.props.n);
		for (const [year, count] of counted) expect(target.props[`y${year}`]).toBe(count);

		// Sorted by date, 50 at a time.
		const list = cell.getByTestId('cell-events').locator('li');
		await expect(list).toHaveCount(Math.min(50, target.props.n));
		const dates = await list.locator('.date').allInnerTexts();
		expect(dates).toEqual([...dates].sort());
		if (target.props.n > 50) {
			await cell.getByRole('button', { name: /^Show \d+ more/ }).click();
			await expect(list).toHaveCount(Math.min(100, target.props.n));
		}
		const firstIds = await list.locator('.meta').allInnerTexts();

		// The link opens the same cell and list in a fresh page.
		const link = await page.evaluate(() => window.location.hash);
		const other = await page.context().newPage();
		await openTiles(other, link);
		const again = other.getByTestId('tile-cell').getByTestId('cell-events').locator('li');
		await expect(again).toHaveCount(Math.min(50, target.props.n));
		expect(await again.locator('.meta').allInnerTexts()).toEqual(firstIds.slice(0, 50));
		await other.close();
	});

	test('from zoom 10 each event is a dot: clicking one picks it, and the link restores the pick', async ({
		page
	}) => {
		await openTiles(page, `#map=11/34.53/69.17&tiles=${NAME}`);
		const dot = await page.evaluate(() => {
			const map = (window as unknown as MapHandle).__atlas.map;
			const rect = map.getCanvas().getBoundingClientRect();
			const [f] = map.queryRenderedFeatures({ layers: ['tileset-points'] });
			const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
			return { id: String(f.properties.id), x: rect.left + p.x, y: rect.top + p.y };
		});
		// Nothing aggregated is drawn this close.
		expect(await renderedTileCells(page)).toEqual([]);
		await page.mouse.click(dot.x, dot.y);
		const picked = page.getByTestId('cell-events').locator('[aria-current="true"]');
		await expect(picked).toHaveCount(1);
		const params = await hashParams(page);
		expect(params.get('cell')).toMatch(/^10\/\d+\/\d+$/);
		// Another dot may lie under the pointer too; whichever was picked is the one ringed.
		const id = params.get('pick')!;
		expect(id).toMatch(/^SYN\d+$/);
		await expect(picked).toContainText(id);
		const row = rows.find((r) => r.event_id_cnty === id)!;
		await expect(picked).toContainText(`${row.sub_event_type} — ${row.location}`);

		const link = await page.evaluate(() => window.location.hash);
		const other = await page.context().newPage();
		await openTiles(other, link);
		await expect(other.getByTestId('cell-events').locator('[aria-current="true"]')).toContainText(
			id
		);
		const ringed = await other.evaluate(() =>
			(window as unknown as MapHandle).__atlas.map
				.queryRenderedFeatures({ layers: ['tileset-picked'] })
				.map((f) => String(f.properties.id))
		);
		expect(ringed).toContain(id);
		await other.close();
	});

	test('the Datasets choice lists published tile sets and switches between them and the reports', async ({
		page
	}) => {
		// The site publishes this tile set in its manifest (build:tiles writes one beside it).
		await page.route('**/tiles/index.json', (route) =>
			route.fulfill({
				contentType: 'application/json',
				body: JSON.stringify({
					datasets: [
						{
							name: NAME,
							title: 'E2E sample',
							file: `${NAME}.pmtiles`,
							count: rows.length,
							years: [2010, 2020],
							bounds: [0, 20, 80, 55],
							bytes: 1
						}
					]
				})
			})
		);
		await page.goto('/');
		const choice = page.getByRole('combobox', { name: 'Dataset' });
		await expect(choice).toBeVisible({ timeout: 45_000 });
		await choice.selectOption(NAME);
		await waitForTiles(page);
		await expect.poll(async () => (await hashParams(page)).get('tiles')).toBe(NAME);
		await expect(page.getByTestId('tiles-summary')).toContainText(`of ${number(rows.length)}`);
		expect((await renderedTileCells(page)).length).toBeGreaterThan(0);
		// The legend offers no switches for the reports' layers, hidden under the tile set; its
		// kind filters stay.
		const legend = page.getByRole('region', { name: 'Map layers and legend' });
		await expect(legend.getByTestId('legend-tiles-note')).toBeVisible();
		await expect(legend.getByRole('checkbox', { name: 'Incidents', exact: true })).toHaveCount(0);
		await expect(legend.getByRole('checkbox', { name: 'Attacks and operations' })).toBeVisible();

		await choice.selectOption({ index: 0 });
		await expect.poll(async () => (await hashParams(page)).get('tiles')).toBeNull();
		await expect(legend.getByRole('checkbox', { name: 'Incidents', exact: true })).toBeChecked();
		await expect(legend.getByTestId('legend-tiles-note')).toHaveCount(0);
		await expect(page.getByRole('group', { name: 'Years' })).toContainText('2014');
		await expect(page.getByRole('group', { name: 'Years' })).not.toContainText('2020');
		expect(
			await page.evaluate(() =>
				(window as unknown as MapHandle).__atlas.map.getLayer('tileset-cells')
			)
		).toBeUndefined();
	});
});
