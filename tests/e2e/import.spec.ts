/**
 * Bring your own data: ACLED, GTD, a mapped CSV and GeoJSON imported through the dialog,
 * kept across reloads, cancelled without trace, hostile files survived, exported back.
 * Every test also runs the fixtures' guards: no console problem, no CSP violation, no
 * request to another origin; and here, no request that sends anything (no upload).
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { IncidentFeature } from '../../src/lib/data/schema';
import { sampleLines } from '../../scripts/lib/sample';
import { waitForMapIdle } from '../support/map';
import {
	chooseFile,
	csvFile,
	importedFeatureCount,
	importedLayerIds,
	runImport,
	sampleFile,
	type InMemoryFile
} from '../support/import';
import { expect, openAtlas, test } from './fixtures';

/** Nothing leaves the page: no request but reading the app's own files. */
function watchUploads(page: Page): string[] {
	const sent: string[] = [];
	page.on('request', (r) => {
		if (r.method() !== 'GET' || r.postData()) sent.push(`${r.method()} ${r.url()}`);
	});
	return sent;
}

/** Any payload that runs as code calls one of these. */
async function trapScripts(page: Page) {
	await page.addInitScript(() => {
		for (const name of ['alert', 'prompt', 'confirm'] as const) {
			(window as unknown as Record<string, unknown>)[name] = () => {
				(window as unknown as { __xss: number }).__xss = 1;
			};
		}
	});
}

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Import data' });

async function closeDialog(page: Page) {
	await dialogOf(page).getByRole('button', { name: 'Close' }).click();
	await waitForMapIdle(page);
}

async function importOne(page: Page, file: InMemoryFile): Promise<string> {
	const before = await importedLayerIds(page);
	await chooseFile(page, file);
	const message = await runImport(page);
	expect(message).toMatch(/^Imported/);
	await closeDialog(page);
	const [id] = (await importedLayerIds(page)).filter((l) => !before.includes(l));
	return id;
}

test('imports an ACLED-layout file, maps it as its own layer and keeps it after a reload', async ({
	page
}) => {
	const sent = watchUploads(page);
	await openAtlas(page);
	await chooseFile(page, sampleFile('acled', 500));
	await expect(dialogOf(page).getByLabel('Read as')).toHaveValue('acled');
	expect(await runImport(page)).toMatch(/Imported 500 rows into “acled-sample”/);
	await page.screenshot({ path: '.tmp/import-acled-dialog.png' });
	await closeDialog(page);
	const [id] = await importedLayerIds(page);
	expect(id).toMatch(/^[a-z0-9]{8}$/);
	expect(await importedFeatureCount(page, id)).toBe(500);
	await expect(page.locator(`.legend label[data-dataset="${id}"]`)).toContainText('acled-sample');
	// The dataset is a source of its own, but the header still speaks of the five reports.
	const header = page.getByRole('complementary', { name: 'Incidents panel' }).locator('header');
	await expect(header).toContainText('in 5 news reports');
	await page.screenshot({ path: '.tmp/import-acled-map.png' });

	await page.reload();
	await waitForMapIdle(page);
	expect(await importedLayerIds(page)).toEqual([id]);
	expect(await importedFeatureCount(page, id)).toBe(500);
	expect(sent).toEqual([]);
});

test('imports a Latin-1 GTD-layout file; its incidents open in the panel, cited to the dataset', async ({
	page
}) => {
	const file = sampleFile('gtd', 300, 7);
	await openAtlas(page);
	await chooseFile(page, file);
	await expect(dialogOf(page).getByLabel('Read as')).toHaveValue('gtd');
	await expect(dialogOf(page).getByLabel('Encoding')).toContainText('found windows-1252');
	expect(await runImport(page)).toMatch(/Imported 300 rows/);
	await closeDialog(page);
	const [id] = await importedLayerIds(page);

	// The first row about Aqtöbe: its line number is its id; its name must survive Latin-1.
	const lines = file.buffer.toString('latin1').split('\r\n');
	const line = lines.findIndex((l) => l.includes(',Aqtöbe,')) + 1;
	expect(line).toBeGreaterThan(1);
	await openAtlas(page, `#incident=ds-${id}-${line}`);
	const card = page.locator(`article[data-incident="ds-${id}-${line}"]`);
	await expect(card.locator('h3')).toContainText('in Aqtöbe');
	await expect(card).toContainText('Imported dataset “gtd-sample”');
	await expect(card.locator('blockquote').first()).toContainText(`sample row ${line - 1}.`);
	await page.screenshot({ path: '.tmp/import-gtd-panel.png' });
});

