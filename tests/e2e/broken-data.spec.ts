/**
 * Broken data never blanks the map, hangs or throws: each class of broken file, swapped in for
 * the real one, ends in one message that names the file, the record's id and the field.
 * Several breaks share a page load where they fit in the five problems the message lists.
 */
import { readFileSync } from 'node:fs';
import { test as base, type Locator, type Page } from '@playwright/test';
import { alterCheckedData } from '../support/checked-data';
import { expect, openAtlas, test } from './fixtures';

type Feature = { id?: string; geometry: unknown; properties: Record<string, unknown> };
type Collection = { type: string; features: Feature[] };

const read = (file: string) => JSON.parse(readFileSync(`geodata/${file}`, 'utf8'));
const fresh = () => ({
	incidents: read('incidents.geojson') as Collection,
	places: read('places.geojson') as Collection,
	regions: read('regions.geojson') as Collection,
	sources: read('sources.json') as { id: string }[]
});

function byId(collection: Collection, id: string): Feature {
	const found = collection.features.find((f) => f.properties.id === id);
	if (!found) throw new Error(`no ${id} in the dataset`);
	return found;
}

/**
 * Serves `json` in place of one shipped data file (the asset names carry a hash), as a host
 * serving other data than the build checked would: the build's checked copy no longer matches.
 */
async function swap(page: Page, file: string, json: unknown): Promise<void> {
	const [name, ext] = file.split('.');
	await alterCheckedData(page);
	await page.route(`**/${name}.*.${ext}`, (route) => route.fulfill({ json }));
}

/** The message, once it is up: the map never started and nothing is left loading. */
async function failureMessage(page: Page): Promise<Locator> {
	await page.goto('/');
	const alert = page.getByRole('alert');
	await expect(alert).toBeVisible();
	await expect(page.getByRole('status')).toHaveCount(0);
	await expect(page.locator('canvas')).toHaveCount(0);
	return alert;
}

/** One listed problem names this file, record id and field. */
async function expectNamed(alert: Locator, file: string, id: string | null, field: string) {
	const item = alert
		.locator('li')
		.filter({ hasText: file })
		.filter({ hasText: id ?? '' })
		.filter({ hasText: field });
	await expect(item.first(), `${file} ${id} ${field}`).toBeVisible();
}

const INCIDENTS = 'geodata/incidents.geojson';

test('bad geometries are named: null, LineString, latitude 95', async ({ page }) => {
	const d = fresh();
	byId(d.incidents, 'aktobe-suicide-bombing-2011-05').geometry = null;
	byId(d.incidents, 'khost-rocket-attack-claim-2011-07-11').geometry = {
		type: 'LineString',
		coordinates: [
			[69.9, 33.3],
			[70, 33.4]
		]
	};
	byId(d.incidents, 'osh-arrests-2014').geometry = { type: 'Point', coordinates: [72.8, 95] };
	await swap(page, 'incidents.geojson', d.incidents);

	const alert = await failureMessage(page);
	await expect(alert).toContainText('Incident Atlas could not start');
	await expect(alert).toContainText(`Could not load ${INCIDENTS}`);
	await expectNamed(alert, INCIDENTS, 'aktobe-suicide-bombing-2011-05', 'geometry');
	await expectNamed(alert, INCIDENTS, 'khost-rocket-attack-claim-2011-07-11', 'geometry.type');
	await expectNamed(alert, INCIDENTS, 'osh-arrests-2014', 'geometry.coordinates[1]');
	await expect(alert).toContainText('latitude must be within -90..90');
	await expect(alert).toContainText('npm run validate:data');
});

