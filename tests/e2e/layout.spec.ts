/**
 * The layout defects a new user hit (issue 7, "Layout defects a new user hit"), each as the
 * user would meet it: at first view on the screens people use, by mouse, touch and keyboard.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { isolate } from '../../src/lib/data/bidi';
import { incidentMarkerPosition, waitForMapIdle } from '../support/map';
import { expect, hashParams, openAtlas, renderedIncidentIds, test } from './fixtures';

const ATYRAU_BOMBINGS = 'atyrau-bombings-2011-10-31';
const ATYRAU_LAST = 'atyrau-remand-prison-video-2011-12-04';
const incidents: { properties: { id: string; place: string } }[] = JSON.parse(
	readFileSync('geodata/incidents.geojson', 'utf8')
).features;
/** Half a marker icon (18 CSS px), the box a marker covers around its centre. */
const MARKER_HALF = 9;

type Box = { x: number; y: number; width: number; height: number };

const intersects = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every rendered incident marker with its page position and the text its tooltip shows. */
async function renderedMarkers(page: Page) {
	const ids = await renderedIncidentIds(page);
	const markers = [];
	for (const id of ids) {
		const at = await incidentMarkerPosition(page, id);
		markers.push({
			id,
			...at,
			box: {
				x: at.x - MARKER_HALF,
				y: at.y - MARKER_HALF,
				width: 2 * MARKER_HALF,
				height: 2 * MARKER_HALF
			}
		});
	}
	return markers;
}

/** Place labels whose placed box meets any of the given page boxes. */
async function labelsOver(page: Page, boxes: Box[]): Promise<string[]> {
	return page.evaluate((boxes) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const rect = map.getCanvas().getBoundingClientRect();
		const hits = new Set<string>();
		for (const b of boxes) {
			const x = b.x - rect.left;
			const y = b.y - rect.top;
			for (const f of map.queryRenderedFeatures(
				[
					[x + 1, y + 1],
					[x + b.width - 1, y + b.height - 1]
				],
				{ layers: ['place-labels'] }
			))
				hits.add(String(f.properties.name));
		}
		return [...hits];
	}, boxes);
}

/**
 * Runs `fn` on the page's map. `fn` must be self-contained (it is sent as source text, and
 * evaluated by the browser's debugger, not by the page, so the page's CSP is not involved).
 */
async function mapEval<T>(page: Page, fn: (map: import('maplibre-gl').Map) => T): Promise<T> {
	return page.evaluate(`(${fn.toString()})(window.__atlas.map)`) as Promise<T>;
}

for (const viewport of [
	{ width: 1440, height: 900 },
	{ width: 1280, height: 800 }
]) {
	test.describe(`at ${viewport.width}x${viewport.height}`, () => {
		test.use({ viewport });

		test('no incident marker lies under the open legend at first view', async ({ page }) => {
			await openAtlas(page);
			const legend = page.getByRole('region', { name: 'Map layers and legend' });
			await expect(legend.getByRole('button', { name: 'Layers & legend' })).toHaveAttribute(
				'aria-expanded',
				'true'
			);
			const legendBox = (await legend.boundingBox())!;
			const markers = await renderedMarkers(page);
			// Ingushetia 2010 and the Baghdad area 2014 were the ones covered.
			expect(markers.map((m) => m.id)).toEqual(
				expect.arrayContaining([
					'said-buryatsky-killed-ingushetia-2010-03',
					'kazakh-jihadists-baghdad-area-2014'
				])
			);
			const covered = markers.filter((m) => intersects(m.box, legendBox)).map((m) => m.id);
			expect(covered).toEqual([]);
		});

		test('place labels make way for incident markers', async ({ page }) => {
			await openAtlas(page);
			const markers = await renderedMarkers(page);
			const placed = await mapEval(page, (map) =>
				map.queryRenderedFeatures({ layers: ['place-labels'] }).map((f) => f.properties.name)
			);
			// Labels still show where there is room for them.
			expect(placed.length).toBeGreaterThan(5);
			expect(
				await labelsOver(
					page,
					markers.map((m) => m.box)
				)
			).toEqual([]);

			// The check can fail: with labels placed over markers, as before, it finds them.
			await mapEval(page, (map) => {
				map.setLayoutProperty('incident-markers', 'icon-ignore-placement', true);
				map.moveLayer('place-labels');
			});
			await waitForMapIdle(page);
			expect(
				(
					await labelsOver(
						page,
						markers.map((m) => m.box)
					)
				).length
			).toBeGreaterThan(0);
		});
	});
}