test('a custom CSV goes through the column mapping, which is remembered for its header', async ({
	page
}) => {
	const text = [
		'when,what,y,x,where,who',
		'2012-05-03,Meeting in the square,43.25,76.95,Almaty,Group A; Group B',
		'2012-06,Rally,abc,76.9,Almaty,',
		'2013,Statement,51.17,71.45,Astana,Group A'
	].join('\n');
	await openAtlas(page);
	await chooseFile(page, csvFile('own.csv', text));
	const dialog = dialogOf(page);
	await expect(dialog.getByLabel('Read as')).toHaveValue('custom');
	await expect(dialog.getByRole('button', { name: 'Import own.csv' })).toBeDisabled();
	await dialog.getByLabel('Latitude *').selectOption('y');
	await dialog.getByLabel('Longitude *').selectOption('x');
	await dialog.getByLabel('Date *').selectOption('when');
	await dialog.getByLabel('Title *').selectOption('what');
	await dialog.getByLabel('Place name').selectOption('where');
	await dialog.getByLabel('Actors (separated by ;)').selectOption('who');
	expect(await runImport(page)).toMatch(/Imported 2 rows.*1 rows rejected/);
	await expect(dialog.getByTestId('import-errors')).toHaveText("line 3, y: 'abc' is not a number");

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		dialog.getByRole('button', { name: 'Download error report (CSV)' }).click()
	]);
	const report = readFileSync(await download.path(), 'utf8');
	expect(report).toBe("line,column,reason\r\n3,y,'abc' is not a number\r\n");

	// The same header again: the mapping comes back as it was left.
	await chooseFile(page, csvFile('own-again.csv', text));
	await expect(dialog.getByText('The mapping you used last time for these columns.')).toBeVisible();
	await expect(dialog.getByLabel('Title *')).toHaveValue('what');
	await expect(dialog.getByLabel('Latitude *')).toHaveValue('y');
	await closeDialog(page);
	const [id] = await importedLayerIds(page);
	await openAtlas(page, `#incident=ds-${id}-2`);
	const card = page.locator(`article[data-incident="ds-${id}-2"]`);
	await expect(card.locator('h3')).toHaveText('Meeting in the square');
});

test('imports a GeoJSON file in the Atlas’s schema and exports the imported incidents back', async ({
	page
}) => {
	const geojson = readFileSync('geodata/incidents.geojson');
	const count = JSON.parse(geojson.toString('utf8')).features.length;
	await openAtlas(page);
	const id = await importOne(page, {
		name: 'atlas-copy.geojson',
		mimeType: 'application/geo+json',
		buffer: geojson
	});
	expect(await importedFeatureCount(page, id)).toBe(count);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'GeoJSON' }).click()
	]);
	const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
	const mine = exported.features.filter((f: { properties: { id: string } }) =>
		f.properties.id.startsWith(`ds-${id}-`)
	);
	expect(mine).toHaveLength(count);
	// Each exported record is a valid Atlas incident, cited to the imported dataset.
	for (const f of mine) {
		const parsed = IncidentFeature.parse(f);
		expect(parsed.properties.sources[0].source).toBe(`ds-${id}`);
	}

	// And the export imports again as a dataset of its own, every record accepted.
	await chooseFile(page, {
		name: 'exported.geojson',
		mimeType: 'application/geo+json',
		buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: mine }))
	});
	expect(await runImport(page)).toMatch(new RegExp(`Imported ${count} rows`));
});

