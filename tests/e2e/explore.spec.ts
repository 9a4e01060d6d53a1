/**
 * Explore: search by any spelling, the actor view and filter, and the recruitment areas'
 * own evidence. Expected lists are computed from the dataset files, never written out.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { buildActorIndex } from '../../src/lib/data/actors';
import { compareIncidents } from '../../src/lib/data/dates';
import type { IncidentFeature, RegionFeature } from '../../src/lib/data/schema';
import { incidentMarkerPosition, waitForMapIdle } from '../support/map';
import { expect, hashParams, openAtlas, renderedIncidentIds, test } from './fixtures';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8'));
const incidents: IncidentFeature[] = read('incidents.geojson').features;
const regions: RegionFeature[] = read('regions.geojson').features;
const actors = buildActorIndex(incidents);
// The actor named in the most incidents, so the filter has something to hide and to keep.
const ACTOR = [...actors.actors].sort((a, b) => b.incidents.length - a.incidents.length)[0];
/** Ids of the incidents whose `actors` name the actor, in the data file's own words. */
const naming = (name: string) =>
	incidents.filter((f) => f.properties.actors.some((a) => a.trim() === name));

const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Incidents panel' });
const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search' });

async function featureState(page: Page, source: string, id: string) {
	return page.evaluate(
		({ source, id }) => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
				.map;
			return map.getFeatureState({ source, id });
		},
		{ source, id }
	);
}

/**
 * A point of the page inside a recruitment area with no marker or place dot on it, found by
 * asking the map what it draws on a grid of pixels.
 */
async function pointInArea(page: Page, regionId: string): Promise<{ x: number; y: number }> {
	const found = await page.evaluate((regionId) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const canvas = map.getCanvas();
		const rect = canvas.getBoundingClientRect();
		for (let y = 40; y < rect.height - 40; y += 12) {
			for (let x = 60; x < rect.width - 40; x += 12) {
				const hits = map.queryRenderedFeatures([x, y], {
					layers: ['recruitment-fill', 'incident-markers', 'place-dots', 'place-labels']
				});
				// Keep clear of markers and dots nearby, not only under the pixel.
				const near = map.queryRenderedFeatures(
					[
						[x - 14, y - 14],
						[x + 14, y + 14]
					],
					{ layers: ['incident-markers', 'place-dots', 'place-labels'] }
				);
				if (
					near.length === 0 &&
					hits.length === 1 &&
					hits[0].layer.id === 'recruitment-fill' &&
					hits[0].properties.id === regionId
				) {
					return { x: rect.left + x, y: rect.top + y };
				}
			}
		}
		return null;
	}, regionId);
	if (!found) throw new Error(`no clear point of ${regionId} in view`);
	return found;
}

test.describe('search', () => {
	test('searching "Актобе" then choosing the result opens Aktobe, on the map too', async ({
		page
	}) => {
		await openAtlas(page);
		const box = searchBox(page);
		await box.fill('Актобе');
		const listbox = page.getByRole('listbox', { name: 'Search results' });
		const first = listbox.getByRole('option').first();
		await expect(first).toContainText('Aktobe');
		await expect(first).toContainText('matched ‘Актобе’');
		await expect(listbox.getByRole('group', { name: 'Places' })).toBeVisible();
		await expect(box).toHaveAttribute('aria-expanded', 'true');

		await page.keyboard.press('ArrowDown');
		await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
		await expect(first).toHaveAttribute('aria-selected', 'true');
		await page.keyboard.press('Enter');

		const panel = panelOf(page);
		await expect(
			panel.getByRole('heading', { level: 2, name: 'Aktobe', exact: true })
		).toBeVisible();
		await expect(box).toHaveAttribute('aria-expanded', 'false');
		expect((await hashParams(page)).get('place')).toBe('aktobe');
		await waitForMapIdle(page);
		expect((await featureState(page, 'places', 'aktobe')).selected).toBe(true);
	});

	test('"/" focuses the search, except while typing; the first Tab reaches it too', async ({
		page
	}) => {
		await openAtlas(page);
		const box = searchBox(page);
		// The first Tab of the page lands on the skip link, which leads into the search.
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Skip to search' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(box).toBeFocused();
		expect(await page.evaluate(() => window.location.hash)).not.toContain('atlas-search');

		await page.getByRole('heading', { level: 1 }).click();
		await expect(box).not.toBeFocused();
		await page.keyboard.press('/');
		await expect(box).toBeFocused();
		await expect(box).toHaveValue('');
		// Typing "/" in the search itself types it.
		await page.keyboard.type('a/b');
		await expect(box).toHaveValue('a/b');
		// Escape closes the results first, then clears the box.
		await expect(box).toHaveAttribute('aria-expanded', 'true');
		await page.keyboard.press('Escape');
		await expect(box).toHaveAttribute('aria-expanded', 'false');
		await expect(box).toHaveValue('a/b');
		await page.keyboard.press('Escape');
		await expect(box).toHaveValue('');
	});

	test('a one-letter typo still finds Atyrau, and a click on the result opens it', async ({
		page
	}) => {
		await openAtlas(page);
		await searchBox(page).fill('Atyray');
		const places = page.getByRole('group', { name: 'Places' });
		const atyrau = places.getByRole('option', { name: /^Atyrau/ });
		await expect(atyrau).toBeVisible();
		await atyrau.click();
		await expect(
			panelOf(page).getByRole('heading', { level: 2, name: 'Atyrau', exact: true })
		).toBeVisible();
		expect((await hashParams(page)).get('place')).toBe('atyrau');
	});

	test('an old Russian name finds the place it belongs to', async ({ page }) => {
		await openAtlas(page);
		await searchBox(page).fill('Гурьев');
		const option = page.getByRole('group', { name: 'Places' }).getByRole('option').first();
		await expect(option).toContainText('Atyrau');
		await expect(option).toContainText('matched ‘Гурьев’');
	});
});

