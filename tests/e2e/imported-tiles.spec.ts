/**
 * A large imported dataset (over the 20,000-row threshold) is drawn as tiles made in the
 * browser: its own worker builds the aggregation from the rows stored in IndexedDB and the
 * map reads them through the `atlas-import` protocol. The same layers, filters, cell panel
 * and links as a published tile set work on it, a year toggle only changes the cells'
 * feature-states (no tile is asked for again), a reload shows it again from the index kept in
 * IndexedDB, and the whole dataset exports back from the Datasets list.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { IncidentFeature } from '../../src/lib/data/schema';
import { mapAcledRow } from '../../src/lib/import/rows';
import { chooseFile, runImport, sampleFile } from '../support/import';
import { renderedTileCells, tileCellsInView } from '../support/map';
import { expect, hashParams, test } from './fixtures';

const ROWS = 30_000;
const file = sampleFile('acled', ROWS, 4);
const rows = parse(file.buffer.toString('utf8'), { columns: true, bom: true }) as Record<
	string,
	string
>[];
/** Each row as the import stores it (ACLED's time precision can move a date's year). */
const records = rows.map((r, i) => {
	const mapped = mapAcledRow(r, i + 2);
	if (!mapped.ok) throw new Error(`sample row ${i + 2} was rejected`);
	return mapped.record;
});
const perYear = (y: number) => records.filter((r) => r.date.startsWith(`${y}`)).length;
const number = (n: number) => n.toLocaleString('en');

type MapHandle = { __atlas: { map: import('maplibre-gl').Map } };
type Counted = { __tileMessages: { open: number; tile: number } };

/** Counts what the page asks the tile worker, without touching the app: every posted message. */
async function countWorkerMessages(page: Page) {
	await page.addInitScript(() => {
		const counted = { open: 0, tile: 0 };
		(window as unknown as Counted).__tileMessages = counted;
		const post = Worker.prototype.postMessage;
		Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
			const type = (args[0] as { type?: string } | null)?.type;
			if (type === 'open' || type === 'tile') counted[type]++;
			return (post as (...a: unknown[]) => void).apply(this, args);
		} as Worker['postMessage'];
	});
}

const messages = (page: Page) =>
	page.evaluate(() => ({ ...(window as unknown as Counted).__tileMessages }));

