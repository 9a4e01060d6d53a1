import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { IncidentCollection } from '../../src/lib/data/schema';
import { incidentInRange, monthIndex, type TimeRange } from '../../src/lib/timeline/period';
import { waitForMapIdle } from '../support/map';
import { expect, hashParams, openAtlas, renderedIncidentIds, test } from './fixtures';

const incidents = IncidentCollection.parse(
	JSON.parse(readFileSync('geodata/incidents.geojson', 'utf8'))
).features;
const allIds = incidents.map((f) => f.properties.id).sort();
const OCT_NOV_2011: TimeRange = {
	from: monthIndex(2011, 10),
	to: monthIndex(2011, 11),
	within: false
};

/** The ids the range should keep, computed from the dataset with the app's own period rule. */
const expectedIds = (range: TimeRange) =>
	incidents
		.filter((f) => incidentInRange(f.properties, range))
		.map((f) => f.properties.id)
		.sort();

/** Ids of the incidents the panel's overview lists. */
async function panelIds(page: Page): Promise<string[]> {
	const ids = await page
		.locator('.panel button[data-incident]')
		.evaluateAll((els) => els.map((el) => el.getAttribute('data-incident')!));
	return ids.sort();
}

/**
 * Map and panel both show exactly `ids` once the map has settled. The map is asked again after
 * each idle: when filters change faster than the worker re-tiles (a key held down), MapLibre
 * can go idle on one tile's older re-tiling while the newer one is still on its way.
 */
async function expectShown(page: Page, ids: string[]): Promise<void> {
	await expect.poll(() => panelIds(page)).toEqual(ids);
	await expect
		.poll(async () => {
			await waitForMapIdle(page);
			return renderedIncidentIds(page);
		})
		.toEqual(ids);
	await expect(page.getByRole('heading', { level: 2, name: /incidents at/ })).toContainText(
		`${ids.length} incidents`
	);
}

const startHandle = (page: Page) => page.getByRole('slider', { name: 'Start of time range' });
const endHandle = (page: Page) => page.getByRole('slider', { name: 'End of time range' });

test.describe('timeline', () => {
	test('without a range every incident shows, and the handles span the data', async ({ page }) => {
		await openAtlas(page);
		await expectShown(page, allIds);
		await expect(startHandle(page)).toHaveAttribute('aria-valuetext', 'January 2004');
		await expect(endHandle(page)).toHaveAttribute('aria-valuetext', 'December 2014');
	});

	test('a range in the URL shows exactly the incidents overlapping it, on the map and in the panel', async ({
		page
	}) => {
		const expected = expectedIds(OCT_NOV_2011);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(allIds.length);
		await openAtlas(page, '#from=2011-10&to=2011-11');
		await expectShown(page, expected);
		await expect(startHandle(page)).toHaveAttribute('aria-valuetext', 'October 2011');
		await expect(endHandle(page)).toHaveAttribute('aria-valuetext', 'November 2011');
		await expect(page.getByTestId('range-text')).toHaveText('October 2011 – November 2011');

		// The year toggles count what passes the range: 2014 has nothing in Oct–Nov 2011.
		await expect(page.locator('.years label', { hasText: '2014' })).toContainText('(0)');
		const in2011 = expected.filter(
			(id) => incidents.find((f) => f.properties.id === id)!.properties.date.slice(0, 4) === '2011'
		).length;
		await expect(page.locator('.years label', { hasText: '2011' })).toContainText(`(${in2011})`);
	});

	test('"entirely within the range" narrows it to incidents whose whole period lies inside', async ({
		page
	}) => {
		await openAtlas(page, '#from=2011-10&to=2011-11');
		await page.getByRole('radio', { name: 'entirely within the range' }).check();
		const within = expectedIds({ ...OCT_NOV_2011, within: true });
		expect(within.length).toBeLessThan(expectedIds(OCT_NOV_2011).length);
		await expectShown(page, within);
		await expect.poll(async () => (await hashParams(page)).get('within')).toBe('1');
		// Back to overlap: the wider set returns.
		await page.getByRole('radio', { name: 'overlaps the range' }).check();
		await expectShown(page, expectedIds(OCT_NOV_2011));
	});

	test('the range can be set from the keyboard alone', async ({ page }) => {
		await openAtlas(page);
		const start = startHandle(page);
		await start.focus();
		// January 2004 → January 2011 by years, then → October 2011 by months.
		for (let i = 0; i < 7; i++) await page.keyboard.press('PageUp');
		for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
		await expect(start).toHaveAttribute('aria-valuetext', 'October 2011');
		const end = endHandle(page);
		await end.focus();
		// December 2014 → December 2011, then → November 2011.
		for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
		await page.keyboard.press('ArrowLeft');
		await expect(end).toHaveAttribute('aria-valuetext', 'November 2011');
		await expect(end).toHaveAttribute('aria-valuenow', String(OCT_NOV_2011.to));
		await expectShown(page, expectedIds(OCT_NOV_2011));
		const params = await hashParams(page);
		expect([params.get('from'), params.get('to')]).toEqual(['2011-10', '2011-11']);

		// The handles never cross: End on the start handle stops at the end handle.
		await start.focus();
		await page.keyboard.press('End');
		await expect(start).toHaveAttribute('aria-valuetext', 'November 2011');
		await page.keyboard.press('Home');
		await expect(start).toHaveAttribute('aria-valuetext', 'January 2004');
	});

	test.describe('a malformed range falls back to no range', () => {
		for (const hash of [
			'#from=2011-13&to=2011-11',
			'#from=2011-12&to=2011-10',
			'#from=2011-10',
			'#from=yesterday&to=2011-11'
		]) {
			test(hash, async ({ page }) => {
				await openAtlas(page, hash);
				await expectShown(page, allIds);
				await expect(page.getByTestId('range-text')).toHaveText('All dates');
				await expect(startHandle(page)).toHaveAttribute('aria-valuetext', 'January 2004');
			});
		}
	});

	test('Play steps a window through the span and Pause stops it', async ({ page }) => {
		await openAtlas(page);
		await page.getByLabel('Window').selectOption('12');
		await page.getByLabel('Speed').selectOption({ label: 'fast' });
		await page.getByRole('button', { name: 'Play' }).click();
		const start = startHandle(page);
		// The first window is the first twelve months; the next one follows.
		await expect(start).toHaveAttribute('aria-valuetext', 'January 2004');
		await expect(endHandle(page)).toHaveAttribute('aria-valuetext', 'December 2004');
		await expect(start).toHaveAttribute('aria-valuetext', 'January 2005');
		await expect.poll(async () => (await hashParams(page)).get('from')).not.toBe('2004-01');
		await page.getByRole('button', { name: 'Pause' }).click();
		const paused = await start.getAttribute('aria-valuenow');
		const hash = await page.evaluate(() => window.location.hash);
		// Three "fast" steps' worth of time: a running play would have moved on by now.
		await page.waitForTimeout(3000);
		await expect(start).toHaveAttribute('aria-valuenow', paused!);
		expect(await page.evaluate(() => window.location.hash)).toBe(hash);
		await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
	});

	test('Play in cumulative mode keeps the start and grows the window', async ({ page }) => {
		await openAtlas(page);
		await page.getByLabel('Speed').selectOption({ label: 'fast' });
		await page.getByLabel('cumulative').check();
		await page.getByRole('button', { name: 'Play' }).click();
		await expect(endHandle(page)).toHaveAttribute('aria-valuetext', 'June 2004');
		await expect(startHandle(page)).toHaveAttribute('aria-valuetext', 'January 2004');
		await page.getByRole('button', { name: 'Pause' }).click();
	});
});