test('bad coordinates are named: [null, 5], strings, a "Circle"', async ({ page }) => {
	const d = fresh();
	byId(d.incidents, 'aktobe-suicide-bombing-2011-05').geometry = {
		type: 'Point',
		coordinates: [null, 5]
	};
	byId(d.incidents, 'khost-rocket-attack-claim-2011-07-11').geometry = {
		type: 'Point',
		coordinates: ['69.9', '33.3']
	};
	byId(d.incidents, 'osh-arrests-2014').geometry = {
		type: 'Circle',
		coordinates: [72.8, 40.5],
		radius: 5000
	};
	await swap(page, 'incidents.geojson', d.incidents);

	const alert = await failureMessage(page);
	await expectNamed(alert, INCIDENTS, 'aktobe-suicide-bombing-2011-05', 'geometry.coordinates[0]');
	await expectNamed(
		alert,
		INCIDENTS,
		'khost-rocket-attack-claim-2011-07-11',
		'geometry.coordinates[0]'
	);
	await expectNamed(alert, INCIDENTS, 'osh-arrests-2014', 'geometry.type');
});

test('bad fields are named: category, status, date, title, actors', async ({ page }) => {
	const d = fresh();
	byId(d.incidents, 'aktobe-suicide-bombing-2011-05').properties.category = 'riot';
	byId(d.incidents, 'khost-rocket-attack-claim-2011-07-11').properties.status = 'rumoured';
	byId(d.incidents, 'law-on-religion-2011').properties.date = 2011;
	byId(d.incidents, 'osh-arrests-2014').properties.title = { en: 'Arrests in Osh' };
	byId(d.incidents, 'kisi-report-2014-09').properties.actors = 'Jund al-Khilafah';
	await swap(page, 'incidents.geojson', d.incidents);

	const alert = await failureMessage(page);
	await expect(alert).toContainText('5 problems');
	await expectNamed(alert, INCIDENTS, 'aktobe-suicide-bombing-2011-05', 'properties.category');
	await expectNamed(alert, INCIDENTS, 'khost-rocket-attack-claim-2011-07-11', 'properties.status');
	await expectNamed(alert, INCIDENTS, 'law-on-religion-2011', 'properties.date');
	await expectNamed(alert, INCIDENTS, 'osh-arrests-2014', 'properties.title');
	await expectNamed(alert, INCIDENTS, 'kisi-report-2014-09', 'properties.actors');
	await expect(alert).not.toContainText('more.');
});

test('broken references are named: unknown place, no citation, duplicate id, swapped lat/lon', async ({
	page
}) => {
	const d = fresh();
	byId(d.incidents, 'aktobe-suicide-bombing-2011-05').properties.place = 'aktau';
	byId(d.incidents, 'khost-rocket-attack-claim-2011-07-11').properties.sources = [];
	byId(d.incidents, 'kisi-report-2014-09').properties.id = 'osh-arrests-2014';
	const atyrau = byId(d.incidents, 'atyrau-bombings-2011-10-31').geometry as {
		coordinates: number[];
	};
	atyrau.coordinates.reverse();
	await swap(page, 'incidents.geojson', d.incidents);

	const alert = await failureMessage(page);
	await expectNamed(alert, INCIDENTS, 'aktobe-suicide-bombing-2011-05', 'properties.place');
	await expect(alert).toContainText('place "aktau" is not in geodata/places.geojson');
	await expectNamed(alert, INCIDENTS, 'khost-rocket-attack-claim-2011-07-11', 'properties.sources');
	await expectNamed(alert, INCIDENTS, 'osh-arrests-2014', 'properties.id');
	await expect(alert).toContainText('duplicate id');
	await expectNamed(alert, INCIDENTS, 'atyrau-bombings-2011-10-31', 'geometry.coordinates');
	await expect(alert).toContainText('swapped');
});

test('an empty incidents collection says so', async ({ page }) => {
	await swap(page, 'incidents.geojson', { type: 'FeatureCollection', features: [] });
	const alert = await failureMessage(page);
	await expect(alert).toContainText('1 problem in the data');
	await expect(alert.locator('li')).toHaveText('geodata/incidents.geojson has no incidents');
});