async function waitForTiles(page: Page) {
	await page.waitForFunction(
		() =>
			document.documentElement.dataset.mapReady === 'true' &&
			Boolean((window as unknown as MapHandle).__atlas.map.getLayer('tileset-cells')),
		null,
		{ timeout: 60_000 }
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

/**
 * Every cell of the tiles loaded now (the fitted view's tiles hold all the data; a few cells
 * of it lie past the canvas's edge, so they are loaded but not drawn).
 */
async function loadedCells(page: Page) {
	return page.evaluate(() =>
		(window as unknown as MapHandle).__atlas.map
			.querySourceFeatures('tileset', { sourceLayer: 'cells' })
			.map((f) => ({ props: f.properties as Record<string, number> }))
	);
}

const sum = (cells: { props: Record<string, number> }[], key: string) =>
	cells.reduce((n, c) => n + (c.props[key] ?? 0), 0);

test('a large import is drawn as tiles made in the browser: cells, year toggles, cell panel, reload', async ({
	page
}) => {
	test.setTimeout(180_000);
	await countWorkerMessages(page);
	await page.goto('/');
	await page.getByRole('button', { name: 'Import data' }).waitFor({ timeout: 45_000 });
	await chooseFile(page, file);
	expect(await runImport(page)).toMatch(`Imported ${number(ROWS)} rows`);
	const dialog = page.getByRole('dialog', { name: 'Import data' });
	await dialog.getByRole('button', { name: 'Close' }).click();

	// Shown at once as tiles, fitted to the data: every row is in some cell, once.
	await waitForTiles(page);
	const tiles = (await hashParams(page)).get('tiles');
	expect(tiles).toMatch(/^import-[a-z0-9]+$/);
	const panel = page.getByRole('complementary', { name: 'Incidents panel' });
	const summary = panel.getByTestId('tiles-summary');
	await expect(summary).toContainText(`${number(ROWS)} of ${number(ROWS)} events`);
	const all = await renderedTileCells(page);
	expect(all.length).toBeGreaterThan(5);
	for (const cell of all) expect(cell.n).toBe(cell.props.n);
	expect(sum(await loadedCells(page), 'n')).toBe(ROWS);
	// No GeoJSON layer carries the rows: the imported dataset's own layer is empty.
	expect(await messages(page)).toMatchObject({ open: 1 });

	// A year toggle sums other counts: nothing is rebuilt or asked of the worker again.
	const years = [...new Set(records.map((r) => Number(r.date.slice(0, 4))))].sort();
	const toggles = panel.getByRole('group', { name: 'Years' });
	await expect(toggles.locator('label', { hasText: '2015' })).toContainText(`(${perYear(2015)})`);
	const before = await messages(page);
	for (const y of years.filter((y) => y !== 2015)) {
		await toggles.getByRole('checkbox', { name: String(y) }).uncheck();
	}
	await expect(summary).toContainText(`${number(perYear(2015))} of ${number(ROWS)}`);
	await idle(page);
	const inView = await tileCellsInView(page);
	for (const cell of inView) expect(cell.n, `cell ${cell.id}`).toBe(cell.props.y2015 ?? 0);
	const only2015 = inView.filter((c) => c.n > 0);
	expect(only2015.length).toBeGreaterThan(0);
	expect(sum(await loadedCells(page), 'y2015')).toBe(perYear(2015));
	expect(only2015.length).toBeLessThanOrEqual(all.length);
	expect(await messages(page)).toEqual(before);
	// Export from the panel: exactly the rows shown, the 2015 ones, read from IndexedDB.
	const [shownDownload] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('button', { name: 'Export GeoJSON' }).click()
	]);
	const shown = JSON.parse(readFileSync(await shownDownload.path(), 'utf8')).features as {
		properties: { id: string; date: string };
	}[];
	expect(shown).toHaveLength(perYear(2015));
	expect(shown.filter((f) => !f.properties.date.startsWith('2015'))).toEqual([]);
	// The same rows as CSV: the dashboard's columns, one record per row shown, each with its link.
	const [csvDownload] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('button', { name: 'Export CSV' }).click()
	]);
	expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
	const csvRows = parse(readFileSync(await csvDownload.path(), 'utf8'), {
		bom: true,
		columns: true
	}) as Record<string, string>[];
	expect(csvRows.map((r) => r.id).sort()).toEqual(shown.map((f) => f.properties.id).sort());
	expect(
		csvRows.filter((r) => !r.date.startsWith('2015') || !r.link.includes('#incident='))
	).toEqual([]);
	await toggles.getByRole('button', { name: 'Show all years' }).click();
	await expect(summary).toContainText(`${number(ROWS)} of ${number(ROWS)}`);
	await idle(page);

	// Search by place: every stored row whose title names it, counted in the worker; the first
	// by date listed; one of them opens its spot with the event picked.
	const view = await page.evaluate(() => {
		const map = (window as unknown as MapHandle).__atlas.map;
		return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
	});
	const place = / in (.+)$/.exec(records[0].title)![1];
	const named = records.filter((r) => r.title.toLowerCase().includes(place.toLowerCase()));
	await panel.getByRole('searchbox', { name: "Search this dataset's events" }).fill(place);
	await expect(panel.getByTestId('tile-search-count')).toContainText(
		`${number(named.length)} ${named.length === 1 ? 'event matches' : 'events match'} “${place}”`
	);
	const hits = panel.getByTestId('tile-search-results').locator('li');
	await expect(hits).toHaveCount(Math.min(50, named.length));
	await page.screenshot({ path: '.tmp/imported-tiles-search.png' });
	const firstDate = named.map((r) => r.date).sort()[0];
	await expect(hits.first().locator('.date')).toHaveText(firstDate);
	const hitMeta = await hits.first().locator('.meta').innerText();
	const hitId = /ds-[a-z0-9]+-\d+$/.exec(hitMeta)![0];
	await hits.first().getByRole('button').click();
	await expect.poll(async () => (await hashParams(page)).get('pick')).toBe(hitId);
	await expect(page.getByTestId('tile-cell').getByRole('heading')).toHaveText(
		'Events at this spot'
	);
	await expect(
		page.getByTestId('tile-cell').locator('button[aria-current="true"] .meta')
	).toContainText(hitId);
	await page.getByTestId('tile-cell').getByRole('button', { name: 'Close' }).click();
	await panel.getByRole('searchbox', { name: "Search this dataset's events" }).fill('');
	// Back to the fitted view, for the cells below.
	await page.evaluate(
		(v) =>
			new Promise<void>((resolve) => {
				const map = (window as unknown as MapHandle).__atlas.map;
				map.once('idle', () => resolve());
				map.jumpTo(v);
			}),
		view
	);

	// Clicking the biggest cell lists its events by date, from the worker's zoom-10 tiles.
	const target = (await renderedTileCells(page)).sort((a, b) => b.props.n - a.props.n)[0];
	await page.mouse.click(target.x, target.y);
	const cell = page.getByTestId('tile-cell');
	await expect(cell.getByTestId('cell-count')).toHaveText(
		`${number(target.props.n)} events with the filters`
	);
	const list = cell.getByTestId('cell-events').locator('li');
	await expect(list).toHaveCount(Math.min(50, target.props.n));
	const dates = await list.locator('.date').allInnerTexts();
	expect(dates).toEqual([...dates].sort());
	// Each listed event is a row of the file: its line names it, its title is the import's.
	const firstMeta = await list.first().locator('.meta').innerText();
	const line = Number(/ds-[a-z0-9]+-(\d+)$/.exec(firstMeta)?.[1]);
	const record = records[line - 2];
	expect(record).toBeDefined();
	await expect(list.first().locator('.title')).toHaveText(record.title);
	expect(await list.first().locator('.date').innerText()).toBe(record.date);
	await page.screenshot({ path: '.tmp/imported-tiles.png' });

	// A reload opens the same dataset and cell again from the stored index.
	const link = await page.evaluate(() => window.location.hash);
	expect(link).toContain(`tiles=${tiles}`);
	await page.reload();
	await waitForTiles(page);
	await expect(page.getByTestId('tile-cell').getByTestId('cell-count')).toHaveText(
		`${number(target.props.n)} events with the filters`
	);
	await expect(page.getByTestId('tiles-summary')).toContainText(
		`${number(ROWS)} of ${number(ROWS)}`
	);
	expect(sum(await renderedTileCells(page), 'n')).toBeGreaterThan(0);

	// The whole dataset exports from the Datasets list as GeoJSON in the Atlas's schema, read
	// back from IndexedDB a chunk at a time: every row once, as it was stored.
	const id = tiles!.slice('import-'.length);
	await page.getByRole('button', { name: 'Import data' }).click();
	const row = page.getByRole('dialog', { name: 'Import data' }).locator(`li[data-dataset="${id}"]`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		row.getByRole('button', { name: 'Export GeoJSON' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/\.geojson$/);
	const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
	expect(exported.type).toBe('FeatureCollection');
	expect(exported.features).toHaveLength(ROWS);
	// Checked in plain code and asserted once: an expect per row is slow in Playwright.
	const lines = new Set<number>();
	const wrong: string[] = [];
	const pattern = new RegExp(`^ds-${id}-(\\d+)$`);
	for (const feature of exported.features) {
		const f = IncidentFeature.parse(feature);
		const line = Number(pattern.exec(f.properties.id)?.[1]);
		const r = records[line - 2];
		lines.add(line);
		if (
			!r ||
			f.properties.title !== r.title ||
			f.properties.date !== r.date ||
			f.geometry.coordinates[0] !== r.lon ||
			f.geometry.coordinates[1] !== r.lat ||
			f.properties.sources[0].source !== `ds-${id}`
		)
			wrong.push(f.properties.id);
	}
	expect(wrong).toEqual([]);
	expect(lines.size).toBe(ROWS);
	await expect(row.getByRole('button', { name: 'Export GeoJSON' })).toBeEnabled();
});