test.describe('actors', () => {
	test('the actor view lists every incident naming the actor, in date order', async ({ page }) => {
		const expected = naming(ACTOR.name);
		expect(expected.length).toBeGreaterThan(1);
		const start = expected[0].properties;
		await openAtlas(page, `#incident=${start.id}`);
		const panel = panelOf(page);
		const card = panel.locator(`article[data-incident="${start.id}"]`);
		// From the incident card's actors row.
		await card.getByRole('button', { name: ACTOR.name, exact: true }).click();
		await expect(panel.getByRole('heading', { level: 2, name: ACTOR.name })).toBeVisible();
		expect((await hashParams(page)).get('view-actor')).toBe(ACTOR.slug);

		const listed = await panel
			.getByRole('list', { name: `Incidents naming ${ACTOR.name}` })
			.locator('li')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-incident')));
		// Every one of them, in the atlas's date order (coarse dates before the precise ones
		// they may precede).
		expect(listed).toEqual([...expected].sort(compareIncidents).map((f) => f.properties.id));

		// Back returns to the incident's place; choosing an incident in the view selects it.
		await page.goBack();
		await expect(card).toHaveAttribute('aria-current', 'true');
		await page.goForward();
		const last = expected[expected.length - 1].properties;
		await panel.locator(`section.actor li[data-incident="${last.id}"] button`).click();
		await expect(panel.locator(`article[data-incident="${last.id}"]`)).toHaveAttribute(
			'aria-current',
			'true'
		);
	});

	test('search reaches an actor by name', async ({ page }) => {
		await openAtlas(page);
		const word = ACTOR.name.split(/\s+/).find((w) => w.length > 5)!;
		await searchBox(page).fill(word);
		const option = page
			.getByRole('group', { name: 'Actors' })
			.getByRole('option', { name: new RegExp(`^${ACTOR.name.replace(/[()]/g, '\\$&')}`) });
		await option.click();
		await expect(panelOf(page).getByRole('heading', { level: 2, name: ACTOR.name })).toBeVisible();
	});

	test('the actor filter hides other incidents on the map and in the panel, and survives reload', async ({
		page
	}) => {
		const expected = naming(ACTOR.name)
			.map((f) => f.properties.id)
			.sort();
		await openAtlas(page, `#view-actor=${ACTOR.slug}`);
		const panel = panelOf(page);
		const before = await renderedIncidentIds(page);
		expect(before.length).toBe(incidents.length);

		await panel.getByRole('checkbox', { name: `Show only incidents naming ${ACTOR.name}` }).check();
		await waitForMapIdle(page);
		expect(await renderedIncidentIds(page)).toEqual(expected);
		expect((await hashParams(page)).get('actor')).toBe(ACTOR.slug);

		// The overview lists only those, and says why.
		await panel.getByRole('button', { name: '← Back' }).click();
		await expect(panel).toContainText(`Showing only incidents naming ${ACTOR.name}`);
		const listed = await panel
			.locator('section.overview button[data-incident]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-incident')));
		expect([...listed].sort()).toEqual(expected);
		await expect(panel.locator('#overview-heading')).toContainText(`${expected.length} incidents`);

		await page.reload();
		await waitForMapIdle(page);
		expect(await renderedIncidentIds(page)).toEqual(expected);
		await expect(panelOf(page)).toContainText(`Showing only incidents naming ${ACTOR.name}`);

		// Combined with a year: both apply.
		const year = expected.length ? Number(naming(ACTOR.name)[0].properties.date.slice(0, 4)) : 2011;
		await panelOf(page)
			.getByRole('checkbox', { name: new RegExp(`^${year}`) })
			.uncheck();
		await waitForMapIdle(page);
		const both = naming(ACTOR.name)
			.filter((f) => !f.properties.date.startsWith(String(year)))
			.map((f) => f.properties.id)
			.sort();
		expect(await renderedIncidentIds(page)).toEqual(both);

		await panelOf(page).getByRole('button', { name: "Show every actor's" }).click();
		await waitForMapIdle(page);
		expect((await hashParams(page)).get('actor')).toBeNull();
		expect((await renderedIncidentIds(page)).length).toBeGreaterThan(both.length);
	});
});

