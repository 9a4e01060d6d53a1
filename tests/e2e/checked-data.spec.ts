/**
 * The build checks the dataset and ships the result with its digest: a first load uses it
 * without loading the validator, and never uses a copy whose bytes are not what was checked.
 */
import { readFileSync } from 'node:fs';
import { alterCheckedData, CHECKED_DATA } from '../support/checked-data';
import { expect, openAtlas, renderedIncidentIds, test } from './fixtures';

const ATYRAU = 'atyrau-bombings-2011-10-31';
const incidents: { properties: { id: string; title: string } }[] = JSON.parse(
	readFileSync('geodata/incidents.geojson', 'utf8')
).features;
const atyrauTitle = incidents.find((f) => f.properties.id === ATYRAU)!.properties.title;

/** The same-origin paths the page requested, as they are asked for. */
function recordRequests(page: import('@playwright/test').Page): string[] {
	const paths: string[] = [];
	page.on('request', (r) => paths.push(new URL(r.url()).pathname));
	return paths;
}

test('a first load uses the data the build checked, with no validator and no raw files', async ({
	page
}) => {
	const requested = recordRequests(page);
	await openAtlas(page, `#incident=${ATYRAU}`);
	await expect(page.locator(`article[data-incident="${ATYRAU}"] h3`)).toHaveText(atyrauTitle);
	expect(await renderedIncidentIds(page)).toContain(ATYRAU);
	expect(requested.filter((p) => /\/atlas-data\.[\w-]+\.json$/.test(p))).toHaveLength(1);
	expect(requested.filter((p) => /dataset\.worker/.test(p))).toEqual([]);
	expect(
		requested.filter((p) =>
			/\/assets\/(incidents|places|regions|sources)\.[\w-]+\.(geo)?json$/.test(p)
		)
	).toEqual([]);
});

test('a checked copy altered after the build is not used: the raw files are checked instead', async ({
	page
}) => {
	const requested = recordRequests(page);
	await alterCheckedData(page, (data) => {
		const target = data.incidents.find((f) => f.properties.id === ATYRAU)!;
		target.properties.title = 'Altered after the build';
	});
	await openAtlas(page, `#incident=${ATYRAU}`);
	// The title is the one the raw file has, checked in the page's worker.
	await expect(page.locator(`article[data-incident="${ATYRAU}"] h3`)).toHaveText(atyrauTitle);
	await expect(page.getByText('Altered after the build')).toHaveCount(0);
	expect(requested.filter((p) => /dataset\.worker/.test(p))).toHaveLength(1);
	expect(requested.filter((p) => /\/assets\/incidents\.[\w-]+\.geojson$/.test(p))).toHaveLength(1);
});

test('a host that answers the checked copy with a page of its own falls back to the raw files', async ({
	page
}) => {
	// As a host with a catch-all route to index.html would answer a file it does not have.
	await page.route(CHECKED_DATA, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Home</title>' })
	);
	await openAtlas(page, `#incident=${ATYRAU}`);
	await expect(page.locator(`article[data-incident="${ATYRAU}"] h3`)).toHaveText(atyrauTitle);
});