test('an empty sources.json says so, then lists the citations it leaves without a source', async ({
	page
}) => {
	const d = fresh();
	const citations = d.incidents.features.reduce(
		(n, f) => n + (f.properties.sources as unknown[]).length,
		0
	);
	const marks = d.regions.features.reduce(
		(n, f) => n + ((f.properties.recruitment as unknown[] | undefined)?.length ?? 0),
		0
	);
	await swap(page, 'sources.json', []);

	const alert = await failureMessage(page);
	await expect(alert.locator('li').first()).toContainText(
		'geodata/sources.json has no sources, so no citation can name one'
	);
	await expect(alert.locator('li')).toHaveCount(5);
	await expectNamed(
		alert,
		INCIDENTS,
		d.incidents.features[0].properties.id as string,
		'properties.sources[0].source'
	);
	await expect(alert).toContainText(`…and ${1 + citations + marks - 5} more.`);
});

test('places and regions are checked too: a null name, bad rings, hidden bidi text', async ({
	page
}) => {
	const d = fresh();
	byId(d.places, 'atyrau').properties.name = null;
	byId(d.places, 'osh').properties.aliases = ['\u202egnp.exe'];
	const [first, second] = d.regions.features;
	const ring = (first.geometry as { coordinates: number[][][] }).coordinates[0];
	ring.reverse(); // clockwise
	const bowTie = [
		[50, 46],
		[54, 49],
		[54, 46],
		[50, 49],
		[50, 46]
	];
	second.geometry = { type: 'Polygon', coordinates: [bowTie] };
	await swap(page, 'places.geojson', d.places);
	await swap(page, 'regions.geojson', d.regions);

	const alert = await failureMessage(page);
	await expect(alert).toContainText(
		'Could not load geodata/places.geojson and geodata/regions.geojson'
	);
	await expectNamed(alert, 'geodata/places.geojson', 'atyrau', 'properties.name');
	await expectNamed(alert, 'geodata/places.geojson', 'osh', 'properties.aliases[0]');
	await expect(alert).toContainText('U+202E that is never closed');
	const regions = 'geodata/regions.geojson';
	await expectNamed(alert, regions, first.properties.id as string, 'geometry.coordinates[0]');
	await expect(alert).toContainText('ring must be counterclockwise (RFC 7946)');
	await expectNamed(alert, regions, second.properties.id as string, 'geometry.coordinates');
	await expect(alert).toContainText('edges cross each other');
});

test('a data file the server will not give is named', async ({ page }) => {
	await alterCheckedData(page);
	await page.route('**/regions.*.geojson', (route) =>
		route.fulfill({ status: 503, body: 'down for maintenance' })
	);
	const alert = await failureMessage(page);
	await expectNamed(alert, 'geodata/regions.geojson', null, 'could not be fetched');
	await expect(alert).toContainText('the server answered 503');
});

test('data quoted in the message is cut short and cannot widen the page', async ({ page }) => {
	const d = fresh();
	byId(d.places, 'osh').properties.admin1 = 'X'.repeat(10_000);
	await swap(page, 'places.geojson', d.places);
	const alert = await failureMessage(page);
	await expectNamed(alert, 'geodata/places.geojson', 'osh', 'properties.admin1');
	await expect(alert).toContainText(`admin-1 region "${'X'.repeat(60)}…" is not in`);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
});