test.describe('recruitment areas', () => {
	const aktobe = regions.find((r) => r.properties.id === 'KZ.AT')!;
	const westKz = regions.find((r) => r.properties.id === 'KZ.WK')!;

	test('clicking a recruitment oblast on the map shows its excerpt and citation', async ({
		page
	}) => {
		await openAtlas(page, '#map=5/48.8/57.5');
		const at = await pointInArea(page, 'KZ.AT');
		await page.mouse.move(at.x, at.y);
		await expect(page.locator('.atlas-tooltip')).toContainText('Aktobe oblast');
		await page.mouse.click(at.x, at.y);
		const panel = panelOf(page);
		await expect(panel.getByRole('heading', { level: 2, name: 'Aktobe oblast' })).toBeVisible();
		const mark = aktobe.properties.recruitment![0];
		await expect(panel.locator('section.area blockquote').first()).toHaveText(mark.excerpt);
		await expect(panel.locator('section.area figcaption').first()).toContainText(mark.cited_as!);
		expect((await hashParams(page)).get('area')).toBe('kz-at');
		await waitForMapIdle(page);
		expect((await featureState(page, 'recruitment', 'KZ.AT')).selected).toBe(true);
		// The oblast lists its places and the incidents inside it, and links to the city.
		await expect(panel.getByRole('button', { name: 'Aktobe', exact: true })).toBeVisible();
		const inside = incidents.filter((f) =>
			['aktobe', 'aktobe-oblast'].includes(f.properties.place)
		);
		for (const f of inside) {
			await expect(
				panel.locator(`section.area li[data-incident="${f.properties.id}"]`)
			).toBeVisible();
		}
	});

	test('a marker over an oblast still opens its place, not the oblast', async ({ page }) => {
		await openAtlas(page, '#map=5.5/49.5/57.5');
		const marker = incidents.find((f) => f.properties.place === 'aktobe')!;
		const at = await incidentMarkerPosition(page, marker.properties.id);
		await page.mouse.click(at.x, at.y);
		const panel = panelOf(page);
		await expect(
			panel.getByRole('heading', { level: 2, name: 'Aktobe', exact: true })
		).toBeVisible();
		expect((await hashParams(page)).get('area')).toBeNull();
	});

	test('a recruitment oblast can be chosen by keyboard from the overview', async ({ page }) => {
		await openAtlas(page);
		const panel = panelOf(page);
		const list = panel.getByRole('region', { name: /^Recruitment areas/ });
		const button = list.getByRole('button', { name: 'West Kazakhstan oblast' });
		await button.focus();
		await page.keyboard.press('Enter');
		const heading = panel.getByRole('heading', { level: 2, name: 'West Kazakhstan oblast' });
		await expect(heading).toBeVisible();
		await expect(heading).toBeFocused();
		await expect(panel.locator('section.area blockquote').first()).toHaveText(
			westKz.properties.recruitment![0].excerpt
		);
		// No incident lies in it, and no filter is on: it must not blame the filters.
		await expect(panel).toContainText('No incident in the data is placed in this area.');
		await expect(panel).not.toContainText('filters');
	});

	test('the city and the oblast of the same name link to each other', async ({ page }) => {
		await openAtlas(page, '#place=aktobe');
		const panel = panelOf(page);
		await panel.getByRole('button', { name: 'Aktobe oblast (recruitment area 2014)' }).click();
		await expect(panel.getByRole('heading', { level: 2, name: 'Aktobe oblast' })).toBeVisible();
		await panel.getByRole('button', { name: 'Aktobe', exact: true }).click();
		await expect(
			panel.getByRole('heading', { level: 2, name: 'Aktobe', exact: true })
		).toBeVisible();
	});

	test('a place with no incidents says so without blaming the filters', async ({ page }) => {
		await openAtlas(page, '#place=karagandy-oblast');
		const panel = panelOf(page);
		await expect(panel.getByRole('heading', { level: 2, name: 'Karagandy oblast' })).toBeVisible();
		await expect(panel).toContainText('No incidents are recorded at this place.');
		await expect(panel).not.toContainText('pass the current filters');
	});
});
