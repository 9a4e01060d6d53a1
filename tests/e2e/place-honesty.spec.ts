/**
 * Records that are not really "at" a place must not read as if they were: national records
 * sit outside every oblast, online and venue-less records say so and get no uncertainty area,
 * and a date the sources only bound says its bounds.
 */
import { incidentMarkerPosition } from '../support/map';
import { expect, openAtlas, test } from './fixtures';

/** The eight records the data place at "Kazakhstan — national, no place". */
async function nationalIncidentIds(page: import('@playwright/test').Page): Promise<string[]> {
	return page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const ids = map
			.querySourceFeatures('incidents', { filter: ['==', ['get', 'place'], 'kazakhstan'] })
			.map((f) => String(f.properties.id));
		return [...new Set(ids)].sort();
	});
}

test('country-level records are docked outside every oblast and recruitment area', async ({
	page
}) => {
	await openAtlas(page);
	const ids = await nationalIncidentIds(page);
	expect(ids.length).toBeGreaterThanOrEqual(7);
	const box = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
	for (const id of ids) {
		const at = await incidentMarkerPosition(page, id);
		const under = await page.evaluate(
			({ x, y }) => {
				const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas
					.map;
				const layers = ['recruitment-fill', 'land', 'incident-markers'];
				return map
					.queryRenderedFeatures([x, y], { layers })
					.map((f) =>
						f.layer.id === 'incident-markers' ? `marker:${f.properties.id}` : f.layer.id
					);
			},
			{ x: at.x - box.x, y: at.y - box.y }
		);
		// The marker is drawn there, on water: no recruitment oblast, no land of any country.
		expect(under, id).toContain(`marker:${id}`);
		expect(under, id).not.toContain('recruitment-fill');
		expect(under, id).not.toContain('land');
	}
	// The anchor is labelled as what it is.
	const labels = await page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		return map.queryRenderedFeatures({ layers: ['place-labels'] }).map((f) => f.properties.name);
	});
	expect(labels).toContain('Kazakhstan — national, no place');
});

test('a claim posted online says so and draws no uncertainty area', async ({ page }) => {
	await openAtlas(page, '#place=atyrau');
	const claim = page.locator('article[data-incident="atyrau-bombings-claim-2011"]');
	await expect(claim.locator('[data-field="location"]')).toContainText(
		'Posted online; refers to Atyrau'
	);
	const bombings = page.locator('article[data-incident="atyrau-bombings-2011-10-31"]');
	await expect(bombings.locator('[data-field="location"]')).not.toContainText('online');
	const areas = await page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const ids = map.querySourceFeatures('uncertainty').map((f) => String(f.properties.id));
		return [...new Set(ids)];
	});
	// The bombings (town-level) keep their circle; the online claim at the same place has none.
	expect(areas).toContain('atyrau-bombings-2011-10-31');
	expect(areas).not.toContain('atyrau-bombings-claim-2011');
});

test('the suspects in custody show the bounds the sources allow', async ({ page }) => {
	await openAtlas(page, '#incident=atyrau-suspects-in-custody-2011');
	const card = page.locator('article[data-incident="atyrau-suspects-in-custody-2011"]');
	await expect(card.locator('time')).toHaveText('31 October – 9 November 2011');
	await expect(card.locator('[data-field="date-bounds"]')).toHaveText(
		'on or after 31 October and by 9 November 2011'
	);
	await expect(card.locator('[data-field="location"]')).toContainText(
		'Venue not given; shown at Atyrau'
	);
});