test('long and right-to-left text stays in its box, isolated from the text around it', async ({
	page
}) => {
	const d = fresh();
	const name = `Osh${'x'.repeat(10_000)}`;
	const title = `\u202egnp.exe\u202c ${'y'.repeat(10_000)}`;
	byId(d.places, 'osh').properties.name = name;
	byId(d.incidents, 'osh-arrests-2014').properties.title = title;
	await swap(page, 'places.geojson', d.places);
	await swap(page, 'incidents.geojson', d.incidents);
	await openAtlas(page, '#incident=osh-arrests-2014');

	const panel = await page.locator('.panel').boundingBox();
	const heading = page.locator('#place-name');
	await expect(heading.locator('bdi')).toHaveText(name);
	const card = page.locator('article[data-incident="osh-arrests-2014"]');
	await expect(card.locator('h3 bdi')).toHaveText(title);
	for (const box of [await heading.boundingBox(), await card.locator('h3').boundingBox()]) {
		expect(box!.x).toBeGreaterThanOrEqual(panel!.x);
		expect(box!.x + box!.width).toBeLessThanOrEqual(panel!.x + panel!.width + 0.5);
	}
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

	const { incidentMarkerPosition } = await import('../support/map');
	const at = await incidentMarkerPosition(page, 'osh-arrests-2014');
	await page.mouse.move(at.x, at.y);
	const tooltip = page.locator('.atlas-tooltip .maplibregl-popup-content');
	await expect(tooltip).toBeVisible();
	// The marker's tooltip (or its place's) holds the long text in its own isolate, FSI … PDI.
	expect(await tooltip.textContent()).toMatch(/\u2068(Oshx+|\u202egnp\.exe\u202c y+)\u2069/);
	const box = (await tooltip.boundingBox())!;
	expect(box.width).toBeLessThanOrEqual(280);
	expect(box.height).toBeLessThan(100);
});

// Unforeseen failures: the app logs them to the console on purpose, so these tests collect
// console errors themselves instead of using the no-console-errors guard.
base.describe('anything unforeseen ends in the same kind of message', () => {
	const collect = (page: Page) => {
		const errors: string[] = [];
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		page.on('pageerror', (e) => errors.push(e.message));
		return errors;
	};

	base('a component that throws while rendering (svelte:boundary)', async ({ page }) => {
		const errors = collect(page);
		// A browser without a working scrollIntoView: the selected incident card calls it.
		await page.addInitScript(() => {
			Element.prototype.scrollIntoView = () => {
				throw new Error('scrollIntoView is not supported here');
			};
		});
		await page.goto('/#incident=atyrau-bombings-2011-10-31');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Incident Atlas stopped');
		await expect(alert).toContainText('scrollIntoView is not supported here');
		await expect(alert).toContainText('npm run validate:data');
		await expect(page.locator('.panel')).toHaveCount(0);
		expect(errors.join('\n')).toContain('scrollIntoView is not supported here');
	});

	/** Answers 404 for the one JS file whose text contains `marker`, whatever its hashed name. */
	async function failScriptContaining(page: Page, marker: string) {
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			const response = await route.fetch();
			const body = await response.text();
			if (body.includes(marker)) await route.fulfill({ status: 404, body: '' });
			else await route.fulfill({ response, body });
		});
	}

	base("the page's own code fails to load (map code missing)", async ({ page }) => {
		const errors = collect(page);
		// The map controller (src/lib/map/atlas-map.ts) loads with the page, so SvelteKit
		// cannot start the page: its error page says so in the same words.
		await failScriptContaining(page, 'atlas-reset-view');
		await page.goto('/');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Incident Atlas stopped');
		await expect(alert).toContainText('dynamically imported module');
		expect(errors.length).toBeGreaterThan(0);
		await page.unrouteAll({ behavior: 'ignoreErrors' });
	});

	base('a promise nobody handles (the timeline, loaded later, fails to load)', async ({ page }) => {
		const errors = collect(page);
		await failScriptContaining(page, 'timeline-heading');
		await page.goto('/');
		// The timeline is asked for once the map is first idle, which software GL takes a while to reach.
		await page.waitForFunction(() => document.documentElement.dataset.mapReady === 'true', null, {
			timeout: 45_000
		});
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Incident Atlas stopped', { timeout: 30_000 });
		await expect(alert).toContainText('dynamically imported module');
		expect(errors.length).toBeGreaterThan(0);
		await page.unrouteAll({ behavior: 'ignoreErrors' });
	});

	base('an error thrown after the map is up', async ({ page }) => {
		const errors = collect(page);
		await openAtlas(page);
		await page.evaluate(() =>
			setTimeout(() => {
				throw new Error('a timer callback failed');
			})
		);
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Incident Atlas stopped');
		await expect(alert).toContainText('a timer callback failed');
		await expect(page.locator('canvas')).toHaveCount(0);
		expect(errors).toEqual(['a timer callback failed']);
	});
});
