import { readFileSync } from 'node:fs';
import { incidentMarkerPosition, waitForMapIdle } from '../support/map';
import { expect, hashParams, openAtlas, renderedIncidentIds, test } from './fixtures';

const ATYRAU_BOMBINGS = 'atyrau-bombings-2011-10-31';

test.describe('dashboard', () => {
	test('a drag pans the map and updates the URL', async ({ page }) => {
		await openAtlas(page);
		const before = (await hashParams(page)).get('map');
		expect(before).toMatch(/^[\d.]+\/-?[\d.]+\/-?[\d.]+$/);
		const box = (await page.locator('[data-testid="map"]').boundingBox())!;
		const x = box.x + box.width / 2;
		const y = box.y + box.height / 2;
		await page.mouse.move(x, y);
		await page.mouse.down();
		for (let i = 1; i <= 10; i++) await page.mouse.move(x - 20 * i, y - 8 * i);
		await page.mouse.up();
		// Inertia delays moveend on software GL: poll the URL rather than sleeping.
		await expect.poll(async () => (await hashParams(page)).get('map')).not.toBe(before);
		const [, latBefore, lonBefore] = before!.split('/').map(Number);
		const [, latAfter, lonAfter] = (await hashParams(page)).get('map')!.split('/').map(Number);
		// Dragging left and up moves the view east and south.
		expect(lonAfter).toBeGreaterThan(lonBefore);
		expect(latAfter).toBeLessThan(latBefore);
	});

	test('the keyboard pans and zooms the map', async ({ page }) => {
		await openAtlas(page);
		const camera = () =>
			page.evaluate(() => {
				const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
					.map;
				return { zoom: map.getZoom(), lng: map.getCenter().lng };
			});
		const before = await camera();
		await page.locator('[data-testid="map"] canvas').focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(async () => (await camera()).lng).toBeGreaterThan(before.lng);
		await page.keyboard.press('Equal');
		await expect.poll(async () => (await camera()).zoom).toBeGreaterThan(before.zoom + 0.5);
		// The URL follows, so the zoomed view can be cited.
		await expect
			.poll(async () => Number((await hashParams(page)).get('map')?.split('/')[0]))
			.toBeGreaterThan(before.zoom + 0.5);
	});

	test('clicking the Atyrau marker selects the 31 October 2011 explosions with an excerpt, among the other Atyrau incidents', async ({
		page
	}) => {
		await openAtlas(page);
		const at = await incidentMarkerPosition(page, ATYRAU_BOMBINGS);
		await page.mouse.click(at.x, at.y);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		const card = panel.locator(`[data-incident="${ATYRAU_BOMBINGS}"]`);
		await expect(card).toHaveAttribute('aria-current', 'true');
		await expect(card).toContainText('31 October 2011');
		await expect(card).toContainText('Two bomb blasts in Atyrau');
		await expect(card.locator('blockquote').first()).toContainText('October 31');
		await expect(card.locator('figcaption').first()).toContainText('Jund al Khilafah Targets');
		expect((await hashParams(page)).get('incident')).toBe(ATYRAU_BOMBINGS);
		// Every incident at the place is listed, in date order.
		const dates = await panel
			.locator('article.incident time')
			.evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
		expect(dates.length).toBeGreaterThan(3);
		expect([...dates].sort()).toEqual(dates);
	});

	test('unticking 2011 hides its incidents on the map and in the panel; ticking brings them back', async ({
		page
	}) => {
		await openAtlas(page, '#place=atyrau');
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		const card = panel.locator(`[data-incident="${ATYRAU_BOMBINGS}"]`);
		await expect(card).toBeVisible();
		expect(await renderedIncidentIds(page)).toContain(ATYRAU_BOMBINGS);
		const all = (await renderedIncidentIds(page)).length;

		const year2011 = panel.getByRole('checkbox', { name: /^2011/ });
		await year2011.uncheck();
		await waitForMapIdle(page);
		await expect(card).toHaveCount(0);
		const without = await renderedIncidentIds(page);
		expect(without).not.toContain(ATYRAU_BOMBINGS);
		expect(without.length).toBeLessThan(all);
		expect((await hashParams(page)).get('off')).toBe('2011');
		// Every Atyrau incident is from 2011: the panel says so rather than "none pass".
		const atyrau = JSON.parse(readFileSync('geodata/incidents.geojson', 'utf8')).features.filter(
			(f: { properties: { place: string; date: string } }) => f.properties.place === 'atyrau'
		);
		expect(
			atyrau.every((f: { properties: { date: string } }) => f.properties.date.startsWith('2011'))
		).toBe(true);
		await expect(panel).toContainText(
			`All ${atyrau.length} incidents here are hidden by the filters.`
		);

		await year2011.check();
		await waitForMapIdle(page);
		await expect(card).toBeVisible();
		expect(await renderedIncidentIds(page)).toContain(ATYRAU_BOMBINGS);
		expect((await renderedIncidentIds(page)).length).toBe(all);
		expect((await hashParams(page)).get('off')).toBeNull();
	});

	test('unticking a status in the legend hides those incidents; the link keeps it', async ({
		page
	}) => {
		await openAtlas(page, '#place=atyrau');
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		const claim = 'atyrau-bombings-claim-2011';
		await expect(panel.locator(`article[data-incident="${claim}"]`)).toBeVisible();
		expect(await renderedIncidentIds(page)).toContain(claim);

		await page.getByRole('checkbox', { name: /^Claimed/ }).uncheck();
		await waitForMapIdle(page);
		await expect(panel.locator(`article[data-incident="${claim}"]`)).toHaveCount(0);
		await expect(panel.locator(`article[data-incident="${ATYRAU_BOMBINGS}"]`)).toBeVisible();
		expect(await renderedIncidentIds(page)).not.toContain(claim);
		expect(await renderedIncidentIds(page)).toContain(ATYRAU_BOMBINGS);
		expect((await hashParams(page)).get('status-off')).toBe('claimed');

		await page.reload();
		await waitForMapIdle(page);
		await expect(page.getByRole('checkbox', { name: /^Claimed/ })).not.toBeChecked();
		expect(await renderedIncidentIds(page)).not.toContain(claim);
	});

	test('the 2014 recruitment areas follow the 2014 year toggle', async ({ page }) => {
		await openAtlas(page, '#map=4/46/62');
		const recruitmentAreas = () =>
			page.evaluate(() => {
				const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
					.map;
				const ids = map
					.queryRenderedFeatures({ layers: ['recruitment-fill'] })
					.map((f) => String(f.properties.id));
				return [...new Set(ids)].sort();
			});
		expect(await recruitmentAreas()).toEqual(['KZ.AT', 'KZ.QG', 'KZ.SK', 'KZ.WK']);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await panel.getByRole('checkbox', { name: /^2014/ }).uncheck();
		await waitForMapIdle(page);
		expect(await recruitmentAreas()).toEqual([]);
		await panel.getByRole('checkbox', { name: /^2014/ }).check();
		await waitForMapIdle(page);
		expect(await recruitmentAreas()).toHaveLength(4);
	});

	test('a deep link restores view, selection and years', async ({ page }) => {
		await openAtlas(page, '#map=6.5/47.2/52.4&place=atyrau&off=2014,2012');
		const view = await page.evaluate(() => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
				.map;
			return { zoom: map.getZoom(), ...map.getCenter() };
		});
		expect(view.zoom).toBeCloseTo(6.5, 1);
		expect(view.lat).toBeCloseTo(47.2, 1);
		expect(view.lng).toBeCloseTo(52.4, 1);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		await expect(panel.getByRole('checkbox', { name: /^2014/ })).not.toBeChecked();
		await expect(panel.getByRole('checkbox', { name: /^2012/ })).not.toBeChecked();
		await expect(panel.getByRole('checkbox', { name: /^2011/ })).toBeChecked();
		// The link survives the round trip into the address bar unchanged in meaning.
		const params = await hashParams(page);
		expect(params.get('place')).toBe('atyrau');
		expect(params.get('off')).toBe('2012,2014');
	});

	test('a malformed link falls back to the default view without errors', async ({ page }) => {
		await openAtlas(page, '#map=abc/999/<script>&place=%E0%A4%A&off=20x1');
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await expect(panel.getByRole('heading', { level: 2, name: /incidents at/ })).toBeVisible();
		// Every year toggle is on (the timeline's "cumulative" option is not a filter).
		for (const box of await panel.getByRole('checkbox', { name: /^\d{4}/ }).all())
			await expect(box).toBeChecked();
	});

	test('Back steps through selections', async ({ page }) => {
		await openAtlas(page);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await panel.getByRole('button', { name: 'Atyrau', exact: true }).click();
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		await panel.getByRole('button', { name: '← All places' }).click();
		await panel.getByRole('button', { name: 'Boraldai', exact: true }).click();
		await expect(panel.getByRole('heading', { level: 2, name: 'Boraldai' })).toBeVisible();
		await page.goBack();
		await expect(panel.getByRole('heading', { level: 2, name: /incidents at/ })).toBeVisible();
		await page.goBack();
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		await page.goForward();
		await page.goForward();
		await expect(panel.getByRole('heading', { level: 2, name: 'Boraldai' })).toBeVisible();
	});

	test('selection works with the keyboard alone', async ({ page }) => {
		await openAtlas(page);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		const target = panel.locator(`button[data-incident="${ATYRAU_BOMBINGS}"]`);
		// Tab through the page until the incident in the overview has focus.
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			if (await target.evaluate((el) => el === document.activeElement)) break;
		}
		await expect(target).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		await expect(panel.locator(`article[data-incident="${ATYRAU_BOMBINGS}"]`)).toHaveAttribute(
			'aria-current',
			'true'
		);
		expect((await hashParams(page)).get('incident')).toBe(ATYRAU_BOMBINGS);
		// The map flew to it and marks it through feature-state.
		await waitForMapIdle(page);
		const state = await page.evaluate((id) => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
				.map;
			return map.getFeatureState({ source: 'incidents', id });
		}, ATYRAU_BOMBINGS);
		expect(state.selected).toBe(true);
		const centre = await page.evaluate(() =>
			(window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getCenter()
		);
		expect(centre.lng).toBeCloseTo(51.9, 0);
		expect(centre.lat).toBeCloseTo(47.1, 0);
	});

	test('"Copy link" copies a link that reopens the incident', async ({
		page,
		context,
		baseURL
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
		await openAtlas(page, '#place=boraldai');
		const card = page.locator('article[data-incident="boraldai-special-operation-2011-12-03"]');
		await card.getByRole('button', { name: 'Copy link' }).click();
		await expect(card.getByRole('button', { name: 'Link copied' })).toBeVisible();
		const link = await page.evaluate(() => navigator.clipboard.readText());
		expect(link).toBe(`${baseURL}/#incident=boraldai-special-operation-2011-12-03`);
		// A fresh tab, as a colleague would open it.
		const fresh = await context.newPage();
		await fresh.goto(link);
		await waitForMapIdle(fresh);
		await expect(
			fresh.locator('article[data-incident="boraldai-special-operation-2011-12-03"]')
		).toHaveAttribute('aria-current', 'true');
	});

	test('a citation opens every excerpt taken from its source', async ({ page }) => {
		await openAtlas(page, `#incident=${ATYRAU_BOMBINGS}`);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		await panel
			.locator(`article[data-incident="${ATYRAU_BOMBINGS}"] figcaption button`)
			.first()
			.click();
		await expect(panel.getByText('Source', { exact: true })).toBeVisible();
		const excerpts = panel.locator('section.source blockquote');
		expect(await excerpts.count()).toBeGreaterThan(3);
	});
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the panel is a bottom sheet that still lists and selects places', async ({ page }) => {
		await openAtlas(page);
		const panel = page.getByRole('complementary', { name: 'Incidents panel' });
		const box = (await panel.boundingBox())!;
		expect(box.y).toBeGreaterThan(300);
		expect(box.width).toBeGreaterThan(380);
		await panel.getByRole('button', { name: 'Expand panel' }).tap();
		await panel.getByRole('button', { name: 'Atyrau', exact: true }).tap();
		await expect(panel.getByRole('heading', { level: 2, name: 'Atyrau' })).toBeVisible();
		await expect(panel.locator(`[data-incident="${ATYRAU_BOMBINGS}"]`)).toContainText(
			'31 October 2011'
		);
	});
});