test('cancel mid-import leaves the stored datasets exactly as they were', async ({ page }) => {
	await openAtlas(page);
	const first = await importOne(page, sampleFile('acled', 200, 2));
	const big = sampleFile('acled', 150_000, 3);
	await chooseFile(page, big);
	const dialog = dialogOf(page);
	await dialog.getByRole('button', { name: /^Import / }).click();
	const cancel = dialog.getByRole('button', { name: 'Cancel import' });
	await cancel.click();
	await expect(dialog.getByRole('alert')).toHaveText(
		'The import was cancelled. Nothing was stored.'
	);
	await expect(dialog.locator('.datasets li[data-dataset]')).toHaveCount(1);
	await closeDialog(page);
	expect(await importedLayerIds(page)).toEqual([first]);

	await page.reload();
	await waitForMapIdle(page);
	expect(await importedLayerIds(page)).toEqual([first]);
	expect(await importedFeatureCount(page, first)).toBe(200);
	// No staged chunk of the cancelled import is left in storage.
	const stored = await page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('incident-atlas-imports');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('chunks').objectStore('chunks').getAllKeys();
					req.onsuccess = () => {
						resolve([...new Set((req.result as [string, number][]).map((k) => k[0]))]);
						open.result.close();
					};
				};
			})
	);
	expect(stored).toEqual([first]);
});

test('hostile files are imported with the bad rows named, or rejected with a message; no script runs', async ({
	page
}) => {
	await trapScripts(page);
	const payloads = readFileSync(
		'tests/fixtures/xss/payloadsallthethings/xss_payloads_quick.txt',
		'utf8'
	)
		.split('\n')
		.filter((l) => l.includes('<'))
		.slice(0, 40);
	const naughty = readFileSync('tests/fixtures/xss/blns/blns.txt', 'utf8')
		.split('\n')
		.filter((l) => l && !l.startsWith('#'))
		.slice(0, 200);
	const [header, ...rows] = [...sampleLines({ layout: 'acled', rows: 260, seed: 5 })];
	const cols = header.split(',');
	const notes = cols.indexOf('notes');
	const lat = cols.indexOf('latitude');
	const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;
	const hostileRows = rows.map((row, i) => {
		const cells = (parseCsv(row) as string[][])[0].map((c) => (/[",\r\n]/.test(c) ? cell(c) : c));
		const text = i < payloads.length ? payloads[i] : naughty[i % naughty.length];
		cells[notes] = cell(text);
		cells[cols.indexOf('location')] = cell(i % 3 ? text.slice(0, 60) : '=HYPERLINK("x")');
		if (i === 250) cells[lat] = 'NaN';
		if (i === 251) cells[lat] = '123';
		if (i === 252) cells[notes] = cell('x'.repeat(100_000));
		if (i === 253) cells[notes] = cell('\u202Eevil\u202C \u2066isolated\u2069');
		return i === 254 ? cells.slice(0, 5).join(',') : cells.join(',');
	});
	// Mixed line endings and a BOM.
	const body = `\uFEFF${header}\r\n${hostileRows.map((r, i) => r + (i % 2 ? '\n' : '\r\n')).join('')}`;
	const sent = watchUploads(page);
	await openAtlas(page);
	await chooseFile(page, csvFile('hostile.csv', body));
	await expect(dialogOf(page).getByLabel('Read as')).toHaveValue('acled');
	const message = await runImport(page);
	expect(message).toMatch(/Imported 257 rows.*3 rows rejected/);
	const errors = dialogOf(page).getByTestId('import-errors');
	await expect(errors).toContainText("line 252, latitude: 'NaN' is not a number");
	await expect(errors).toContainText('line 253, latitude: 123 is outside -90..90');
	await expect(errors).toContainText('line 256, (row): has 5 fields; the header has');
	await closeDialog(page);
	const [id] = await importedLayerIds(page);

	// The first payload row, in the panel: shown as text.
	await openAtlas(page, `#incident=ds-${id}-2`);
	const card = page.locator(`article[data-incident="ds-${id}-2"]`);
	await expect(card.locator('blockquote').first()).toHaveText(payloads[0]);
	expect(await card.locator('img, script, iframe, svg[onload]').count()).toBe(0);
	await page.screenshot({ path: '.tmp/import-hostile-panel.png' });

	// Files that are not what they claim: each rejected with a message, the page alive.
	const broken: InMemoryFile[] = [
		csvFile(
			'open-quote.csv',
			'latitude,longitude,event_date,event_type\n1,2,"2014-01-01,Battles\n'
		),
		csvFile('empty.csv', ''),
		csvFile('header-only.csv', 'event_date,latitude,longitude,event_type\r\n'),
		...['sample.csv', 'utf-8-bom-sample.csv'].map((n) =>
			csvFile(n, readFileSync(`tests/fixtures/csv/papaparse/${n}`))
		),
		...['comma_in_quotes.csv', 'json.csv', 'quotes_and_newlines.csv'].map((n) =>
			csvFile(n, readFileSync(`tests/fixtures/csv/csv-spectrum/csvs/${n}`))
		),
		...readdirSync('tests/fixtures/geojson/check-geojson/bad')
			.slice(0, 6)
			.map((n) => ({
				name: n,
				mimeType: 'application/geo+json',
				buffer: readFileSync(`tests/fixtures/geojson/check-geojson/bad/${n}`)
			})),
		{
			name: 'deep.geojson',
			mimeType: 'application/geo+json',
			buffer: Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)
		}
	];
	for (const file of broken) {
		await chooseFile(page, file);
		const dialog = dialogOf(page);
		// A custom CSV needs its columns first: map the first column to each, as a user might.
		if ((await dialog.getByLabel('Read as').inputValue()) === 'custom') {
			const options = await dialog.getByLabel('Latitude *').locator('option').allTextContents();
			if (options.length < 2) {
				await expect(dialog.getByRole('button', { name: /^Import / })).toBeDisabled();
				continue;
			}
			for (const field of ['Latitude *', 'Longitude *', 'Date *', 'Title *'])
				await dialog.getByLabel(field).selectOption({ index: 1 });
		}
		const outcome = await runImport(page);
		expect(outcome, file.name).toMatch(/^(Nothing usable|This|The|Quote|Invalid)|Imported/);
	}
	await closeDialog(page);
	expect(await importedLayerIds(page)).toEqual([id]);
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)
	).toBeUndefined();
	expect(sent).toEqual([]);
});