test.describe('on a desktop', () => {
	test('hovering each marker shows its own incident, never the place under it', async ({
		page
	}) => {
		await openAtlas(page);
		const tooltip = page.locator('.atlas-tooltip');
		const markers = await renderedMarkers(page);
		const titles = await mapEval(page, (map) =>
			Object.fromEntries(
				map
					.querySourceFeatures('incidents')
					.map((f) => [f.properties.id, [f.properties.date_label, f.properties.title]])
			)
		);
		expect(markers.length).toBeGreaterThan(20);
		for (const m of markers) {
			await page.mouse.move(m.x, m.y);
			const [date, title] = titles[m.id];
			// The title is isolated (FSI…PDI) so right-to-left text cannot reorder the date.
			await expect(tooltip, m.id).toHaveText(`${date} · ${isolate(title)}`);
		}
	});

	test('a tooltip stays inside the map at its right edge', async ({ page }) => {
		// Zoomed in, so the map has room to pan Atyrau to its edge.
		await openAtlas(page, '#map=6/47.1/50');
		const mapBox = (await page.locator('[data-testid="map"]').boundingBox())!;
		// Bring Atyrau's markers to a few pixels from the map's right edge.
		const before = await incidentMarkerPosition(page, ATYRAU_BOMBINGS);
		const shift = mapBox.x + mapBox.width - 12 - before.x;
		await page.evaluate((dx) => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
				.map;
			map.panBy([-dx, 0], { animate: false });
		}, shift);
		await waitForMapIdle(page);
		const at = await incidentMarkerPosition(page, ATYRAU_BOMBINGS);
		expect(at.x).toBeGreaterThan(mapBox.x + mapBox.width - 20);
		await page.mouse.move(at.x, at.y);
		const tooltip = page.locator('.atlas-tooltip');
		await expect(tooltip).toContainText('Two bomb blasts in Atyrau');
		const box = (await tooltip.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(mapBox.x);
		expect(box.x + box.width).toBeLessThanOrEqual(mapBox.x + mapBox.width);
	});

	test('clicking a marker selects its incident, highlighted and scrolled into view among its place', async ({
		page
	}) => {
		await openAtlas(page);
		const at = await incidentMarkerPosition(page, ATYRAU_LAST);
		await page.mouse.click(at.x, at.y);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		const card = panel.locator(`article[data-incident="${ATYRAU_LAST}"]`);
		await expect(card).toHaveAttribute('aria-current', 'true');
		await expect(card).toBeInViewport();
		// The place's other incidents are listed around it, not marked.
		const atyrau = incidents.filter((f) => f.properties.place === 'atyrau');
		await expect(panel.locator('article.incident')).toHaveCount(atyrau.length);
		await expect(panel.locator('article.incident[aria-current="true"]')).toHaveCount(1);
		expect((await hashParams(page)).get('incident')).toBe(ATYRAU_LAST);
		await waitForMapIdle(page);
		const state = await mapEval(page, (map) => ({
			clicked: map.getFeatureState({
				source: 'incidents',
				id: 'atyrau-remand-prison-video-2011-12-04'
			}).selected,
			other: !!map.getFeatureState({ source: 'incidents', id: 'atyrau-bombings-2011-10-31' })
				.selected
		}));
		expect(state).toEqual({ clicked: true, other: false });
		// And the map draws its halo, round it alone (the halo layer is filtered to the selection).
		const halos = await mapEval(page, (map) =>
			map.queryRenderedFeatures({ layers: ['incident-halo'] }).map((f) => f.properties.id)
		);
		expect([...new Set(halos)]).toEqual(['atyrau-remand-prison-video-2011-12-04']);
	});

	test('clicking a place dot still selects the place', async ({ page }) => {
		await openAtlas(page, '#map=6/47.1/52');
		const at = await page.evaluate(() => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
				.map;
			const f = map.querySourceFeatures('places', { filter: ['==', ['get', 'id'], 'atyrau'] })[0];
			const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
			const rect = map.getCanvas().getBoundingClientRect();
			return { x: rect.left + p.x, y: rect.top + p.y };
		});
		await page.mouse.click(at.x, at.y);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		const params = await hashParams(page);
		expect(params.get('place')).toBe('atyrau');
		expect(params.get('incident')).toBeNull();
	});

	test('counts read in the singular for one, and an empty place says what is true', async ({
		page
	}) => {
		await openAtlas(page, '#off=2004,2006,2011,2012,2014');
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.locator('#overview-heading')).toHaveText('1 incident at 1 place');
		await expect(panel.locator('section.group[data-place="ingushetia"] .n')).toHaveText(
			'1 incident'
		);

		await page.goto('/#place=karagandy-oblast');
		await waitForMapIdle(page);
		await expect(panel).toContainText('No incidents are recorded at this place.');
		await expect(panel).not.toContainText('filters');

		await page.goto('/#place=ingushetia&off=2010');
		await waitForMapIdle(page);
		await expect(panel).toContainText('The 1 incident here is hidden by the filters.');

		await page.goto('/#place=atyrau&off=2011');
		await waitForMapIdle(page);
		const atyrau = incidents.filter((f) => f.properties.place === 'atyrau').length;
		await expect(panel).toContainText(`All ${atyrau} incidents here are hidden by the filters.`);
	});

	test('the source view is in the URL: citable, and Back returns to the place', async ({
		page
	}) => {
		await openAtlas(page, '#place=atyrau');
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		const citation = panel
			.locator(`article[data-incident="${ATYRAU_BOMBINGS}"] figcaption button`)
			.first();
		const title = (await citation.textContent())!.trim();
		await citation.click();
		await expect(panel.getByRole('heading', { level: 2, name: title })).toBeVisible();
		const source = (await hashParams(page)).get('source');
		expect(source).toMatch(/^[a-z0-9-]+$/);
		expect((await hashParams(page)).get('place')).toBe('atyrau');
		await expect(panel.locator('section.source')).toContainText(/\d+ excerpts? used/);

		await page.goBack();
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		expect((await hashParams(page)).get('source')).toBeNull();
		await page.goForward();
		await expect(panel.getByRole('heading', { level: 2, name: title })).toBeVisible();

		// The link opens the source view on its own, as a colleague would open it.
		await page.goto(`/#source=${source}`);
		await waitForMapIdle(page);
		await expect(panel.getByRole('heading', { level: 2, name: title })).toBeVisible();
	});

	test('a skip link at the top leads past the map to the places', async ({ page }) => {
		await openAtlas(page);
		// The first Tab reaches "Skip to search", the second this one.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('button', { name: 'Skip to places' });
		await expect(skip).toBeFocused();
		await expect(skip).toBeInViewport();
		await page.keyboard.press('Enter');
		const atyrau = page
			.getByRole('complementary', { name: 'Incidents panel' })
			.getByRole('button', { name: 'Atyrau', exact: true });
		let tabs = 0;
		while (!(await atyrau.evaluate((el) => el === document.activeElement)) && tabs < 60) {
			await page.keyboard.press('Tab');
			tabs++;
		}
		await expect(atyrau).toBeFocused();
		// Past the map and its controls, the year toggles and the panel's header.
		expect(tabs).toBeLessThan(30);
	});

	test('the keyboard steps through the markers in view, opens one and clears it', async ({
		page
	}) => {
		await openAtlas(page);
		const inView = await renderedIncidentIds(page);
		await page.locator('[data-testid="map"] canvas').focus();
		const announcer = page.getByTestId('map-announcer');
		const tooltip = page.locator('.atlas-tooltip');

		await page.keyboard.press(']');
		await expect(announcer).toHaveText(new RegExp(`^Incident 1 of ${inView.length} in view: `));
		await page.keyboard.press(']');
		await expect(announcer).toHaveText(/^Incident 2 of /);
		const second = (await announcer.textContent())!;
		await page.keyboard.press(']');
		await page.keyboard.press('[');
		await expect(announcer).toHaveText(second);
		// The tooltip and the halo show the same incident the announcement names.
		const shown = (await tooltip.textContent())!;
		const [date, title] = shown.replace(/[\u2066-\u2069]/g, '').split(' · ');
		expect(second).toContain(`${date}, ${title}.`);
		const hovered = await mapEval(page, (map) =>
			map
				.querySourceFeatures('incidents')
				.filter((f) => map.getFeatureState({ source: 'incidents', id: f.properties.id }).hover)
				.map((f) => ({ id: String(f.properties.id), title: String(f.properties.title) }))
		);
		expect(new Set(hovered.map((h) => h.id)).size).toBe(1);
		expect(hovered[0].title).toBe(title);
		// The tooltip points at the marker itself.
		const marker = await incidentMarkerPosition(page, hovered[0].id);
		const tip = (await page.locator('.atlas-tooltip .maplibregl-popup-tip').boundingBox())!;
		expect(Math.abs(tip.x + tip.width / 2 - marker.x)).toBeLessThan(MARKER_HALF + 16);

		await page.keyboard.press('Enter');
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.locator(`article[data-incident="${hovered[0].id}"]`)).toHaveAttribute(
			'aria-current',
			'true'
		);
		expect((await hashParams(page)).get('incident')).toBe(hovered[0].id);

		await page.locator('[data-testid="map"] canvas').focus();
		await page.keyboard.press('Escape');
		await expect(panel.getByRole('heading', { level: 2, name: /incidents at/ })).toBeVisible();
		expect((await hashParams(page)).get('incident')).toBeNull();
		await expect(tooltip).toHaveCount(0);
		// Arrow keys still pan.
		const lng = await mapEval(page, (map) => map.getCenter().lng);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => mapEval(page, (map) => map.getCenter().lng)).toBeGreaterThan(lng);
	});
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Incidents panel' });

	test('the expanded sheet fits the screen and its last item scrolls into view', async ({
		page
	}) => {
		await openAtlas(page);
		const panel = panelOf(page);
		const handle = panel.locator('button.handle');
		await expect(handle).toHaveAttribute('aria-expanded', 'false');
		await handle.tap();
		await expect(handle).toHaveAttribute('aria-expanded', 'true');
		await expect.poll(async () => (await panel.boundingBox())!.height).toBeGreaterThan(700);
		const box = (await panel.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height).toBeLessThanOrEqual(844);
		const last = panel.locator('#panel-content li').last();
		await last.scrollIntoViewIfNeeded();
		const lastBox = (await last.boundingBox())!;
		expect(lastBox.y).toBeGreaterThanOrEqual(box.y);
		expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(844);
		await expect(last).toBeInViewport();
		// A second tap puts it back down; the keyboard works the same button.
		await handle.tap();
		await expect(handle).toHaveAttribute('aria-expanded', 'false');
		await handle.focus();
		await page.keyboard.press('ArrowUp');
		await expect(handle).toHaveAttribute('aria-expanded', 'true');
	});

	test('a finger dragging the handle up opens the sheet, and down closes it', async ({ page }) => {
		await openAtlas(page);
		const panel = panelOf(page);
		const handle = panel.locator('button.handle');
		const start = (await panel.boundingBox())!;
		const h = (await handle.boundingBox())!;
		const x = h.x + h.width / 2;
		const y = h.y + h.height / 2;
		const cdp = await page.context().newCDPSession(page);
		const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', ty: number) =>
			cdp.send('Input.dispatchTouchEvent', {
				type,
				touchPoints: type === 'touchEnd' ? [] : [{ x, y: ty }]
			});
		await touch('touchStart', y);
		for (let i = 1; i <= 10; i++) await touch('touchMove', y - 35 * i);
		await touch('touchEnd', y - 350);
		await expect(handle).toHaveAttribute('aria-expanded', 'true');
		await expect
			.poll(async () => (await panel.boundingBox())!.height)
			.toBeGreaterThan(start.height + 150);
		const open = (await panel.boundingBox())!;
		expect(open.y).toBeGreaterThanOrEqual(0);

		// The sheet animates open: the second drag starts on its handle once it has settled
		// (two frames without movement), or a slow machine starts it where the handle was.
		await expect
			.poll(() =>
				handle.evaluate(
					(el) =>
						new Promise<boolean>((resolve) => {
							const top = el.getBoundingClientRect().top;
							requestAnimationFrame(() =>
								requestAnimationFrame(() => resolve(el.getBoundingClientRect().top === top))
							);
						})
				)
			)
			.toBe(true);
		const h2 = (await handle.boundingBox())!;
		const y2 = h2.y + h2.height / 2;
		await touch('touchStart', y2);
		for (let i = 1; i <= 10; i++) await touch('touchMove', y2 + 50 * i);
		await touch('touchEnd', y2 + 500);
		await expect(handle).toHaveAttribute('aria-expanded', 'false');
	});

	test('a tapped marker opens its incident and leaves no tooltip behind', async ({ page }) => {
		await openAtlas(page);
		const at = await incidentMarkerPosition(page, ATYRAU_BOMBINGS);
		await page.touchscreen.tap(at.x, at.y);
		await expect(
			panelOf(page).locator(`article[data-incident="${ATYRAU_BOMBINGS}"]`)
		).toHaveAttribute('aria-current', 'true');
		expect((await hashParams(page)).get('incident')).toBe(ATYRAU_BOMBINGS);
		await expect(page.locator('.atlas-tooltip')).toHaveCount(0);
	});
});