test('a link to an imported incident on a machine without that dataset says so', async ({
	page
}) => {
	await openAtlas(page, '#incident=ds-abcd1234-17');
	await expect(page.getByRole('alert')).toContainText('dataset that is not in this browser');
	await expect(page.getByRole('alert')).toContainText('ds-abcd1234-17');
});

test('imported incidents follow the year toggles and the search, and a file dropped on the map imports', async ({
	page
}) => {
	await openAtlas(page);
	const file = sampleFile('acled', 400, 9);
	// Dropped on the map, as a user drags a file from their desktop.
	const transfer = await page.evaluateHandle(
		({ text, name }) => {
			const dt = new DataTransfer();
			dt.items.add(new File([text], name, { type: 'text/csv' }));
			return dt;
		},
		{ text: file.buffer.toString('utf8'), name: 'dropped.csv' }
	);
	const map = page.getByTestId('map');
	await map.dispatchEvent('dragover', { dataTransfer: transfer });
	await map.dispatchEvent('drop', { dataTransfer: transfer });
	await dialogOf(page).getByLabel('Read as').waitFor();
	expect(await runImport(page)).toMatch(/Imported 400 rows into “dropped”/);
	await closeDialog(page);
	const [id] = await importedLayerIds(page);

	const rendered = () =>
		page.evaluate((layer) => {
			const m = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
			return m.queryRenderedFeatures({ layers: [layer] }).map((f) => Number(f.properties.year));
		}, `imported-${id}-markers`);
	expect((await rendered()).filter((y) => y === 2015).length).toBeGreaterThan(0);
	await page.getByRole('checkbox', { name: /^2015/ }).uncheck();
	await waitForMapIdle(page);
	const after = await rendered();
	expect(after.length).toBeGreaterThan(0);
	expect(after.filter((y) => y === 2015)).toEqual([]);

	// Hidden from the legend: gone from the map, still stored.
	await page.locator(`.legend label[data-dataset="${id}"] input`).uncheck();
	await waitForMapIdle(page);
	expect(await rendered()).toEqual([]);
	await page.locator(`.legend label[data-dataset="${id}"] input`).check();
	await page.getByRole('checkbox', { name: /^2015/ }).check();
	await waitForMapIdle(page);

	const search = page
		.getByRole('combobox')
		.or(page.getByPlaceholder(/Search/))
		.first();
	await search.fill('Suicide bomb');
	await expect(page.getByRole('option', { name: /Suicide bomb in/ }).first()).toBeVisible();
});
